# Every dependency is a Debian 12 package; scripts/install-deps installs the missing ones.
find_package(verilator REQUIRED HINTS $ENV{VERILATOR_ROOT})
find_package(Catch2 2 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Threads REQUIRED)
# Boost.Asio (header-only) for the bridge's TAP, UDP socket, timers and signals.
find_package(Boost 1.74 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

# SystemC: Debian ships a pkg-config file, no CMake package. Debian builds it as C++17, so
# every translation unit that includes it, compiled as C++20, must say so or linking fails
# on the API-version symbol.
pkg_check_modules(SYSTEMC REQUIRED IMPORTED_TARGET systemc)
add_library(nicsim_systemc INTERFACE)
add_library(nicsim::systemc ALIAS nicsim_systemc)
target_link_libraries(nicsim_systemc INTERFACE PkgConfig::SYSTEMC)
target_compile_definitions(nicsim_systemc INTERFACE SC_CPLUSPLUS=201703L SC_INCLUDE_DYNAMIC_PROCESSES)
get_target_property(_systemc_includes PkgConfig::SYSTEMC INTERFACE_INCLUDE_DIRECTORIES)
if(_systemc_includes)
  target_include_directories(nicsim_systemc SYSTEM INTERFACE ${_systemc_includes})
endif()
