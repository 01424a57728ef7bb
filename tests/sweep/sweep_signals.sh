#!/usr/bin/env bash
# A sweep stopped by a signal while it reruns a plan into its finished folder:
# - Ctrl-C (SIGINT to its whole process group, runs included) exits 130, SIGTERM to the sweep
#   alone exits 143; either way the folder's results, plots and plot data are byte for byte
#   the old ones, and the runs that finished are kept: --resume then runs only the others and
#   gives the same bytes as the complete sweep.
# - SIGKILL of the sweep: its `nicsim run` children die with it (PR_SET_PDEATHSIG).
#
#   sweep_signals.sh NICSIM WORKDIR
set -uo pipefail
nicsim=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
out=$work/out
deadline=$((SECONDS + 120))

fail() {
    echo "FAIL: $*"
    for f in "$work"/*.log; do [[ -s $f ]] && { echo "--- $f"; cat "$f"; }; done
    exit 1
}

# Three runs of about half a second each, one at a time: a signal after the first has ended
# lands in the middle of the sweep.
plan=(--policies napi --loads 400000,500000,600000 --packets 2000)

# The pids whose parent is $1 (read from /proc: no procps needed).
children_of() {
    local parent=$1 stat line rest child ppid
    for stat in /proc/[0-9]*/stat; do
        read -r line <"$stat" 2>/dev/null || continue
        rest=${line##*) }  # what follows the command name, which may hold spaces
        read -r _ ppid _ <<<"$rest"
        [[ $ppid == "$parent" ]] || continue
        child=${stat#/proc/}
        echo "${child%/stat}"
    done
}

# Checksums of the folder's own files (results, plan, plots, plot data), not runs/.
outputs() { (cd "$out" && sha256sum -- *.csv *.json *.toml *.gp *.svg *.png *.dat); }

# wait_for_status N PID: until N runs of the current sweep have ended (their ID.status).
wait_for_status() {
    while (($(ls "$out"/runs/*.status 2>/dev/null | wc -l) < $1)); do
        kill -0 "$2" 2>/dev/null || fail "the sweep ended before $1 run(s) had"
        ((SECONDS < deadline)) || fail "no $1 finished run(s) before the deadline"
        sleep 0.02
    done
}

"$nicsim" sweep "${plan[@]}" --jobs 1 --out "$out" >"$work/complete.log" 2>&1 || fail "the first sweep failed"
complete=$(outputs)
cp "$out/results.csv" "$work/complete.csv"

stop_rerun() {  # SIGNAL WHO EXPECTED_STATUS
    # Its own process group, as a shell gives a command run at the terminal.
    setsid "$nicsim" sweep "${plan[@]}" --jobs 1 --out "$out" >"$work/$1.log" 2>&1 &
    local pid=$!
    # The rerun's header comes once it has cleared the old runs' records.
    while ! grep -q "^sweep default:" "$work/$1.log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || fail "SIG$1: the rerun ended before it started"
        ((SECONDS < deadline)) || fail "SIG$1: the rerun did not start before the deadline"
        sleep 0.02
    done
    wait_for_status 1 "$pid"
    if [[ $2 == group ]]; then kill "-$1" -- "-$pid"; else kill "-$1" "$pid"; fi
    wait "$pid"
    local rc=$?
    ((rc == $3)) || fail "SIG$1 to the sweep ($2): exit $rc, expected $3"
    grep -q "sweep interrupted (signal" "$work/$1.log" || fail "SIG$1: no word of the interruption"
    [[ $(outputs) == "$complete" ]] || fail "SIG$1 during a rerun changed the folder's results or plots"
    local kept
    kept=$(grep -l '^0$' "$out"/runs/*.status 2>/dev/null | wc -l)
    ((kept >= 1 && kept < 3)) || fail "SIG$1: $kept runs kept, expected the one or two that finished"
    echo "SIG$1 ($2): exit $rc, results as they were, $kept of 3 runs kept"
}
stop_rerun INT group 130
stop_rerun TERM sweep 143

"$nicsim" sweep --resume "$out" >"$work/resume.log" 2>&1 || fail "--resume failed"
grep -Eq "resuming: [12] of 3 runs finished, running [12]" "$work/resume.log" || fail "--resume ran more than was missing"
cmp -s "$out/results.csv" "$work/complete.csv" || fail "the resumed results differ from the complete sweep's"
echo "--resume: $(grep resuming "$work/resume.log"), results identical"

# SIGKILL: the sweep cannot clean up, but its runs must not outlive it. Each run here would
# take some 20 s; they must be gone within 3 s of their sweep.
"$nicsim" sweep --policies napi --loads 100000,110000 --packets 20000 --jobs 2 --out "$work/killed" \
    >"$work/killed.log" 2>&1 &
pid=$!
children=""
while [[ -z $children ]]; do
    children=$(children_of "$pid")
    kill -0 "$pid" 2>/dev/null || fail "the sweep ended before it started a run"
    ((SECONDS < deadline)) || fail "no run started before the deadline"
    sleep 0.01
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
killed_at=$SECONDS
for child in $children; do
    while [[ -e /proc/$child && $(awk '{print $3}' "/proc/$child/stat" 2>/dev/null) != Z ]]; do
        if ((SECONDS >= killed_at + 3)); then
            kill -KILL $children 2>/dev/null
            fail "run $child outlived its SIGKILLed sweep"
        fi
        sleep 0.02
    done
done
echo "SIGKILL: the sweep's runs ($(echo $children)) ended with it"
