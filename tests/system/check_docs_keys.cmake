# docs/knobs.md's table is `nicsim run --list-keys`, between its two markers: the knob table
# (testbench/cosim/run_config.cpp) is the one list of keys, types, ranges and defaults, and
# the doc a copy kept current. --help shows the same types and ranges (run_help_shows_types).
execute_process(COMMAND "${NICSIM}" run --list-keys OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nicsim run --list-keys: exit ${rc}")
endif()
file(READ "${DOC}" doc)
string(REGEX MATCH "<!-- keys: [^\n]*-->\n(.*)<!-- end of keys -->" _ "${doc}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "${DOC}: no key table between '<!-- keys: ... -->' and '<!-- end of keys -->'")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL generated)
  message(FATAL_ERROR "docs/knobs.md's table is not the knob table's; replace it with the output of "
                      "`build/nicsim run --list-keys`:\n${generated}")
endif()
