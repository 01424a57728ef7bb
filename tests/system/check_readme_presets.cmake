# README's preset list is `nicsim sweep --list-presets --markdown`, between its two markers:
# the preset table (testbench/sweep/presets.cpp) is the one list, README a copy kept current.
execute_process(COMMAND "${NICSIM}" sweep --list-presets --markdown
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nicsim sweep --list-presets --markdown: exit ${rc}")
endif()
file(READ "${README}" readme)
string(REGEX MATCH "<!-- presets: [^\n]*-->\n(.*)<!-- end of presets -->" _ "${readme}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "${README}: no preset list between '<!-- presets: ... -->' and '<!-- end of presets -->'")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL generated)
  message(FATAL_ERROR "README's preset list is not the preset table's; replace it with the output of "
                      "`build/nicsim sweep --list-presets --markdown`:\n${generated}")
endif()
