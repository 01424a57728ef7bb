# Profile-guided optimisation (GCC's -fprofile-generate / -fprofile-use), for everything the
# build compiles: most of a run's time is the Verilated model's per-cycle code, whose branches
# GCC cannot predict on its own (docs/performance.md, "Profile-guided optimisation").
#
#   NICSIM_PGO=OFF       (default) an ordinary build
#   NICSIM_PGO=GENERATE  instrumented: every run adds to the profiles in NICSIM_PGO_DIR
#   NICSIM_PGO=USE       optimised with the profiles in NICSIM_PGO_DIR
#
# scripts/build-pgo does the three steps (instrumented build, training runs, optimised build).
# Object files are compiled from per-source profiles named after the object's path, so the
# GENERATE and USE builds must use the same build directory; -fprofile-partial-training keeps
# code the training did not run optimised as usual instead of for size.
set(NICSIM_PGO "OFF" CACHE STRING "Profile-guided optimisation: OFF, GENERATE or USE")
set_property(CACHE NICSIM_PGO PROPERTY STRINGS OFF GENERATE USE)
set(NICSIM_PGO_DIR "${PROJECT_BINARY_DIR}/pgo-profiles" CACHE PATH "Where the PGO profiles are written and read")

if(NICSIM_PGO STREQUAL "GENERATE")
  # single: the model runs in one thread per process; atomic updates would only slow training.
  add_compile_options(-fprofile-generate -fprofile-update=single "-fprofile-dir=${NICSIM_PGO_DIR}")
  add_link_options(-fprofile-generate)
elseif(NICSIM_PGO STREQUAL "USE")
  if(NOT IS_DIRECTORY "${NICSIM_PGO_DIR}")
    message(FATAL_ERROR "NICSIM_PGO=USE: no profiles in NICSIM_PGO_DIR = ${NICSIM_PGO_DIR}; "
                        "build with NICSIM_PGO=GENERATE and run it first (scripts/build-pgo)")
  endif()
  # A source the training never ran has no profile: not a reason to warn. A source edited
  # since the training no longer matches its profile: GCC then optimises its changed functions
  # without one and says so, instead of stopping the build (retrain with scripts/build-pgo).
  add_compile_options(-fprofile-use -fprofile-partial-training "-fprofile-dir=${NICSIM_PGO_DIR}"
                      -Wno-missing-profile -Wno-error=coverage-mismatch)
elseif(NOT NICSIM_PGO STREQUAL "OFF")
  message(FATAL_ERROR "NICSIM_PGO = ${NICSIM_PGO}: must be OFF, GENERATE or USE")
endif()
