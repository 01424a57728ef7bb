# replay --out replaces its file only with a complete CSV: a refused replay leaves the old
# file as it was, a finished one leaves the new file and no temporary beside it.
#
#   cmake -DNICSIM=path -DPCAPS=folder -DOUT=folder -P check_replay_out_atomic.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
file(WRITE "${OUT}/out.csv" "old results\n")
execute_process(COMMAND "${NICSIM}" replay --pcap "${PCAPS}/format.pcap" --rss-key 6d5a --out "${OUT}/out.csv"
  OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ "${OUT}/out.csv" kept)
if(NOT rc EQUAL 2 OR NOT kept STREQUAL "old results\n")
  message(FATAL_ERROR "a refused replay (exit ${rc}) touched --out:\n${kept}\n${err}")
endif()
execute_process(COMMAND "${NICSIM}" replay --pcap "${PCAPS}/format.pcap" --out "${OUT}/out.csv"
  OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
file(STRINGS "${OUT}/out.csv" rows)
list(LENGTH rows n)
file(GLOB left LIST_DIRECTORIES true "${OUT}/.*")
if(NOT rc EQUAL 0 OR n LESS 2 OR left)
  message(FATAL_ERROR "replay (exit ${rc}) wrote ${n} lines, left: ${left}\n${err}")
endif()
message(STATUS "replay --out: the old file kept when refused, replaced whole when done")
