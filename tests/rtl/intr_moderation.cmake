# Interrupt-moderation primitive: the Verilated rtl/intr_moderation.sv, the C++ reference model,
# and the test comparing the two cycle for cycle. Included from tests/CMakeLists.txt.

# The primitive alone, Verilated twice into one library: Vintr_moderation with the default
# parameters, and Vintr_moderation_narrow whose narrow counters saturate within a few cycles, so
# that the random test reaches the saturation corners (and a second parameterisation is checked).
# The narrow parameters are repeated in DutParams in test_intr_moderation.cpp.
add_library(intr_moderation_rtl STATIC)
nicsim_verilate(intr_moderation_rtl
  PREFIX Vintr_moderation
  TOP_MODULE intr_moderation
  SOURCES ${PROJECT_SOURCE_DIR}/rtl/intr_moderation.sv
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast)
nicsim_verilate(intr_moderation_rtl
  PREFIX Vintr_moderation_narrow
  TOP_MODULE intr_moderation
  SOURCES ${PROJECT_SOURCE_DIR}/rtl/intr_moderation.sv
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast -GEventWidth=8 -GUsecsWidth=4 -GFramesWidth=6)
# Verilator's headers are not written for our warning set: consumers see them as system headers.
set_target_properties(intr_moderation_rtl PROPERTIES SYSTEM TRUE)

add_executable(test_intr_moderation ${CMAKE_CURRENT_LIST_DIR}/test_intr_moderation.cpp)
target_link_libraries(test_intr_moderation PRIVATE
  nicsim_catch_main intr_moderation_rtl nicsim::model nicsim::warnings)
nicsim_discover_tests(test_intr_moderation rtl ${CMAKE_CURRENT_LIST_DIR}/test_intr_moderation.cpp)
