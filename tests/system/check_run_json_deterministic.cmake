# nicsim run --json twice with one seed: byte-identical once wall-clock fields are removed.
foreach(i 1 2)
  execute_process(COMMAND "${NICSIM}" run --json --packets 400 --load 300000 --flows 16 --seed 99
    OUTPUT_VARIABLE out_${i} RESULT_VARIABLE rc_${i})
  if(NOT rc_${i} EQUAL 0)
    message(FATAL_ERROR "nicsim run failed (${rc_${i}}):\n${out_${i}}")
  endif()
  string(REGEX REPLACE "\"wall_s\":[0-9.e+-]+,?" "" out_${i} "${out_${i}}")
endforeach()
if(NOT out_1 STREQUAL out_2)
  message(FATAL_ERROR "two runs with seed 99 differ:\n--- first\n${out_1}\n--- second\n${out_2}")
endif()
message(STATUS "identical JSON for seed 99:\n${out_1}")
