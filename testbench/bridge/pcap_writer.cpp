#include "pcap_writer.hpp"

#include <pcap/pcap.h>

#include <stdexcept>

namespace nicsim::bridge {

namespace {
// Frames are never longer than a 9018-byte jumbo frame here; 65535 is tcpdump's default.
constexpr int snapshot_length = 65535;
}  // namespace

PcapWriter::PcapWriter(const std::string& path) : path_(path) {
    handle_ = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, snapshot_length, PCAP_TSTAMP_PRECISION_NANO);
    if (handle_ == nullptr) throw std::runtime_error("pcap " + path + ": libpcap cannot open a dead handle");
    dumper_ = pcap_dump_open(handle_, path.c_str());
    if (dumper_ == nullptr) {
        const std::string reason = pcap_geterr(handle_);
        pcap_close(handle_);
        throw std::runtime_error("--pcap = " + path + ": cannot write: " + reason);
    }
}

PcapWriter::~PcapWriter() {
    pcap_dump_close(dumper_);
    pcap_close(handle_);
}

void PcapWriter::write(std::span<const std::uint8_t> frame, std::chrono::nanoseconds time) {
    pcap_pkthdr header{};
    const auto ns = time.count();
    header.ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    // With nanosecond precision the "microseconds" field holds nanoseconds.
    header.ts.tv_usec = static_cast<suseconds_t>(ns % 1'000'000'000);
    header.caplen = static_cast<bpf_u_int32>(frame.size());
    header.len = static_cast<bpf_u_int32>(frame.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper_), &header, frame.data());
    pcap_dump_flush(dumper_);
    ++frames_;
}

}  // namespace nicsim::bridge
