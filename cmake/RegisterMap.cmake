# Generates the register package, header and docs from rtl/regmap.toml at configure time.
#
# Why configure time: Verilator's CMake `verilate()` runs Verilator once during configure to
# learn the generated file names, so the SystemVerilog package must already exist then.
# Editing the description or the generator re-runs configure (CMAKE_CONFIGURE_DEPENDS).
set(NICSIM_REGMAP "${PROJECT_SOURCE_DIR}/rtl/regmap.toml")
set(NICSIM_REGMAP_GEN_SRC "${PROJECT_SOURCE_DIR}/tools/regmap_gen.cpp")
set(NICSIM_GENERATED_DIR "${PROJECT_BINARY_DIR}/generated")
# The package is written into rtl/ and checked in, like docs/registers.md, so that rtl/ alone
# lints, simulates and synthesizes without a build; configure rewrites it when it changes.
set(NICSIM_REGS_PKG "${PROJECT_SOURCE_DIR}/rtl/nic_regmap_pkg.sv")
set(NICSIM_REGS_HPP "${NICSIM_GENERATED_DIR}/nic_regs.hpp")
set(NICSIM_REGS_MD "${PROJECT_SOURCE_DIR}/docs/registers.md")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${NICSIM_REGMAP}" "${NICSIM_REGMAP_GEN_SRC}")

file(MAKE_DIRECTORY "${NICSIM_GENERATED_DIR}")
set(_regmap_gen "${PROJECT_BINARY_DIR}/tools/regmap_gen")
file(MAKE_DIRECTORY "${PROJECT_BINARY_DIR}/tools")
if(NOT EXISTS "${_regmap_gen}" OR "${NICSIM_REGMAP_GEN_SRC}" IS_NEWER_THAN "${_regmap_gen}")
  execute_process(
    COMMAND "${CMAKE_CXX_COMPILER}" -std=c++20 -O1 -DTOML_HEADER_ONLY=0 -DTOML_SHARED_LIB=1
            "${NICSIM_REGMAP_GEN_SRC}" -o "${_regmap_gen}" -ltomlplusplus
    RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "building tools/regmap_gen failed:\n${_err}")
  endif()
endif()
execute_process(
  COMMAND "${_regmap_gen}" "${NICSIM_REGMAP}" "${NICSIM_REGS_PKG}" "${NICSIM_REGS_HPP}" "${NICSIM_REGS_MD}"
  RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${_err}")
endif()

add_library(nicsim_regs INTERFACE)
add_library(nicsim::regs ALIAS nicsim_regs)
target_include_directories(nicsim_regs INTERFACE "${NICSIM_GENERATED_DIR}")
