# A command given bad input exits with status 2 and says why on stderr, one "nicsim: " line
# matching EXPECT (a regular expression), with nothing on stdout.
#
#   cmake -DNICSIM=path -DARGS="bridge --udp 0 --duration 1 --policy nope" -DEXPECT=regex -P check_rejects.cmake
#
# With -DMUST_NOT_EXIST=path, that path must not exist afterwards either (a refused sweep
# creates no output folder).
#
# ARGS is split as a Unix shell would (separate_arguments). A regression that accepted the
# input would print to stdout and exit 0 (the bad-input runs are given --duration 1 or the
# like so that even then they end): both are caught here, which PASS_REGULAR_EXPRESSION,
# looking only at the output, would not.
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${NICSIM}" ${args}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "nicsim ${ARGS}: exit status ${rc}, expected 2\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "nicsim ${ARGS}: printed output although the input was refused:\n${out}")
endif()
if(NOT err MATCHES "^nicsim: ")
  message(FATAL_ERROR "nicsim ${ARGS}: expected one 'nicsim: ' error line, got:\n${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "nicsim ${ARGS}: the error does not match '${EXPECT}':\n${err}")
endif()
if(DEFINED MUST_NOT_EXIST AND EXISTS "${MUST_NOT_EXIST}")
  message(FATAL_ERROR "nicsim ${ARGS}: refused, but left ${MUST_NOT_EXIST} behind")
endif()
message(STATUS "refused with status 2: ${err}")
