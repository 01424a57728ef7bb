# Runs nicsim loopback twice with one seed and compares the output, wall-clock lines removed.
foreach(i 1 2)
  execute_process(COMMAND "${NICSIM}" loopback --packets 300 --flows 8 --queues 2 --seed 42
    OUTPUT_VARIABLE out_${i} RESULT_VARIABLE rc_${i})
  if(NOT rc_${i} EQUAL 0)
    message(FATAL_ERROR "nicsim run failed (${rc_${i}}):\n${out_${i}}")
  endif()
  string(REGEX REPLACE "[^\n]*(wall_s|per_s)[^\n]*\n" "" out_${i} "${out_${i}}")
endforeach()
if(NOT out_1 STREQUAL out_2)
  message(FATAL_ERROR "two runs with seed 42 differ:\n--- first\n${out_1}\n--- second\n${out_2}")
endif()
message(STATUS "identical output for seed 42")
