#!/usr/bin/env bash
# Regression test for "the bridge hides socket-buffer loss" (issue 20): datagrams the kernel
# drops for the bridge's full receive buffer must show in its statistics, so that every
# datagram sent is either a frame the bridge read or a kernel drop.
#
# The bridge is stopped (SIGSTOP) while udp_flood sends COUNT datagrams, so its receive buffer
# overflows for certain, whatever the machine's speed; it is continued, and the test waits
# until the kernel's queue for its port is empty (/proc/net/udp) before stopping it.
#
#   bridge_udp_flood.sh NICSIM UDP_FLOOD WORKDIR        exit 0 pass, 1 fail
set -uo pipefail

nicsim=$1
flood=$2
workdir=$3
# shellcheck source=bridge_lib.sh
source "$(dirname "$0")/bridge_lib.sh"

count=5000
mkdir -p "$workdir"
rm -f "$workdir"/*.out "$workdir"/*.err

bridge_pid=""
cleanup() {
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        kill -CONT "$bridge_pid" 2>/dev/null
        stop_process "$bridge_pid" TERM
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$nicsim" bridge --duration 110 --udp 0 >"$workdir/flood.out" 2>"$workdir/flood.err" &
bridge_pid=$!
wait_for "$workdir/flood.out" "ready:" "$bridge_pid" "the bridge getting ready"
port=$(sed -n 's/.*ready: udp 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$workdir/flood.out")
[[ -n $port ]] || fail "the bridge did not say which port it listens on"

kill -STOP "$bridge_pid"
"$flood" "$port" "$count" >"$workdir/sender.out" 2>&1 || fail "udp_flood failed: $(cat "$workdir/sender.out")"
kill -CONT "$bridge_pid"

# /proc/net/udp: local address as HEX_IP:HEX_PORT, then rx_queue (bytes) in tx_queue:rx_queue.
hex_port=$(printf '%04X' "$port")
queued() {
    local hex
    hex=$(awk -v p=":$hex_port" '$2 ~ p"$" { split($5, q, ":"); print q[2]; exit }' /proc/net/udp)
    [[ -n $hex ]] || fail "port $port is not in /proc/net/udp"
    echo $((16#$hex))
}
while [[ $(queued) != 0 ]]; do
    ((SECONDS < deadline_s)) || fail "the bridge did not read its queued datagrams before the deadline"
    sleep 0.05
done

stop_process "$bridge_pid" TERM
bridge_pid=""
cat "$workdir/flood.out"
[[ $stop_status -eq 0 ]] || fail "the bridge exited with status $stop_status after SIGTERM"
read_frames=$(stat_of "$workdir/flood.out" frames_from_peer)
kernel_drops=$(stat_of "$workdir/flood.out" kernel_socket_drops)
[[ -n $kernel_drops ]] || fail "the bridge's statistics have no kernel_socket_drops line"
((kernel_drops > 0)) || fail "kernel_socket_drops is 0 although $count datagrams were sent to a stopped bridge"
((read_frames + kernel_drops == count)) ||
    fail "frames_from_peer ($read_frames) + kernel_socket_drops ($kernel_drops) != $count datagrams sent"
echo "PASS: $count sent = $read_frames read + $kernel_drops dropped by the kernel"
