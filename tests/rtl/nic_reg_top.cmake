# The generated register top alone: build/generated/rtl/nic_reg_top.sv (from rtl/regmap.toml),
# Verilated at its own default parameters, against the access types the map declares.
# Included from tests/CMakeLists.txt.
add_library(nic_reg_top_rtl STATIC)
nicsim_verilate(nic_reg_top_rtl
  PREFIX Vnic_reg_top
  TOP_MODULE nic_reg_top
  SOURCES ${NICSIM_REGS_PKG} ${NICSIM_REG_TOP}
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast
  DEPENDS nicsim_regmap)
# Verilator's headers are not written for our warning set: consumers see them as system headers.
set_target_properties(nic_reg_top_rtl PROPERTIES SYSTEM TRUE)

add_executable(test_nic_reg_top ${CMAKE_CURRENT_LIST_DIR}/test_nic_reg_top.cpp)
target_link_libraries(test_nic_reg_top PRIVATE nicsim_catch_main nic_reg_top_rtl nicsim::regs nicsim::warnings)
nicsim_discover_tests(test_nic_reg_top rtl ${CMAKE_CURRENT_LIST_DIR}/test_nic_reg_top.cpp)
