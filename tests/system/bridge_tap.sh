#!/usr/bin/env bash
# System test of `nicsim bridge` with real Linux on the other end of the wire: in a fresh
# network namespace, a TAP interface, the bridge attached to it, then Linux's own ping and a
# UDP client (socat) must get their answers through the RTL NIC, a frame over the MTU must be
# dropped and counted, Ctrl-C must stop the bridge cleanly with its statistics, and tshark must
# read the pcap with every checksum right.
#
#   bridge_tap.sh NICSIM WORKDIR [POLICY]
#
# Exit 0 pass, 1 fail, 77 skip (not root, no /dev/net/tun, no network namespaces here).
# Every name is unique per run and everything is removed on every exit path; every step has
# a timeout, so the test cannot hang.
set -uo pipefail

nicsim=$1
workdir=$2
policy=${3:-napi}

skip() { echo "SKIP: $*"; exit 77; }
fail() {
    echo "FAIL: $*"
    for f in "$workdir"/bridge.out "$workdir"/bridge.err; do
        [[ -s $f ]] && { echo "--- $f"; cat "$f"; }
    done
    exit 1
}

[[ $(id -u) -eq 0 ]] || skip "needs root to create a network namespace and a TAP interface"
[[ -c /dev/net/tun ]] || skip "/dev/net/tun is missing (no TUN/TAP support on this machine)"
for tool in ip ping socat tshark timeout; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed: scripts/setup installs it"
done

mkdir -p "$workdir"
rm -f "$workdir"/bridge.out "$workdir"/bridge.err "$workdir"/bridge.pcap
# Unique per run: parallel CTest jobs and leftovers of a killed run never collide. An
# interface name has at most 15 characters: "nsb" + up to 5 + up to 7 digits.
ns="nicsim-bridge-$$-$RANDOM"
tap="nsb$RANDOM$$"
tap=${tap:0:15}
bridge_pid=""

cleanup() {
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        kill -TERM "$bridge_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$bridge_pid" 2>/dev/null
        wait "$bridge_pid" 2>/dev/null
    fi
    ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
# A signal (CTest's timeout, Ctrl-C) becomes an exit, so the cleanup above runs then too.
trap 'exit 1' INT TERM HUP

ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace here ('ip netns add' failed)"
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link set lo up
in_ns ip tuntap add dev "$tap" mode tap || fail "cannot create TAP $tap in $ns"
in_ns ip addr add 10.77.0.1/24 dev "$tap"
in_ns ip link set "$tap" up

# The bridge: at most 120 s whatever happens; timeout forwards our signals to it.
timeout -k 5 120 ip netns exec "$ns" "$nicsim" bridge --tap "$tap" --ip 10.77.0.2/24 --policy "$policy" \
    --pcap "$workdir/bridge.pcap" >"$workdir/bridge.out" 2>"$workdir/bridge.err" &
bridge_pid=$!
for _ in $(seq 300); do
    grep -q "ready:" "$workdir/bridge.out" 2>/dev/null && break
    kill -0 "$bridge_pid" 2>/dev/null || fail "the bridge exited before it was ready"
    sleep 0.1
done
grep -q "ready:" "$workdir/bridge.out" || fail "the bridge was not ready within 30 s"
echo "namespace $ns, tap $tap, policy $policy"

# 1. ping: ARP first, then three echoes, every answer from the simulated NIC.
ping_out=$(in_ns timeout 30 ping -c 3 -i 0.3 -W 5 10.77.0.2)
echo "$ping_out"
grep -q "3 packets transmitted, 3 received" <<<"$ping_out" || fail "ping did not get its 3 replies"

# 2. UDP echo (port 7) with a real client.
message="nicsim-udp-echo-$$"
udp_reply=$(echo "$message" | in_ns timeout 20 socat -T 5 - UDP4:10.77.0.2:7)
echo "udp echo: sent '$message', got '$udp_reply'"
[[ $udp_reply == "$message" ]] || fail "UDP echo answered '$udp_reply', expected '$message'"

# 3. A frame over the bridge's MTU (1500): Linux may send it once the TAP's MTU allows, the
#    bridge must drop it before the NIC and count it.
in_ns ip link set "$tap" mtu 9000
in_ns timeout 10 ping -c 1 -W 2 -s 3000 10.77.0.2 >/dev/null && fail "a 3028-byte ping was answered; --mtu 1500 must drop it"

# 4. Ctrl-C: a clean stop with statistics.
kill -INT "$bridge_pid"
wait "$bridge_pid"
status=$?
bridge_pid=""
cat "$workdir/bridge.out"
[[ $status -eq 0 ]] || fail "the bridge exited with status $status after SIGINT"
grep -q "stopped: SIGINT" "$workdir/bridge.out" || fail "no clean stop after SIGINT"
stat() { awk -v k="$1" '$1 == k { print $2; exit }' "$workdir/bridge.out"; }
[[ $(stat icmp_echo_reply) == 3 ]] || fail "icmp_echo_reply is $(stat icmp_echo_reply), expected 3"
[[ $(stat udp_echo_reply) == 1 ]] || fail "udp_echo_reply is $(stat udp_echo_reply), expected 1"
[[ $(stat oversize_frames) -ge 1 ]] || fail "the oversize frame was not counted"
[[ $(stat arp_reply) -ge 1 ]] || fail "no ARP reply was counted"
grep -q "oversize_frames; further ones are counted, not logged" "$workdir/bridge.err" ||
    fail "the oversize frame was not logged"

# 5. The pcap, as tshark reads it, with checksum validation on.
pcap="$workdir/bridge.pcap"
count() { timeout 60 tshark -r "$pcap" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -Y "$1" 2>/dev/null | wc -l; }
echo "tshark summary:"
timeout 60 tshark -r "$pcap" -Y "arp || icmp || udp.port == 7" 2>/dev/null || fail "tshark cannot read $pcap"
[[ $(count "icmp.type == 8") -eq 3 ]] || fail "the pcap does not hold the 3 echo requests"
[[ $(count "icmp.type == 0") -eq 3 ]] || fail "the pcap does not hold the 3 echo replies"
[[ $(count "udp.srcport == 7") -eq 1 ]] || fail "the pcap does not hold the UDP echo reply"
[[ $(count "arp.opcode == 2") -ge 1 ]] || fail "the pcap does not hold the ARP reply"
bad=$(count "ip.checksum.status == 0 || udp.checksum.status == 0 || icmp.checksum.status == 0 || _ws.malformed")
[[ $bad -eq 0 ]] || fail "tshark finds $bad frames with a bad checksum or malformed"
[[ $(count "frame.len > 1518") -eq 0 ]] || fail "the oversize frame reached the simulated wire"
echo "PASS"
