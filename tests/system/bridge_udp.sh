#!/usr/bin/env bash
# System test of `nicsim bridge --udp`: the wire as UDP datagrams on loopback, one Ethernet
# frame each, for machines without /dev/net/tun (needs neither root nor TAP support).
# socat plays the peer with frames real Linux sent (captured from ping, socat and the
# kernel's ARP through the TAP bridge): an ARP request, an echo request, a UDP echo request.
# Bad input too: a 4-byte datagram, a frame over the MTU, a peer that leaves before its
# answer arrives. Then SIGTERM must stop the bridge cleanly with its statistics, and tshark
# must read the pcap with every checksum right.
#
#   bridge_udp.sh NICSIM WORKDIR        exit 0 pass, 1 fail
set -uo pipefail

nicsim=$1
workdir=$2

fail() {
    echo "FAIL: $*"
    for f in "$workdir"/bridge.out "$workdir"/bridge.err; do
        [[ -s $f ]] && { echo "--- $f"; cat "$f"; }
    done
    exit 1
}
for tool in socat tshark timeout od; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed: scripts/setup installs it"
done
mkdir -p "$workdir"
rm -f "$workdir"/bridge.* "$workdir"/replies.bin

bridge_pid=""
cleanup() {
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        kill -KILL "$bridge_pid" 2>/dev/null
        wait "$bridge_pid" 2>/dev/null
    fi
}
trap cleanup EXIT
# A signal (CTest's timeout, Ctrl-C) becomes an exit, so the cleanup above runs then too.
trap 'exit 1' INT TERM HUP

# Frames as Linux 10.77.0.1 (36:cf:91:d2:f5:d7) sent them to the bridge's defaults.
arp_request=ffffffffffff36cf91d2f5d70806000108000604000136cf91d2f5d70a4d00010000000000000a4d0002
echo_request=026e6963730136cf91d2f5d70800450000542a5e40004001fbae0a4d00010a4d00020800cb994bf2000160cc016b00000000b4680b0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637
udp_request=026e6963730136cf91d2f5d7080045000029133e4000401112ea0a4d00010a4d0002d7ec0007001589ea68656c6c6f2d6e696373696d0a
frame() { echo -n "$1" | sed 's/../\\x&/g' | xargs -0 printf '%b'; }

# A slow time scale (a simulated µs per 10 wall ms) stretches each answer to tens of wall
# milliseconds, so that a peer can reliably be gone before its answer comes back.
timeout -k 5 120 "$nicsim" bridge --udp 0 --time-scale 0.0001 --pcap "$workdir/bridge.pcap" \
    >"$workdir/bridge.out" 2>"$workdir/bridge.err" &
bridge_pid=$!
for _ in $(seq 300); do
    grep -q "ready:" "$workdir/bridge.out" 2>/dev/null && break
    kill -0 "$bridge_pid" 2>/dev/null || fail "the bridge exited before it was ready"
    sleep 0.1
done
port=$(sed -n 's/.*ready: udp 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$workdir/bridge.out")
[[ -n $port ]] || fail "the bridge did not say which port it listens on"
echo "bridge on 127.0.0.1:$port"

# 1. One peer, one datagram per write: garbage, ARP, ping, UDP echo, an oversize frame.
{
    printf 'junk'; sleep 0.3
    frame "$arp_request"; sleep 0.3
    frame "$echo_request"; sleep 0.3
    frame "$udp_request"; sleep 0.3
    head -c 2000 /dev/zero; sleep 1.5
} | timeout 20 socat -T 3 - "UDP4:127.0.0.1:$port" >"$workdir/replies.bin"
replies=$(od -An -v -tx1 "$workdir/replies.bin" | tr -d ' \n')
has() { [[ $replies == *"$1"* ]] || fail "no $2 came back (looked for $1 in $replies)"; }
has 36cf91d2f5d7026e69637301080600010800060400020 "ARP reply"
has 0a4d00020a4d00010000 "echo reply (10.77.0.2 -> 10.77.0.1, type 0)"
has 0007d7ec0015 "UDP echo reply (port 7 -> 55276, 21 bytes)"
has 68656c6c6f2d6e696373696d0a "UDP echo payload"

# 2. A peer that sends a ping and leaves at once: its answer meets a closed port.
frame "$echo_request" | timeout 10 socat -t 0 -u - "UDP4-SENDTO:127.0.0.1:$port"
sleep 1
# 3. ... and the next peer is answered all the same.
{ frame "$echo_request"; sleep 1.5; } | timeout 20 socat -T 3 - "UDP4:127.0.0.1:$port" >"$workdir/replies2.bin"
[[ $(wc -c <"$workdir/replies2.bin") -eq 98 ]] || fail "the peer after the one that left got no echo reply"

kill -TERM "$bridge_pid"
wait "$bridge_pid"
status=$?
bridge_pid=""
cat "$workdir/bridge.out" "$workdir/bridge.err"
[[ $status -eq 0 ]] || fail "the bridge exited with status $status after SIGTERM"
grep -q "stopped: SIGTERM" "$workdir/bridge.out" || fail "no clean stop after SIGTERM"
stat() { awk -v k="$1" '$1 == k { print $2; exit }' "$workdir/bridge.out"; }
[[ $(stat udp_garbage_datagrams) == 1 ]] || fail "the 4-byte datagram was not counted"
[[ $(stat oversize_frames) == 1 ]] || fail "the oversize frame was not counted"
[[ $(stat udp_peer_unreachable) == 1 ]] || fail "the peer that left was not counted"
[[ $(stat arp_reply) == 1 ]] || fail "arp_reply is $(stat arp_reply), expected 1"
[[ $(stat icmp_echo_reply) == 3 ]] || fail "icmp_echo_reply is $(stat icmp_echo_reply), expected 3"
[[ $(stat udp_echo_reply) == 1 ]] || fail "udp_echo_reply is $(stat udp_echo_reply), expected 1"

pcap="$workdir/bridge.pcap"
count() { timeout 60 tshark -r "$pcap" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -Y "$1" 2>/dev/null | wc -l; }
timeout 60 tshark -r "$pcap" 2>/dev/null || fail "tshark cannot read $pcap"
[[ $(count "icmp.type == 0") -eq 3 ]] || fail "the pcap does not hold the 3 echo replies"
[[ $(count "udp.srcport == 7") -eq 1 ]] || fail "the pcap does not hold the UDP echo reply"
bad=$(count "ip.checksum.status == 0 || udp.checksum.status == 0 || icmp.checksum.status == 0 || _ws.malformed")
[[ $bad -eq 0 ]] || fail "tshark finds $bad frames with a bad checksum or malformed"
echo "PASS"
