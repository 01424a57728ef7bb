# Steering filter table: the Verilated rtl/steering_filter_table.sv against the C++ reference
# model/steering_filters. Included from tests/CMakeLists.txt.

# The table alone, Verilated twice into one library: Vsteering_filter_table with the map's 64
# rules, and Vsteering_filter_table_small with 5, so that "rules >= NumRules read 0 and ignore
# writes" is exercised (and a second parameterisation is checked). The small count is
# repeated in DutParams in test_steering_filter_table.cpp.
# steering_filter_table_public.vlt makes the 64-rule model's hit counters writable from C++,
# so the test can preset them near 2**32 and see the 64-bit carry and the _lo/_hi snapshot
# without 4 billion lookups.
set(_steering_filter_table_sources
  ${NICSIM_REGS_PKG}
  ${PROJECT_SOURCE_DIR}/rtl/steering_filter_table.sv)
add_library(steering_filter_table_rtl STATIC)
nicsim_verilate(steering_filter_table_rtl
  PREFIX Vsteering_filter_table
  TOP_MODULE steering_filter_table
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/steering_filter_table_public.vlt ${_steering_filter_table_sources}
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast
  DEPENDS nicsim_regmap)
nicsim_verilate(steering_filter_table_rtl
  PREFIX Vsteering_filter_table_small
  TOP_MODULE steering_filter_table
  SOURCES ${_steering_filter_table_sources}
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast -GNumRules=5
  DEPENDS nicsim_regmap)
# Verilator's headers are not written for our warning set: consumers see them as system headers.
set_target_properties(steering_filter_table_rtl PROPERTIES SYSTEM TRUE)

add_executable(test_steering_filter_table ${CMAKE_CURRENT_LIST_DIR}/test_steering_filter_table.cpp)
target_link_libraries(test_steering_filter_table PRIVATE
  nicsim_catch_main steering_filter_table_rtl nicsim::model nicsim::regs nicsim::warnings)
nicsim_discover_tests(test_steering_filter_table rtl ${CMAKE_CURRENT_LIST_DIR}/test_steering_filter_table.cpp)
