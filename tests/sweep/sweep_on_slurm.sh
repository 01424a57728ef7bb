#!/usr/bin/env bash
# nicsim sweep --executor slurm against a real Slurm: a one-node cluster of this machine from
# scripts/slurm-local (which installs Debian's slurm-wlm and munge if they are missing),
# stopped again however this script ends. Checks:
# - bad input (an unknown partition, a job Slurm rejects, a bad time limit, an unwritable
#   folder, an unknown axis key) is refused with exit 2 before any job is submitted, and no
#   folder is left;
# - a sweep whose runs partly fail and partly are cancelled names each with its Slurm state
#   and log; --resume submits only those again; the results are then byte for byte those of
#   the same plan run locally;
# - Ctrl-C cancels the array job.
# Without root it skips (exit 77): installing packages and running slurmd need it.
#
#   sweep_on_slurm.sh NICSIM SOURCE_DIR WORKDIR
set -uo pipefail
nicsim=$1
src=$2
work=$3
if [[ $(id -u) -ne 0 ]]; then
    echo "SKIP: needs root, to install slurm-wlm and munge and to run slurmd (scripts/slurm-local)"
    exit 77
fi
rm -rf "$work"
mkdir -p "$work"
deadline=$((SECONDS + 240))  # CTest's TIMEOUT is 300 s

# The cluster lives in a short path of its own (munge's socket path is limited to 108 bytes),
# on ports no other Slurm here listens on.
cluster=$(mktemp -d /tmp/nicsim-slurm.XXXXXX)
port=6917
while ss -Hltn | awk '{print $4}' | grep -Eq ":($port|$((port + 1)))$"; do port=$((port + 2)); done
export NICSIM_SLURMCTLD_PORT=$port NICSIM_SLURMD_PORT=$((port + 1))
stop_cluster() {
    "$src/scripts/slurm-local" stop "$cluster" >>"$work/cluster.log" 2>&1
    [[ -d $cluster/log ]] && cp -r "$cluster/log" "$work/cluster-logs"
    rm -rf "$cluster"
}
trap stop_cluster EXIT
# Should this script be killed outright (CTest ends a test past its TIMEOUT with SIGKILL, which
# no trap sees), a watchdog outside its process group still ends the sweeps it started in the
# background (their pids in $cluster/pids) and stops the daemons.
setsid bash -c "while kill -0 $$ 2>/dev/null; do sleep 1; done
                [[ -s '$cluster/pids' ]] && kill -TERM \$(cat '$cluster/pids') 2>/dev/null
                '$src/scripts/slurm-local' stop '$cluster'; rm -rf '$cluster'" </dev/null >/dev/null 2>&1 &
track() { echo "$1" >>"$cluster/pids"; }

fail() {
    echo "FAIL: $*"
    for f in "$work"/*.log; do [[ -s $f ]] && { echo "--- $f"; tail -n 40 "$f"; }; done
    for f in "$cluster"/log/slurmctld.log "$cluster"/log/slurmd.log; do [[ -s $f ]] && { echo "--- $f"; tail -n 20 "$f"; }; done
    exit 1
}
left() { local l=$((deadline - SECONDS)); ((l < 1)) && l=1; echo "$l"; }

started=$SECONDS
env_line=$("$src/scripts/slurm-local" start "$cluster" 2>>"$work/cluster.log") || fail "the one-node Slurm did not start"
eval "$env_line"  # export SLURM_CONF=...
echo "one-node Slurm up in $((SECONDS - started)) s (ports $port, $((port + 1)))"

sweep() {  # LOG ARGS...: runs nicsim sweep, its exit status in $rc
    local log=$1
    shift
    timeout "$(left)" "$nicsim" sweep "$@" >"$work/$log.log" 2>&1
    rc=$?
}

# ---- Refused before anything is submitted or written.
small=(--policies napi --loads 500000 --packets 100 --executor slurm)
refuse() {  # NAME REGEX ARGS...
    local name=$1 regex=$2
    shift 2
    sweep "refused-$name" "${small[@]}" --out "$work/refused" "$@"
    ((rc == 2)) || fail "$name: exit $rc, expected 2"
    grep -Eq -- "$regex" "$work/refused-$name.log" || fail "$name: the message does not match '$regex'"
    [[ ! -e $work/refused ]] || fail "$name: a refused sweep left $work/refused"
}
refuse partition "Slurm refuses the job \(nothing was submitted\): .*invalid partition specified: nope" --partition nope
refuse cpus "Slurm refuses the job .*Requested node configuration is not available" --cpus-per-task 64
refuse time "Slurm refuses the job .*Invalid --time specification" --time bogus
refuse axis "axis quot: unknown key 'quot'" --axis quot=1,2
sweep refused-out "${small[@]}" --out /sys/nicsim-sweep-test/out
((rc == 2)) && grep -q "cannot create /sys/nicsim-sweep-test" "$work/refused-out.log" || fail "unwritable --out: exit $rc"
[[ $(scontrol show job 2>&1) == "No jobs in the system" ]] || fail "a refused sweep submitted a job: $(scontrol show job)"
echo "refused before submission: unknown partition, 64 CPUs per task, a bad time limit, an unknown axis key, an unwritable folder"

# ---- The same plan locally and on Slurm. drain-timeout-us = 1 with rx-usecs = 1000 leaves
# packets in flight at 1,000,000 packets/s: those runs fail (exit 3, out of drain time), locally and on Slurm.
plan=(--policies napi --loads 500000,1000000 --packets 200 --seeds 2 --axis drain-timeout-us=1,100000
      --axis rx-usecs=1000 --axis arrivals=poisson)
t0=$SECONDS
sweep local "${plan[@]}" --out "$work/local"
local_rc=$rc
((local_rc == 1)) || fail "the local sweep: exit $local_rc, expected 1 (runs at drain-timeout-us = 1 fail)"
echo "local sweep: 8 runs in $((SECONDS - t0)) s, exit $local_rc"

# One task at a time (2 CPUs each on a 2-CPU node), so the last is still pending when it is
# cancelled, as if by a user.
slurm_out=$work/slurm
t0=$SECONDS
timeout "$(left)" "$nicsim" sweep "${plan[@]}" --executor slurm --cpus-per-task 2 --out "$slurm_out" \
    >"$work/slurm.log" 2>&1 &
pid=$!
track "$pid"
while [[ ! -s $slurm_out/runs/slurm/job ]]; do
    kill -0 "$pid" 2>/dev/null || fail "the slurm sweep ended before it submitted"
    ((SECONDS < deadline)) || fail "no job submitted before the deadline"
    sleep 0.05
done
job=$(<"$slurm_out/runs/slurm/job")
scancel "${job}_7"
wait "$pid"
rc=$?
((rc == 1)) || fail "the slurm sweep with a cancelled task: exit $rc, expected 1"
grep -Eq "\(run 0007\): Slurm (CANCELLED|removed while PENDING)" "$work/slurm.log" || fail "the cancelled run is not named with its state"
grep -E "Slurm FAILED \(exit code 1:0\), exit 3: the drain time ran out with [0-9]+ packets still in flight .*; log .*/runs/[0-9]+\.log; task log .*/runs/slurm/${job}_[0-9]+\.out" \
    "$work/slurm.log" >"$work/failed-lines.txt" || fail "a failed run is not named with its state and logs"
task_log=$(sed -n 's/.*task log \([^ ]*\.out\).*/\1/p' "$work/failed-lines.txt" | head -n1)
[[ -s $task_log ]] || fail "the task log named, $task_log, is not there"
echo "slurm sweep (job $job): $((SECONDS - t0)) s; the cancelled and the failed runs named with state and logs"

finished=$(grep -l '^0$' "$slurm_out"/runs/*.status 2>/dev/null | wc -l)
t0=$SECONDS
sweep resume --resume "$slurm_out" --executor slurm
((rc == local_rc)) || fail "--resume on Slurm: exit $rc, expected $local_rc as locally"
grep -q "resuming: $finished of 8 runs finished, running $((8 - finished))" "$work/resume.log" ||
    fail "--resume did not submit only the $((8 - finished)) missing and failed runs"
grep -q "submitted $((8 - finished)) runs as Slurm array job" "$work/resume.log" || fail "--resume submitted another number of runs"
echo "resume: $((8 - finished)) runs submitted again in $((SECONDS - t0)) s"

for f in "$work/local"/*; do
    name=$(basename "$f")
    [[ -f $f && $name != timing.csv ]] || continue
    cmp -s "$f" "$slurm_out/$name" || fail "$name differs between the local and the Slurm sweep"
done
for f in "$slurm_out"/*; do
    [[ -f $f && -e $work/local/$(basename "$f") ]] || [[ -d $f ]] || fail "the Slurm sweep wrote $(basename "$f"), the local one did not"
done
echo "results.csv, results.json, plan.toml, plots and their data: byte-identical to the local sweep"

# ---- Ctrl-C: the array job is cancelled, the sweep exits 130.
setsid timeout "$(left)" "$nicsim" sweep --policies napi --loads 100000,110000 --packets 20000 --executor slurm \
    --cpus-per-task 2 --out "$work/interrupted" >"$work/interrupted.log" 2>&1 &
pid=$!
track "$pid"
while [[ ! -s $work/interrupted/runs/slurm/job ]]; do
    kill -0 "$pid" 2>/dev/null || fail "the sweep to interrupt ended before it submitted"
    sleep 0.05
done
job=$(<"$work/interrupted/runs/slurm/job")
kill -INT -- "-$pid"
wait "$pid"
rc=$?
((rc == 130)) || fail "Ctrl-C of a slurm sweep: exit $rc, expected 130"
grep -q "cancelling Slurm job $job" "$work/interrupted.log" || fail "Ctrl-C did not cancel the job"
[[ -z $(squeue -h -j "$job" 2>/dev/null) ]] || fail "job $job still queued after Ctrl-C"
echo "Ctrl-C: job $job cancelled, exit 130"

trap - EXIT
stop_cluster
for cmdline in /proc/[0-9]*/cmdline; do
    p=${cmdline#/proc/}
    p=${p%/cmdline}
    [[ $(cat "/proc/$p/comm" 2>/dev/null) =~ ^(slurmd|slurmctld|munged)$ ]] || continue
    [[ $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) == Z ]] && continue
    tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -qF "$cluster" && fail "$(cat "/proc/$p/comm") (pid $p) of the test cluster still runs"
done
echo "daemons stopped; whole test $SECONDS s"
