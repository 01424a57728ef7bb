# A sweep folder records its plan. Into a folder holding another plan's results a sweep is
# refused (exit 2, naming the folder) and nothing there changes; --force replaces them and
# removes what the new results do not include (data_*.dat, cores_*.dat, cores.svg of the old
# plan); --resume runs only the missing and failed runs and gives the same bytes.
#
#   cmake -DNICSIM=path -DOUT=folder -P check_sweep_folder.cmake
set(a "${OUT}/a")
set(b "${OUT}/b")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")

function(sweep expect_rc)
  execute_process(COMMAND "${NICSIM}" sweep ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "nicsim sweep ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(hashes dir var)
  file(GLOB files LIST_DIRECTORIES false "${dir}/*")
  set(h "")
  foreach(f IN LISTS files)
    file(SHA256 "${f}" s)
    list(APPEND h "${f}=${s}")
  endforeach()
  set(${var} "${h}" PARENT_SCOPE)
endfunction()

# Plan A: three policies on the default preset's two cores.
set(plan_a --policies napi,busy-poll,bsd-interrupt --loads 400000,800000 --packets 200 --jobs 2)
sweep(0 ${plan_a} --out "${a}")
foreach(f plan.toml runs/plan.toml data_2.dat cores.svg cores_0.dat cores_2.dat)
  if(NOT EXISTS "${a}/${f}")
    message(FATAL_ERROR "plan A did not write ${f}")
  endif()
endforeach()
hashes("${a}" before)

# Plan B (one policy, one core) into A's folder: refused, nothing changed.
set(plan_b --policies napi --loads 400000 --packets 200 --axis cores=1)
sweep(2 ${plan_b} --out "${a}")
if(NOT err MATCHES "nicsim: ${a}: holds the results of another sweep plan")
  message(FATAL_ERROR "the refusal does not name the folder:\n${err}")
endif()
hashes("${a}" after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "a refused sweep changed the folder")
endif()

# With --force: B's results, and none of A's left over.
sweep(0 ${plan_b} --out "${a}" --force)
foreach(f data_1.dat data_2.dat cores.svg cores_0.dat cores_1.dat cores_2.dat)
  if(EXISTS "${a}/${f}")
    message(FATAL_ERROR "--force left plan A's ${f} behind")
  endif()
endforeach()
file(STRINGS "${a}/results.csv" rows)
list(LENGTH rows n)
file(READ "${a}/plan.toml" plan)
if(NOT n EQUAL 2 OR NOT plan MATCHES "cores = \\[1\\]")
  message(FATAL_ERROR "--force did not leave plan B's results (${n} lines) and plan:\n${plan}")
endif()

# --resume: run 1 missing, run 2 failed; run 0 is kept (its log marked), the others rerun.
sweep(0 ${plan_a} --out "${b}")
file(READ "${b}/results.csv" complete)
file(REMOVE "${b}/runs/0001.status" "${b}/runs/0001.json")
file(WRITE "${b}/runs/0002.status" "1\n")
file(WRITE "${b}/runs/0000.log" "kept\n")
sweep(0 --resume "${b}")
if(NOT out MATCHES "resuming: 4 of 6 runs finished, running 2")
  message(FATAL_ERROR "--resume did not run just the missing and the failed run:\n${out}")
endif()
file(READ "${b}/runs/0000.log" log0)
file(READ "${b}/results.csv" resumed)
if(NOT log0 STREQUAL "kept\n" OR NOT resumed STREQUAL complete)
  message(FATAL_ERROR "--resume reran a finished run, or its results differ from the complete sweep's")
endif()
# The same plan given with --resume is accepted; another is refused.
sweep(0 ${plan_a} --resume "${b}")
sweep(2 --policies napi --loads 400000 --packets 200 --resume "${b}")
if(NOT err MATCHES "${b}: holds the runs of another sweep plan")
  message(FATAL_ERROR "--resume with another plan: ${err}")
endif()
# A plain sweep of the same plan runs everything again.
sweep(0 ${plan_a} --out "${b}")
file(READ "${b}/runs/0000.log" log0)
if(log0 STREQUAL "kept\n")
  message(FATAL_ERROR "a sweep without --resume kept a finished run")
endif()
message(STATUS "refused another plan, --force replaced it, --resume ran only what was missing")
