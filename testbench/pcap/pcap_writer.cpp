#include "pcap/pcap_writer.hpp"

#include <pcap/pcap.h>

#include <algorithm>
#include <stdexcept>

namespace nicsim::capture {

PcapWriter::PcapWriter(const std::string& path, int link_type, std::uint32_t snap_length) : path_(path) {
    handle_ = pcap_open_dead_with_tstamp_precision(link_type, static_cast<int>(snap_length), PCAP_TSTAMP_PRECISION_NANO);
    if (handle_ == nullptr) throw std::runtime_error("cannot create capture " + path + ": libpcap is out of memory");
    dumper_ = pcap_dump_open(handle_, path.c_str());
    if (dumper_ == nullptr) {
        const std::string reason = pcap_geterr(handle_);
        pcap_close(handle_);
        throw std::runtime_error("cannot create capture " + path + ": " + reason);
    }
}

PcapWriter::~PcapWriter() {
    pcap_dump_close(dumper_);
    pcap_close(handle_);
}

void PcapWriter::write(std::span<const std::uint8_t> data, std::uint64_t timestamp_ns, std::uint32_t wire_length) {
    pcap_pkthdr header{};
    header.ts.tv_sec = static_cast<time_t>(timestamp_ns / 1'000'000'000u);
    header.ts.tv_usec = static_cast<suseconds_t>(timestamp_ns % 1'000'000'000u);  // nanoseconds: opened so
    header.caplen = static_cast<bpf_u_int32>(data.size());
    header.len = std::max<bpf_u_int32>(header.caplen, wire_length);
    pcap_dump(reinterpret_cast<u_char*>(dumper_), &header, data.data());
    if (flush_each_frame_) pcap_dump_flush(dumper_);
    ++frames_;
}

}  // namespace nicsim::capture
