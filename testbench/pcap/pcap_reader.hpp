// Reads a capture file through libpcap (pcap_open_offline), one record at a time.
//
// A small RAII owner of the pcap_t: the replay command, the pcap traffic source and anything
// else that takes frames from a capture (a TAP bridge, ...) share it. Timestamps are asked
// for in nanoseconds, so microsecond and nanosecond captures read the same.
#pragma once

#include <cstdint>
#include <span>
#include <string>

struct pcap;  // libpcap's pcap_t, kept out of this header

namespace nicsim::capture {

// libpcap's DLT_EN10MB, the only link type whose records are Ethernet frames.
inline constexpr int link_type_ethernet = 1;

struct PcapRecord {
    std::uint64_t index = 0;             // 0-based position in the capture
    std::span<const std::uint8_t> data;  // the captured bytes; valid until the next next()
    std::uint32_t wire_length = 0;       // the frame's length on the wire (pcap "len")
    std::uint64_t timestamp_ns = 0;      // since the epoch

    // The capture kept fewer bytes than the frame had (caplen < len, a snap length).
    bool truncated() const { return data.size() < wire_length; }
};

class PcapReader {
public:
    // Throws std::invalid_argument naming the file and libpcap's reason when it cannot be
    // opened or is not a capture.
    explicit PcapReader(const std::string& path);
    ~PcapReader();
    PcapReader(const PcapReader&) = delete;
    PcapReader& operator=(const PcapReader&) = delete;

    // The next record, or false at the end of the capture. Throws std::runtime_error naming
    // the file and the record index when the file is damaged (a cut-off record, a record
    // storing more bytes than the file's snap length, ...).
    bool next(PcapRecord& record);

    int link_type() const { return link_type_; }
    // libpcap's name for the link type ("EN10MB", "RAW", ...), or its number when unnamed.
    std::string link_type_name() const;
    const std::string& path() const { return path_; }

private:
    std::string path_;
    ::pcap* handle_ = nullptr;
    int link_type_ = 0;
    std::uint32_t snap_length_ = 0;
    bool classic_ = false;  // a pcap file (not pcapng): record sizes can be checked
    std::uint64_t next_index_ = 0;
};

}  // namespace nicsim::capture
