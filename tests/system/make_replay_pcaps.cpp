// Writes the small captures the `nicsim replay` command-line tests read, with libpcap, into
// the folder given as the only argument:
//   format.pcap     six frames of known lengths: two runts (0 and 59 bytes) among IPv4 TCP,
//                   IPv6 UDP with a VLAN tag, a 9018-byte jumbo and ARP
//   empty.pcap      no frames
//   truncated.pcap  three frames; frame 1 captured with 60 of its 1514 bytes
//   oversize.pcap   three frames; frame 2 is 9019 bytes, one more than the NIC takes
//   raw.pcap        one IPv4 packet with link type RAW instead of Ethernet
//   over_snaplen.pcap  snap length 100; frame 1 stores all its 1514 bytes (an inconsistent file)
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "frame_builder.hpp"
#include "pcap/pcap_writer.hpp"

namespace {

using nicsim::capture::PcapWriter;
using nicsim::model::FrameSpec;
namespace model = nicsim::model;

FrameSpec udp_frame(std::size_t payload) {
    FrameSpec spec;
    spec.ip_protocol = model::ip_protocol_udp;
    spec.src_port = 5000;
    spec.dst_port = 53;
    spec.payload_bytes = payload;
    return spec;
}

std::vector<std::uint8_t> frame_of(const FrameSpec& spec) { return model::build_frame(spec); }

void write_format(const std::string& path) {
    PcapWriter out(path);
    FrameSpec tcp;  // IPv4 TCP, padded to 60
    out.write(frame_of(tcp), 1'000);
    out.write(std::vector<std::uint8_t>{}, 2'000);
    auto runt = frame_of(udp_frame(0));
    runt.resize(59);
    out.write(runt, 3'000);
    FrameSpec v6 = udp_frame(100);
    v6.l3 = model::L3Kind::ipv6;
    v6.src_addr = model::IpAddress::v6({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    v6.dst_addr = model::IpAddress::v6({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
    v6.vlan_tci = 100;
    out.write(frame_of(v6), 4'000);
    // 14 Ethernet + 20 IPv4 + 8 UDP + 8976 payload = 9018, the NIC's maximum.
    out.write(frame_of(udp_frame(8976)), 5'000);
    FrameSpec arp;
    arp.l3 = model::L3Kind::none;
    out.write(frame_of(arp), 6'000);
}

void write_truncated(const std::string& path) {
    PcapWriter out(path);
    out.write(frame_of(FrameSpec{}), 1'000);
    const auto full = frame_of(udp_frame(1472));  // 1514 bytes on the wire
    out.write(std::span(full).first(60), 2'000, static_cast<std::uint32_t>(full.size()));
    out.write(frame_of(FrameSpec{}), 3'000);
}

void write_oversize(const std::string& path) {
    PcapWriter out(path);
    out.write(frame_of(FrameSpec{}), 1'000);
    out.write(frame_of(udp_frame(1472)), 2'000);
    out.write(frame_of(udp_frame(8977)), 3'000);  // 9019 bytes
}

void write_over_snaplen(const std::string& path) {
    PcapWriter out(path, nicsim::capture::link_type_ethernet, 100);
    out.write(frame_of(FrameSpec{}), 1'000);
    out.write(frame_of(udp_frame(1472)), 2'000);  // 1514 bytes stored, 100 allowed
}

void write_raw(const std::string& path) {
    constexpr int dlt_raw = 12;  // libpcap's DLT_RAW: packets start at the IP header
    PcapWriter out(path, dlt_raw);
    auto frame = frame_of(FrameSpec{});
    out.write(std::span(frame).subspan(14), 1'000);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_replay_pcaps FOLDER\n";
        return 2;
    }
    try {
        const std::filesystem::path dir = argv[1];
        std::filesystem::create_directories(dir);
        write_format((dir / "format.pcap").string());
        { PcapWriter empty((dir / "empty.pcap").string()); }
        write_truncated((dir / "truncated.pcap").string());
        write_oversize((dir / "oversize.pcap").string());
        write_raw((dir / "raw.pcap").string());
        write_over_snaplen((dir / "over_snaplen.pcap").string());
    } catch (const std::exception& e) {
        std::cerr << "make_replay_pcaps: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
