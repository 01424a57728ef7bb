# Every dependency is a Debian 12 package; scripts/install-deps installs the missing ones.
find_package(verilator REQUIRED HINTS $ENV{VERILATOR_ROOT})
find_package(Catch2 2 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)
