#!/usr/bin/env bash
# System test of `nicsim bridge --udp`: the wire as UDP datagrams on loopback, one Ethernet
# frame each, for machines without /dev/net/tun (needs neither root nor TAP support).
# socat plays the peer with frames real Linux sent (captured from ping, socat and the
# kernel's ARP through the TAP bridge): an ARP request, an echo request, a UDP echo request.
# Bad input too: a 4-byte datagram, a frame over the MTU, a learned peer that is gone when its
# answer comes, and (a second, short run) a fixed --udp-peer whose port is closed. SIGTERM must
# stop the bridge cleanly with its statistics, and tshark must read the pcap with every
# checksum right.
#
# Nothing here depends on how fast the machine is: each frame is sent once the bridge has
# shown (a reply, a logged problem) that it took the one before, and a peer is gone before its
# answer because the bridge is stopped (SIGSTOP) while the peer sends and leaves.
#
#   bridge_udp.sh NICSIM WORKDIR        exit 0 pass, 1 fail
set -uo pipefail

nicsim=$1
workdir=$2
# shellcheck source=bridge_lib.sh
source "$(dirname "$0")/bridge_lib.sh"

for tool in socat tshark timeout od; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed: scripts/setup installs it"
done
mkdir -p "$workdir"
rm -f "$workdir"/*.out "$workdir"/*.err "$workdir"/*.bin "$workdir"/*.pcap "$workdir"/*.fields "$workdir"/peer.fifo

bridge_pid=""
peer_pid=""
cleanup() {
    [[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null
    # The bridge may be stopped (SIGSTOP): continue it so that it can act on SIGTERM.
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        kill -CONT "$bridge_pid" 2>/dev/null
        stop_process "$bridge_pid" TERM
    fi
}
trap cleanup EXIT
# A signal (Ctrl-C, CTest's SIGTERM) becomes an exit, so the cleanup above runs then too. A
# SIGKILL leaves nothing behind either: the bridge stops itself after --duration.
trap 'exit 1' INT TERM HUP

# Frames as Linux 10.77.0.1 (36:cf:91:d2:f5:d7) sent them to the bridge's defaults, one file
# each, so that every frame is one write(2) and so one datagram.
frame() { echo -n "$2" | sed 's/../\\x&/g' | xargs -0 printf '%b' >"$workdir/$1.bin"; }
frame arp 'ffffffffffff36cf91d2f5d70806000108000604000136cf91d2f5d70a4d00010000000000000a4d0002'
frame echo '026e6963730136cf91d2f5d70800450000542a5e40004001fbae0a4d00010a4d00020800cb994bf2000160cc016b00000000b4680b0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637'
frame udp '026e6963730136cf91d2f5d7080045000029133e4000401112ea0a4d00010a4d0002d7ec0007001589ea68656c6c6f2d6e696373696d0a'
printf 'junk' >"$workdir/junk.bin"
head -c 2000 /dev/zero >"$workdir/oversize.bin"

# start_bridge NAME ARGS...: the bridge with its output in NAME.out/.err; waits until ready.
# --duration: it stops itself even if this script is SIGKILLed and never cleans up.
start_bridge() {
    local name=$1
    shift
    "$nicsim" bridge --duration 110 "$@" >"$workdir/$name.out" 2>"$workdir/$name.err" &
    bridge_pid=$!
    wait_for "$workdir/$name.out" "ready:" "$bridge_pid" "the bridge getting ready"
    port=$(sed -n 's/.*ready: udp 127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$workdir/$name.out")
    [[ -n $port ]] || fail "the bridge did not say which port it listens on"
}

# A peer: one socat whose stdin is a FIFO kept open on fd 3, its replies in FILE.
start_peer() {
    rm -f "$workdir/peer.fifo"
    mkfifo "$workdir/peer.fifo"
    socat -T "$(limit 100)" - "UDP4:127.0.0.1:$port" <"$workdir/peer.fifo" >"$workdir/$1" &
    peer_pid=$!
    exec 3>"$workdir/peer.fifo"
}
stop_peer() {
    exec 3>&-
    kill "$peer_pid" 2>/dev/null
    wait "$peer_pid" 2>/dev/null
    peer_pid=""
}
send() { cat "$workdir/$1.bin" >&3; }

start_bridge bridge --udp 0 --pcap "$workdir/bridge.pcap"
echo "bridge on 127.0.0.1:$port"
first_port=$port

# 1. One peer: garbage, ARP, ping, UDP echo, an oversize frame, each once the previous one
#    has been dealt with (so socat never merges two into one datagram).
start_peer replies.bin
send junk
wait_for "$workdir/bridge.err" "udp_garbage_datagrams" "$bridge_pid" "the 4-byte datagram being counted"
send arp
wait_for_size "$workdir/replies.bin" 60 "the ARP reply"
send echo
wait_for_size "$workdir/replies.bin" $((60 + 98)) "the echo reply"
send udp
wait_for_size "$workdir/replies.bin" $((60 + 98 + 60)) "the UDP echo reply"
send oversize
wait_for "$workdir/bridge.err" "oversize_frames" "$bridge_pid" "the oversize frame being counted"
stop_peer
replies=$(od -An -v -tx1 "$workdir/replies.bin" | tr -d ' \n')
has() { [[ $replies == *"$1"* ]] || fail "no $2 came back (looked for $1 in $replies)"; }
has 36cf91d2f5d7026e69637301080600010800060400020 "ARP reply"
has 0a4d00020a4d00010000 "echo reply (10.77.0.2 -> 10.77.0.1, type 0)"
has 0007d7ec0015 "UDP echo reply (port 7 -> 55276, 21 bytes)"
has 68656c6c6f2d6e696373696d0a "UDP echo payload"

# 2. A peer that sends a ping and is gone before the answer: the bridge is stopped while it
#    sends and exits, so the answer meets a closed port for certain.
kill -STOP "$bridge_pid"
timeout "$(limit 20)" socat -u -t 0 OPEN:"$workdir/echo.bin" "UDP4-SENDTO:127.0.0.1:$port" ||
    fail "socat could not send the ping of the peer that leaves"
kill -CONT "$bridge_pid"
wait_for "$workdir/bridge.err" "udp_peer_unreachable" "$bridge_pid" "the peer that left being noticed"

# 3. ... and the next peer is answered all the same.
start_peer replies2.bin
send echo
wait_for_size "$workdir/replies2.bin" 98 "the echo reply to the peer after the one that left"
stop_peer

stop_process "$bridge_pid" TERM
bridge_pid=""
cat "$workdir/bridge.out" "$workdir/bridge.err"
[[ $stop_status -eq 0 ]] || fail "the bridge exited with status $stop_status after SIGTERM"
grep -q "stopped: SIGTERM" "$workdir/bridge.out" || fail "no clean stop after SIGTERM"
out="$workdir/bridge.out"
[[ $(stat_of "$out" udp_garbage_datagrams) == 1 ]] || fail "the 4-byte datagram was not counted"
[[ $(stat_of "$out" oversize_frames) == 1 ]] || fail "the oversize frame was not counted"
[[ $(stat_of "$out" udp_peer_unreachable) == 1 ]] || fail "the peer that left was not counted"
[[ $(stat_of "$out" arp_reply) == 1 ]] || fail "arp_reply is $(stat_of "$out" arp_reply), expected 1"
[[ $(stat_of "$out" icmp_echo_reply) == 3 ]] || fail "icmp_echo_reply is $(stat_of "$out" icmp_echo_reply), expected 3"
[[ $(stat_of "$out" udp_echo_reply) == 1 ]] || fail "udp_echo_reply is $(stat_of "$out" udp_echo_reply), expected 1"

# 4. A fixed --udp-peer whose port is closed (the first run's, bound until it stopped). Only
#    that port is heard, so the ARP comes from it, sent while the bridge is stopped; the
#    answer then finds the port closed.
start_bridge fixed_peer --udp 0 --udp-peer "$first_port"
kill -STOP "$bridge_pid"
timeout "$(limit 20)" socat -u -t 0 OPEN:"$workdir/arp.bin" "UDP4-SENDTO:127.0.0.1:$port,sourceport=$first_port" ||
    fail "socat could not send from port $first_port"
kill -CONT "$bridge_pid"
wait_for "$workdir/fixed_peer.err" "udp_peer_unreachable" "$bridge_pid" "the closed --udp-peer port being noticed"
stop_process "$bridge_pid" TERM
bridge_pid=""
cat "$workdir/fixed_peer.out"
[[ $stop_status -eq 0 ]] || fail "the fixed-peer bridge exited with status $stop_status after SIGTERM"
out="$workdir/fixed_peer.out"
[[ $(stat_of "$out" arp_reply) == 1 ]] || fail "the fixed-peer bridge did not answer the ARP request"
[[ $(stat_of "$out" udp_peer_unreachable) == 1 ]] || fail "the closed --udp-peer port was not counted"

# 5. The pcap of the first run, as tshark reads it with checksum validation on: exactly the
#    frames sent and answered (the garbage and the oversize frame never reached the NIC).
fields="$workdir/bridge.fields"
check_pcap "$workdir/bridge.pcap" "$fields"
[[ $ipv4 -eq 8 ]] || fail "the pcap holds $ipv4 IPv4 frames, expected 8 (3 pings and 1 UDP echo, each way)"
[[ $(count "$fields" 'arp_opcode == 1 || arp_opcode == 2') -eq 2 ]] || fail "the pcap does not hold one ARP request and its reply"
echo "PASS"
