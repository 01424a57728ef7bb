# The DMA subsystem alone: rtl/nic_dma.sv (desc_fetch, rx_dma, tx_dma, desc_writeback,
# axi_dma_arbiter) Verilated as its own top at nic_top's parameters, with its SystemVerilog
# assertions on (--assert), against the C++ reference nic_dma_reference.* and the neighbour
# models nic_dma_models.hpp. Included from tests/CMakeLists.txt.
#
# Verilator elaborates only what sits under the top, so the whole rtl/ source list is given.
# Lint warnings are the `lint` tests' job (-Wno-fatal as for the NIC model).
add_library(nic_dma_rtl STATIC)
nicsim_verilate(nic_dma_rtl
  PREFIX Vnic_dma
  TOP_MODULE nic_dma
  SOURCES ${NICSIM_RTL_SOURCES}
  VERILATOR_ARGS -O3 --x-assign fast --x-initial fast --assert -Wno-fatal
  OPT_FAST -O2
  DEPENDS nicsim_regmap)
# Verilator's headers are not written for our warning set: consumers see them as system headers.
set_target_properties(nic_dma_rtl PROPERTIES SYSTEM TRUE)

add_executable(test_nic_dma ${CMAKE_CURRENT_LIST_DIR}/test_nic_dma.cpp ${CMAKE_CURRENT_LIST_DIR}/nic_dma_reference.cpp)
target_link_libraries(test_nic_dma PRIVATE nicsim_catch_main nic_dma_rtl nicsim::bus nicsim::regs nicsim::warnings)
nicsim_discover_tests(test_nic_dma rtl ${CMAKE_CURRENT_LIST_DIR}/test_nic_dma.cpp)
