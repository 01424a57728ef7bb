// `nicsim bridge`: the RTL NIC on a real wire. Frames Linux writes to a TAP interface (or a
// peer sends as UDP datagrams) enter the NIC's MAC receive port; the driver takes them from
// its rings and hands them to a small host stack (ARP, ICMP echo, UDP echo); its replies go
// back through the NIC's transmit port to the TAP. Simulated time is paced against the wall
// clock (wall_clock_pacer.hpp). Runs until SIGINT/SIGTERM, --duration, or the TAP going away,
// then prints its statistics.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace nicsim::bridge {

struct BridgeOptions {
    std::string tap;                         // --tap IFNAME, or
    bool udp = false;                        // --udp PORT given
    unsigned udp_port = 0;                   // 127.0.0.1:PORT; 0 = any free port (printed when ready)
    unsigned udp_peer_port = 0;              // --udp-peer PORT; 0 = learn from the first datagram
    std::string ip = "10.77.0.2/24";         // the simulated host's address and subnet
    std::string mac = "02:6e:69:63:73:01";   // the simulated NIC's MAC
    std::string policy = "napi";
    std::string pcap_path;                   // --pcap FILE: both directions on the simulated wire
    unsigned mtu = 1500;                     // frames above mtu + 18 (Ethernet + 802.1Q) are refused
    double time_scale = 1.0;                 // simulated seconds per wall-clock second
    unsigned clock_mhz = 250;                // NIC clock
    unsigned dma_latency_ns = 500;
    double duration_s = 0;                   // stop after this many wall seconds; 0 = run until a signal
};

// Throws std::invalid_argument naming the option, its value and what is allowed.
void validate(const BridgeOptions& options);

// Runs the bridge; returns the exit status (0 after a clean shutdown, whatever stopped it).
// Statistics go to `out`, errors and the once-per-kind warnings to `log`.
int run_bridge(const BridgeOptions& options, std::ostream& out, std::ostream& log);

}  // namespace nicsim::bridge
