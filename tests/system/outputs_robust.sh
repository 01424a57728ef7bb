#!/usr/bin/env bash
# Every command that writes a file, with that file's path pointing at a regular file (as a
# folder), into a missing folder, and at an earlier result:
# - a path that cannot be written is bad input: exit 2, a message naming the option and the
#   reason (no raw exception text), nothing created, before anything is simulated;
# - an earlier result is replaced only by a complete new one: a refused command, a trace
#   whose trigger never fires, and a command stopped by SIGTERM (exit 143) or SIGINT (130)
#   leave it byte for byte, with no temporary file beside it.
#
#   outputs_robust.sh NICSIM PCAPS WORKDIR
set -uo pipefail
nicsim=$1
pcaps=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
a_file=$work/a-file
echo "not a folder" >"$a_file"
old="earlier result"

fail() {
    echo "FAIL: $*"
    [[ -s $work/err ]] && { echo "--- stderr"; cat "$work/err"; }
    exit 1
}

# Runs a command, its stdout and stderr to files; sets rc.
try() {
    "$@" >"$work/out" 2>"$work/err"
    rc=$?
}

# A refusal: exit 2 and a message matching $1 (an extended regex), no "filesystem error".
expect_refused() {
    local pattern=$1
    shift
    try "$@"
    [[ $rc == 2 ]] || fail "$* exited $rc, not 2"
    grep -Eq -- "$pattern" "$work/err" || fail "$*: no message matching '$pattern'"
    grep -q "filesystem error" "$work/err" && fail "$*: raw exception text"
    return 0
}

# No temporary (.NAME.tmp-XXXXXX) or staging folder left in $1.
expect_no_temporaries() {
    local left
    left=$(find "$1" -maxdepth 1 -name '.*.tmp-*' -o -maxdepth 1 -name '.staging-*')
    [[ -z $left ]] || fail "temporaries left in $1: $left"
}

expect_old() {
    [[ $(cat "$1") == "$old" ]] || fail "$1 was changed: $(head -c 200 "$1")"
}

# Starts "$@" in the background, sends $1 once its temporary output exists (the command has
# started writing), and checks the exit status 128+N and that $2, an earlier result, is intact.
expect_stopped_by() {
    local signal=$1 status=$2 file=$3
    shift 3
    echo "$old" >"$file"
    "$@" >"$work/out" 2>"$work/err" &
    local pid=$! i
    for ((i = 0; i < 200; ++i)); do
        compgen -G "$(dirname "$file")/.$(basename "$file").tmp-*" >/dev/null && break
        sleep 0.05
    done
    sleep 0.5  # into the run itself, past the checks
    kill -s "$signal" "$pid"
    wait "$pid"
    rc=$?
    [[ $rc == "$status" ]] || fail "$* stopped by SIG$signal exited $rc, not $status"
    expect_old "$file"
    expect_no_temporaries "$(dirname "$file")"
}

# ---- run --trace
trace=$work/run.fst
expect_refused "^nicsim: --trace = $a_file/x.fst: cannot be written \(Not a directory\)" \
    "$nicsim" run --packets 100 --trace "$a_file/x.fst"
expect_refused "^nicsim: --trace = $work/missing/x.fst: cannot be written \(No such file or directory\)" \
    "$nicsim" run --packets 100 --trace "$work/missing/x.fst"
[[ -e $work/missing ]] && fail "run created $work/missing"
echo "$old" >"$trace"
expect_refused "load = 0: must be a number in 0.001..1000000000" "$nicsim" run --load 0 --trace "$trace"
expect_old "$trace"
try "$nicsim" run --packets 100 --trace "$trace" --trace-on error
[[ $rc == 0 ]] || fail "run --trace-on error exited $rc"
grep -q "no trace written to $trace: no error happened" "$work/err" || fail "run did not say why there is no trace"
expect_old "$trace"
expect_no_temporaries "$work"
try "$nicsim" run --packets 100 --trace "$trace"
[[ $rc == 0 ]] || fail "run --trace exited $rc"
[[ $(stat -c %s "$trace") -gt 1000 ]] || fail "run did not replace the old trace"
expect_no_temporaries "$work"
# A traced run of 20000 packets takes seconds: the signals land while it writes.
expect_stopped_by TERM 143 "$trace" "$nicsim" run --packets 20000 --load 1e6 --trace "$trace"
expect_stopped_by INT 130 "$trace" "$nicsim" run --packets 20000 --load 1e6 --trace "$trace"

# ---- loopback --trace
trace=$work/loopback.fst
expect_refused "^nicsim: --trace = $a_file/x.fst: cannot be written \(Not a directory\)" \
    "$nicsim" loopback --packets 100 --trace "$a_file/x.fst"
expect_refused "^nicsim: --trace = $work/missing/x.fst: cannot be written" \
    "$nicsim" loopback --packets 100 --trace "$work/missing/x.fst"
echo "$old" >"$trace"
try "$nicsim" loopback --packets 100 --trace "$trace"
[[ $rc == 0 && $(stat -c %s "$trace") -gt 1000 ]] || fail "loopback --trace exited $rc or left the old trace"
expect_stopped_by TERM 143 "$trace" "$nicsim" loopback --packets 20000 --trace "$trace"

# ---- replay --out and --trace
csv=$work/replay.csv
expect_refused "^nicsim: --out $a_file/x.csv: cannot be written \(Not a directory\)" \
    "$nicsim" replay --pcap "$pcaps/format.pcap" --out "$a_file/x.csv"
expect_refused "^nicsim: --out $work/missing/x.csv: cannot be written" \
    "$nicsim" replay --pcap "$pcaps/format.pcap" --out "$work/missing/x.csv"
expect_refused "^nicsim: --trace = $work/missing/x.fst: cannot be written" \
    "$nicsim" replay --pcap "$pcaps/format.pcap" --trace "$work/missing/x.fst"
echo "$old" >"$csv"
try "$nicsim" replay --pcap "$pcaps/format.pcap" --out "$csv"
[[ $rc == 0 && $(head -c 5 "$csv") != "earli" ]] || fail "replay --out exited $rc or left the old CSV"
expect_no_temporaries "$work"

# ---- sweep --out and --trace
sweep=(sweep --policies napi --loads 100000 --packets 100)
expect_refused "^nicsim: --out = $a_file: is a file, not a folder" "$nicsim" "${sweep[@]}" --out "$a_file"
expect_refused "^nicsim: --out = $a_file/x: $a_file is a file, so no folder can be made under it" \
    "$nicsim" "${sweep[@]}" --out "$a_file/x"
expect_refused "^nicsim: --trace = $a_file/x.fst: " "$nicsim" "${sweep[@]}" --out "$work/sweep-refused" \
    --trace "$a_file/x.fst"
[[ -e $work/sweep-refused ]] && fail "a refused sweep created its folder"
# A missing folder is made (as mkdir -p would).
try "$nicsim" "${sweep[@]}" --out "$work/new/sweep"
[[ $rc == 0 && -s $work/new/sweep/results.csv ]] || fail "sweep into a new folder exited $rc"
# Another plan's results are refused and kept; --force replaces them.
cp "$work/new/sweep/results.csv" "$work/results.before"
expect_refused "$work/new/sweep: holds the results of another sweep plan" \
    "$nicsim" sweep --policies napi --loads 200000 --packets 100 --out "$work/new/sweep"
cmp -s "$work/results.before" "$work/new/sweep/results.csv" || fail "a refused sweep changed results.csv"
try "$nicsim" sweep --policies napi --loads 200000 --packets 100 --out "$work/new/sweep" --force
[[ $rc == 0 ]] || fail "sweep --force exited $rc"
grep -q "^napi,200000," "$work/new/sweep/results.csv" || grep -q ",200000" "$work/new/sweep/results.csv" ||
    fail "sweep --force did not write the new plan's results"

# ---- bridge --pcap (UDP on loopback: no TAP, no privileges)
capture=$work/bridge.pcap
expect_refused "^nicsim: --pcap = $a_file/x.pcap: cannot be written \(Not a directory\)" \
    "$nicsim" bridge --udp 0 --duration 1 --pcap "$a_file/x.pcap"
grep -q "ready" "$work/out" && fail "bridge started before refusing --pcap"
expect_refused "^nicsim: --pcap = $work/missing/x.pcap: cannot be written \(No such file or directory\)" \
    "$nicsim" bridge --udp 0 --duration 1 --pcap "$work/missing/x.pcap"
echo "$old" >"$capture"
try "$nicsim" bridge --udp 0 --duration 0.5 --pcap "$capture"
[[ $rc == 0 ]] || fail "bridge --pcap exited $rc"
# A pcap file now, nanosecond magic a1b23c4d in either byte order.
magic=$(od -An -tx1 -N4 "$capture" | tr -d ' ')
[[ $magic == 4d3cb2a1 || $magic == a1b23c4d ]] || fail "bridge left no capture at --pcap (starts $magic)"
expect_no_temporaries "$work"

echo "every output path refused cleanly or replaced whole"
