# Full-duplex line rate through the RTL NIC (issue 14): `nicsim loopback --json` at 10 GbE
# line rate for the frame size, forwarding every received frame, must receive and transmit
# every offered frame with no NIC drop. ARGS: the loopback options of the point.
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${NICSIM}" loopback --json ${args}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nicsim loopback ${ARGS}: exit ${rc}\n${err}\n${out}")
endif()
foreach(key offered received transmitted nic_drops)
  string(JSON ${key} GET "${out}" ${key})
endforeach()
string(JSON rd_busy GET "${out}" counters dma_rd_busy_cycles)
string(JSON wr_busy GET "${out}" counters dma_wr_busy_cycles)
message(STATUS "offered ${offered} received ${received} transmitted ${transmitted} nic_drops ${nic_drops} "
               "dma_rd_busy_cycles ${rd_busy} dma_wr_busy_cycles ${wr_busy}")
if(NOT received EQUAL offered OR NOT transmitted EQUAL offered OR NOT nic_drops EQUAL 0)
  message(FATAL_ERROR "not line rate: offered ${offered}, received ${received}, transmitted ${transmitted}, "
                      "nic_drops ${nic_drops}")
endif()
if(rd_busy EQUAL 0 OR wr_busy EQUAL 0)
  message(FATAL_ERROR "the DMA busy counters did not count")
endif()
