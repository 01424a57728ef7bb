// Writes a capture file through libpcap (pcap_open_dead + pcap_dump): tests make their
// captures with it, and anything that records frames (a TAP bridge, a wire monitor) can too.
// Files are nanosecond-resolution pcap, readable by tcpdump and Wireshark.
//
// Records are buffered by stdio until the writer is destroyed, unless flush_each_frame() is
// on: then the file is complete up to the last frame even if the process is killed (the
// bridge records a live wire that way).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "pcap/pcap_reader.hpp"

struct pcap;
struct pcap_dumper;

namespace nicsim::capture {

class PcapWriter {
public:
    // Throws std::runtime_error naming the file and libpcap's reason when it cannot be created.
    explicit PcapWriter(const std::string& path, int link_type = link_type_ethernet,
                        std::uint32_t snap_length = 65535);
    ~PcapWriter();  // flushes and closes
    PcapWriter(const PcapWriter&) = delete;
    PcapWriter& operator=(const PcapWriter&) = delete;

    // One record of data.size() captured bytes. `wire_length`, when larger, records a frame
    // the capture cut short (caplen < len), as a snap length does.
    void write(std::span<const std::uint8_t> data, std::uint64_t timestamp_ns = 0, std::uint32_t wire_length = 0);

    // Flush every record to the file as it is written (off by default).
    void flush_each_frame(bool on) { flush_each_frame_ = on; }

    std::uint64_t frames() const { return frames_; }  // records written
    const std::string& path() const { return path_; }

private:
    ::pcap* handle_ = nullptr;
    ::pcap_dumper* dumper_ = nullptr;
    std::string path_;
    std::uint64_t frames_ = 0;
    bool flush_each_frame_ = false;
};

}  // namespace nicsim::capture
