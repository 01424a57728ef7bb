#!/usr/bin/env bash
# System test of `nicsim bridge` with real Linux on the other end of the wire: in a fresh
# network namespace the bridge creates its TAP interface, then Linux's own ping and a UDP
# client (socat) must get their answers through the RTL NIC, a frame over the MTU must be
# dropped and counted, Ctrl-C must stop the bridge cleanly with its statistics, and tshark must
# read the pcap with every checksum right.
#
#   bridge_tap.sh NICSIM WORKDIR [POLICY]
#
# Exit 0 pass, 1 fail, 77 skip (not root, no /dev/net/tun, no network namespaces or TAP
# interfaces here). Every name is unique per run; every wait and every step has the one
# deadline of bridge_lib.sh. What is left behind when even the cleanup cannot run (CTest's
# SIGKILL on a timeout): the TAP belongs to the bridge and disappears with it, the bridge stops
# itself after --duration, and the next run deletes namespaces whose script is gone.
set -uo pipefail

nicsim=$1
workdir=$2
policy=${3:-napi}
# shellcheck source=bridge_lib.sh
source "$(dirname "$0")/bridge_lib.sh"

skip() { echo "SKIP: $*"; exit 77; }

[[ $(id -u) -eq 0 ]] || skip "needs root to create a network namespace and a TAP interface"
[[ -c /dev/net/tun ]] || skip "/dev/net/tun is missing (no TUN/TAP support on this machine)"
for tool in ip ping socat tshark timeout; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed: scripts/setup installs it"
done

mkdir -p "$workdir"
rm -f "$workdir"/*.out "$workdir"/*.err "$workdir"/*.pcap "$workdir"/*.fields

# Namespaces of earlier runs that were killed before they could clean up: named after the
# script's pid, which no longer runs.
for old in $(ip netns list | awk '$1 ~ /^nicsim-bridge-[0-9]+-[0-9]+$/ { print $1 }'); do
    old_pid=${old#nicsim-bridge-}
    old_pid=${old_pid%%-*}
    if ! kill -0 "$old_pid" 2>/dev/null; then
        ip netns del "$old" 2>/dev/null && echo "removed $old, left by a run that was killed"
    fi
done

# Unique per run: parallel CTest jobs and leftovers of a killed run never collide. An
# interface name has at most 15 characters: "nsb" + up to 5 + up to 7 digits.
ns="nicsim-bridge-$$-$RANDOM"
tap="nsb$RANDOM$$"
tap=${tap:0:15}
bridge_pid=""

cleanup() {
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        stop_process "$bridge_pid" TERM
    fi
    ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
# A signal (Ctrl-C, a SIGTERM) becomes an exit, so the cleanup above runs then too.
trap 'exit 1' INT TERM HUP

ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace here ('ip netns add' failed)"
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up

# /dev/net/tun may be there and still refuse TAP interfaces (a container without the
# capability, a kernel without the module): find out before the bridge tries, and skip.
if ! probe=$(in_ns ip tuntap add dev "$tap" mode tap 2>&1); then
    skip "/dev/net/tun is present but cannot create a TAP interface here: $probe"
fi
in_ns ip tuntap del dev "$tap" mode tap

# The bridge creates the TAP itself: not persistent, it disappears with the bridge. `ip netns
# exec` execs the bridge, so $! is the bridge. --duration: it stops itself even if this script
# is killed and never cleans up.
ip netns exec "$ns" "$nicsim" bridge --tap "$tap" --ip 10.77.0.2/24 --policy "$policy" --duration 110 \
    --pcap "$workdir/bridge.pcap" >"$workdir/bridge.out" 2>"$workdir/bridge.err" &
bridge_pid=$!
wait_for "$workdir/bridge.out" "ready:" "$bridge_pid" "the bridge getting ready"
grep -q "tap $tap (created; removed on exit)" "$workdir/bridge.out" || fail "the bridge did not create $tap itself"
in_ns ip addr add 10.77.0.1/24 dev "$tap"
in_ns ip link set "$tap" up
echo "namespace $ns, tap $tap, policy $policy"

# 1. ping: ARP first, then three echoes, every answer from the simulated NIC.
ping_out=$(in_ns timeout "$(limit 60)" ping -c 3 -i 0.3 -W 10 10.77.0.2)
echo "$ping_out"
grep -q "3 packets transmitted, 3 received" <<<"$ping_out" || fail "ping did not get its 3 replies"

# 2. UDP echo (port 7) with a real client; it waits up to 10 s for the answer.
message="nicsim-udp-echo-$$"
udp_reply=$(echo "$message" | in_ns timeout "$(limit 30)" socat -t 10 -T 10 - UDP4:10.77.0.2:7)
echo "udp echo: sent '$message', got '$udp_reply'"
[[ $udp_reply == "$message" ]] || fail "UDP echo answered '$udp_reply', expected '$message'"

# 3. A frame over the bridge's MTU (1500): Linux sends it once the TAP's MTU allows, the
#    bridge must drop it before the NIC, count and log it.
in_ns ip link set "$tap" mtu 9000
in_ns timeout "$(limit 10)" ping -c 1 -W 2 -s 3000 10.77.0.2 >/dev/null && fail "a 3028-byte ping was answered; --mtu 1500 must drop it"
wait_for "$workdir/bridge.err" "oversize_frames; further ones are counted, not logged" "$bridge_pid" "the oversize frame being logged"

# 4. Ctrl-C: a clean stop with statistics.
stop_process "$bridge_pid" INT
bridge_pid=""
cat "$workdir/bridge.out"
[[ $stop_status -eq 0 ]] || fail "the bridge exited with status $stop_status after SIGINT"
grep -q "stopped: SIGINT" "$workdir/bridge.out" || fail "no clean stop after SIGINT"
out="$workdir/bridge.out"
[[ $(stat_of "$out" icmp_echo_reply) == 3 ]] || fail "icmp_echo_reply is $(stat_of "$out" icmp_echo_reply), expected 3"
[[ $(stat_of "$out" udp_echo_reply) == 1 ]] || fail "udp_echo_reply is $(stat_of "$out" udp_echo_reply), expected 1"
[[ $(stat_of "$out" oversize_frames) -ge 1 ]] || fail "the oversize frame was not counted"
[[ $(stat_of "$out" arp_reply) -ge 1 ]] || fail "no ARP reply was counted"
in_ns ip link show "$tap" >/dev/null 2>&1 && fail "TAP $tap is still there after the bridge stopped"

# 5. The pcap, as tshark reads it, with checksum validation on (Linux may add frames of its
#    own: IPv6 neighbour discovery, IGMP).
fields="$workdir/bridge.fields"
check_pcap "$workdir/bridge.pcap" "$fields"
[[ $(count "$fields" 'icmp_type == 8') -eq 3 ]] || fail "the pcap does not hold the 3 echo requests"

# 6. Frames Linux drops because the TAP's queue is full are counted (issue 20's "hidden
#    losses"): a second bridge, stopped (SIGSTOP) while ping sends 3000 echo requests at once
#    (--preload, root only), so the TAP's queue (1000 frames) overflows whatever the speed.
ip netns exec "$ns" "$nicsim" bridge --tap "$tap" --ip 10.77.0.2/24 --policy "$policy" --duration 110 \
    >"$workdir/flood.out" 2>"$workdir/flood.err" &
bridge_pid=$!
wait_for "$workdir/flood.out" "ready:" "$bridge_pid" "the flood bridge getting ready"
in_ns ip addr add 10.77.0.1/24 dev "$tap"
in_ns ip link set "$tap" up
in_ns timeout "$(limit 60)" ping -c 1 -W 10 10.77.0.2 >/dev/null || fail "the flood bridge did not answer a ping"
kill -STOP "$bridge_pid"
in_ns timeout "$(limit 20)" ping -q -c 3000 -l 3000 -W 1 10.77.0.2 >/dev/null
kill -CONT "$bridge_pid"
stop_process "$bridge_pid" INT
bridge_pid=""
cat "$workdir/flood.out"
[[ $stop_status -eq 0 ]] || fail "the flood bridge exited with status $stop_status after SIGINT"
tap_drops=$(stat_of "$workdir/flood.out" kernel_tap_queue_drops)
from_linux=$(stat_of "$workdir/flood.out" frames_from_linux)
[[ -n $tap_drops ]] || fail "the bridge's statistics have no kernel_tap_queue_drops line"
((tap_drops > 0)) || fail "kernel_tap_queue_drops is 0 after 3000 echo requests to a stopped bridge"
((from_linux + tap_drops >= 3000)) ||
    fail "frames_from_linux ($from_linux) + kernel_tap_queue_drops ($tap_drops) < the 3000 echo requests sent"
echo "PASS"
