# nicsim_verilate(): Verilator at build time, so that the RTL it reads may itself be generated
# by the build (the register package and top, cmake/RegisterMap.cmake).
#
# Verilator's own CMake function, verilate(), runs Verilator when CMake configures, to learn
# the names of the C++ files it will write (they carry content hashes): every SystemVerilog
# source must exist before the build starts. Here Verilator runs as a custom command, and a
# second step writes two files of fixed names that #include whatever it wrote, the model's
# per-cycle code and its setup code (the same classes Verilator's own makefiles compile
# together in one unit, VM_PARALLEL_BUILDS = 0), so the target's source list never changes.
#
#   nicsim_verilate(<target> PREFIX <name> TOP_MODULE <module> SOURCES <files...>
#                   [TRACE_FST] [VERILATOR_ARGS <args...>] [OPT_FAST <flags...>] [DEPENDS <targets...>])
#
# <target> is a static library; several models may go into one. Its users include <name>.h.
set(NICSIM_VERILATE_INCLUDER "${CMAKE_CURRENT_LIST_DIR}/VerilateIncluder.cmake")

function(nicsim_verilate target)
  cmake_parse_arguments(V "TRACE_FST" "PREFIX;TOP_MODULE" "SOURCES;VERILATOR_ARGS;OPT_FAST;DEPENDS" ${ARGN})
  set(vdir "${CMAKE_CURRENT_BINARY_DIR}/${V_PREFIX}.dir")
  set(fast "${vdir}/${V_PREFIX}__fast_all.cpp")
  set(slow "${vdir}/${V_PREFIX}__slow_all.cpp")
  set(trace_args)
  if(V_TRACE_FST)
    set(trace_args --trace-fst)
    set_property(TARGET ${target} PROPERTY NICSIM_VERILATED_TRACE ON)
    find_package(ZLIB REQUIRED)  # FST writes compressed blocks
    target_link_libraries(${target} PUBLIC ZLIB::ZLIB)
  endif()
  set(sources)
  foreach(s ${V_SOURCES})
    get_filename_component(s "${s}" ABSOLUTE)
    list(APPEND sources "${s}")
  endforeach()
  file(MAKE_DIRECTORY "${vdir}")
  add_custom_command(
    OUTPUT "${fast}" "${slow}"
    BYPRODUCTS "${vdir}/${V_PREFIX}.h"
    COMMAND "${VERILATOR_BIN}" --cc --compiler gcc --prefix ${V_PREFIX} --Mdir "${vdir}" --top-module ${V_TOP_MODULE}
            ${trace_args} ${V_VERILATOR_ARGS} ${sources}
    COMMAND ${CMAKE_COMMAND} -DMDIR=${vdir} -DPREFIX=${V_PREFIX} -P "${NICSIM_VERILATE_INCLUDER}"
    DEPENDS "${VERILATOR_BIN}" ${sources} ${V_DEPENDS}
    COMMENT "Verilating ${V_TOP_MODULE} into ${V_PREFIX}"
    VERBATIM)
  target_sources(${target} PRIVATE "${fast}" "${slow}")
  string(REPLACE ";" " " opt_fast "${V_OPT_FAST}")
  set_source_files_properties("${fast}" PROPERTIES COMPILE_FLAGS "${opt_fast}")
  target_include_directories(${target} PUBLIC "${vdir}")
  # Under -DNICSIM_SANITIZE=ON the model and Verilator's runtime are sanitized too: most of
  # what a run executes is theirs.
  if(NICSIM_SANITIZE)
    target_link_libraries(${target} PRIVATE nicsim::options)
  endif()
  if(V_DEPENDS)
    add_dependencies(${target} ${V_DEPENDS})
  endif()
  # The Verilator runtime, once per library; VM_TRACE applies to the whole library as with
  # verilate() (the runtime is compiled once for all its models).
  get_property(has_runtime TARGET ${target} PROPERTY NICSIM_VERILATOR_RUNTIME SET)
  if(NOT has_runtime)
    set_property(TARGET ${target} PROPERTY NICSIM_VERILATOR_RUNTIME ON)
    target_sources(${target} PRIVATE "${VERILATOR_ROOT}/include/verilated.cpp"
                                     "${VERILATOR_ROOT}/include/verilated_threads.cpp")
    target_include_directories(${target} PUBLIC "${VERILATOR_ROOT}/include" "${VERILATOR_ROOT}/include/vltstd")
    set(traced "$<BOOL:$<TARGET_PROPERTY:${target},NICSIM_VERILATED_TRACE>>")
    target_compile_definitions(${target} PRIVATE VM_COVERAGE=0 VM_SC=0 VM_TRACE=${traced} VM_TRACE_VCD=0
                                                 VM_TRACE_FST=${traced})
    target_sources(${target} PRIVATE "$<${traced}:${VERILATOR_ROOT}/include/verilated_fst_c.cpp>")
    target_link_libraries(${target} PUBLIC Threads::Threads)
    target_compile_features(${target} PRIVATE cxx_std_11)
  endif()
endfunction()
