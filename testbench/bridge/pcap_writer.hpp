// Writes Ethernet frames to a classic pcap file (libpcap's pcap_open_dead + pcap_dump), with
// nanosecond timestamps, readable by tshark, tcpdump and Wireshark.
//
// Each frame is flushed as it is written, so the file is complete up to the last frame even if
// the process is killed.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

// libpcap's types, declared here so that users of this header need not include <pcap.h>.
struct pcap;
struct pcap_dumper;

namespace nicsim::bridge {

class PcapWriter {
public:
    // Opens (truncates) `path`; throws std::runtime_error naming the path and libpcap's reason.
    explicit PcapWriter(const std::string& path);
    ~PcapWriter();
    PcapWriter(const PcapWriter&) = delete;
    PcapWriter& operator=(const PcapWriter&) = delete;

    // `time` is since the Unix epoch.
    void write(std::span<const std::uint8_t> frame, std::chrono::nanoseconds time);

    std::uint64_t frames() const { return frames_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    pcap* handle_ = nullptr;
    pcap_dumper* dumper_ = nullptr;
    std::uint64_t frames_ = 0;
};

}  // namespace nicsim::bridge
