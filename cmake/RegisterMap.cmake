# Generates, at build time, everything rtl/regmap.toml describes, into the build tree:
#   generated/rtl/nic_regmap_pkg.sv   the SystemVerilog package (rtl/ keeps a copy, below)
#   generated/rtl/nic_reg_top.sv      the register top: decode, storage, access, read-back (and)
#   generated/nic_regs.hpp            the C++ header (target nicsim::regs)
#   generated/registers.md            the table docs/registers.md must equal (test in tests/)
# by running the regmap_gen target (tools/regmap_gen). Anything that uses one of them depends
# on the custom target nicsim_regmap: the C++ code through nicsim::regs, the Verilated models
# through nicsim_verilate (cmake/Verilate.cmake), which runs Verilator at build time too, after
# the package exists, so nothing is generated when CMake configures.
#
# The two SystemVerilog files are also kept in rtl/ (nic_regmap_pkg.sv, nic_reg_top.sv), so
# that rtl/ is the whole RTL on its own (lint, synthesis, other simulators read it without a
# build); Verilator and the lint tests read those copies, and unit.regmap_gen.rtl_*_current
# fails when they differ from what this build generated (copy the generated files over them).
set(NICSIM_REGMAP "${PROJECT_SOURCE_DIR}/rtl/regmap.toml")
set(NICSIM_GENERATED_DIR "${PROJECT_BINARY_DIR}/generated")
set(NICSIM_GENERATED_REGS_PKG "${NICSIM_GENERATED_DIR}/rtl/nic_regmap_pkg.sv")
set(NICSIM_GENERATED_REG_TOP "${NICSIM_GENERATED_DIR}/rtl/nic_reg_top.sv")
set(NICSIM_REGS_PKG "${PROJECT_SOURCE_DIR}/rtl/nic_regmap_pkg.sv")
set(NICSIM_REG_TOP "${PROJECT_SOURCE_DIR}/rtl/nic_reg_top.sv")
set(NICSIM_REGS_HPP "${NICSIM_GENERATED_DIR}/nic_regs.hpp")
set(NICSIM_REGS_MD "${NICSIM_GENERATED_DIR}/registers.md")
set(_regmap_stamp "${NICSIM_GENERATED_DIR}/regmap.stamp")

file(MAKE_DIRECTORY "${NICSIM_GENERATED_DIR}/rtl")
# regmap_gen rewrites a file only when its content changes, so regenerating what did not change
# rebuilds nothing; the stamp records that the generator ran.
add_custom_command(
  OUTPUT "${_regmap_stamp}"
  BYPRODUCTS "${NICSIM_GENERATED_REGS_PKG}" "${NICSIM_GENERATED_REG_TOP}" "${NICSIM_REGS_HPP}" "${NICSIM_REGS_MD}"
  COMMAND regmap_gen "${NICSIM_REGMAP}" "${NICSIM_GENERATED_REGS_PKG}" "${NICSIM_GENERATED_REG_TOP}" "${NICSIM_REGS_HPP}"
          "${NICSIM_REGS_MD}"
  COMMAND ${CMAKE_COMMAND} -E touch "${_regmap_stamp}"
  DEPENDS regmap_gen "${NICSIM_REGMAP}"
  COMMENT "Generating the register package, register top, header and table from rtl/regmap.toml"
  VERBATIM)
add_custom_target(nicsim_regmap ALL DEPENDS "${_regmap_stamp}")

add_library(nicsim_regs INTERFACE)
add_library(nicsim::regs ALIAS nicsim_regs)
target_include_directories(nicsim_regs INTERFACE "${NICSIM_GENERATED_DIR}")
add_dependencies(nicsim_regs nicsim_regmap)
