# Shared by bridge_tap.sh and bridge_udp.sh (sourced, not run): one deadline for the whole
# script, failing with the bridge's output, waiting for what the bridge says, stopping it,
# and reading a pcap with tshark.
#
# The caller sets `workdir`. Every wait is for an event (a line the bridge prints, a reply);
# the deadline only ends a run that hangs, so that the script has exited, cleanup included,
# before CTest's TIMEOUT (which must be at least deadline_s + 30).

deadline_s=150

# Seconds left before the deadline (at least 1), or N if that is less: what every `timeout`
# and every wait gets.
limit() {
    local left=$((deadline_s - SECONDS))
    ((left < 1)) && left=1
    if [[ $# -gt 0 && $1 -lt $left ]]; then echo "$1"; else echo "$left"; fi
}

fail() {
    echo "FAIL: $*"
    for f in "$workdir"/*.out "$workdir"/*.err; do
        [[ -s $f ]] && { echo "--- $f"; cat "$f"; }
    done
    exit 1
}

# wait_for FILE REGEX PID WHAT: until a line of FILE matches REGEX (grep -E). Fails naming
# WHAT if process PID exits first or the deadline passes.
wait_for() {
    local file=$1 regex=$2 pid=$3 what=$4
    while ! grep -Eq -- "$regex" "$file" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { grep -Eq -- "$regex" "$file" 2>/dev/null && return 0; fail "$what: the bridge exited first"; }
        ((SECONDS < deadline_s)) || fail "$what: not seen before the ${deadline_s} s deadline"
        sleep 0.05
    done
}

# wait_for_size FILE BYTES WHAT: until FILE holds at least BYTES bytes (replies arriving).
wait_for_size() {
    local file=$1 bytes=$2 what=$3
    while (($(stat -c %s "$file" 2>/dev/null || echo 0) < bytes)); do
        ((SECONDS < deadline_s)) || fail "$what: $(stat -c %s "$file" 2>/dev/null || echo 0) of $bytes bytes before the ${deadline_s} s deadline"
        sleep 0.05
    done
}

# stop_process PID SIGNAL: sends SIGNAL, gives the process up to 20 s (within the deadline) to
# exit, then SIGKILL. Sets `stop_status` to its exit status.
stop_process() {
    local pid=$1 signal=$2 give=$(($(limit 20) * 20))
    kill "-$signal" "$pid" 2>/dev/null
    for ((i = 0; i < give; ++i)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    stop_status=$?
}

# stat_of FILE NAME: the value printed after NAME in the bridge's statistics.
stat_of() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }

# tshark_fields PCAP FIELDS_FILE: one tab-separated line per frame of PCAP, with checksum
# validation on, columns as in `frame_fields` below. tshark runs once; its failure (a field
# it does not know, a file it cannot read) fails the test with its message.
frame_fields=(frame.number frame.len eth.type arp.opcode ip.checksum.status icmp.type icmp.checksum.status
              udp.srcport udp.dstport udp.checksum.status _ws.malformed)
tshark_fields() {
    local args=()
    for f in "${frame_fields[@]}"; do args+=(-e "$f"); done
    timeout "$(limit 60)" tshark -r "$1" -n -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
        -T fields -E separator=/t -E occurrence=f "${args[@]}" >"$2" 2>"$2.err" ||
        fail "tshark cannot read $1: $(cat "$2.err")"
}

# count FIELDS_FILE CONDITION: how many frames satisfy the awk CONDITION, in which each
# column is a variable named as its field with '.' -> '_' (ip.checksum.status: ip_checksum_status).
# An empty column is "" (so an absent field never equals a number).
count() {
    local names="" i=1
    for f in "${frame_fields[@]}"; do
        names+="${f//./_}=\$$i; "
        i=$((i + 1))
    done
    awk -F'\t' "{ $names if ($2) n++ } END { print n + 0 }" "$1"
}

# check_pcap PCAP FIELDS_FILE: what both scripts' captures hold — the answers to 3 pings and
# one UDP echo, an ARP reply, every checksum right, nothing malformed, nothing over 1518
# bytes — read by tshark once into FIELDS_FILE for the caller's own checks. Sets `ipv4`.
check_pcap() {
    local fields=$2
    tshark_fields "$1" "$fields"
    echo "tshark: $(wc -l <"$fields") frames"
    ipv4=$(count "$fields" 'eth_type == "0x0800"')
    # Positive control: every IPv4 frame's header checksum was validated and found good, so
    # the checks below read real fields with validation really on.
    [[ $ipv4 -ge 8 ]] || fail "the pcap holds $ipv4 IPv4 frames, expected at least 8 (3 pings and 1 UDP echo, each way)"
    [[ $(count "$fields" 'ip_checksum_status == 1') -eq $ipv4 ]] ||
        fail "tshark did not validate every IPv4 header checksum as good"
    [[ $(count "$fields" 'icmp_type == 0 && icmp_checksum_status == 1') -eq 3 ]] || fail "the pcap does not hold the 3 good echo replies"
    [[ $(count "$fields" 'udp_srcport == 7 && udp_checksum_status == 1') -eq 1 ]] || fail "the pcap does not hold the good UDP echo reply"
    [[ $(count "$fields" 'arp_opcode == 2') -ge 1 ]] || fail "the pcap does not hold the ARP reply"
    local bad
    bad=$(count "$fields" 'ip_checksum_status == 0 || udp_checksum_status == 0 || icmp_checksum_status == 0 || _ws_malformed != ""')
    [[ $bad -eq 0 ]] || fail "tshark finds $bad frames with a bad checksum or malformed"
    [[ $(count "$fields" 'frame_len > 1518') -eq 0 ]] || fail "a frame over the MTU reached the simulated wire"
}
