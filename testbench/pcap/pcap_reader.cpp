#include "pcap/pcap_reader.hpp"

#include <pcap/pcap.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace nicsim::capture {
namespace {

// A classic pcap file (not pcapng) starts with one of these magic numbers, in either byte
// order; its records have a 16-byte header.
bool is_classic_pcap(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, 4> magic{};
    if (!in.read(reinterpret_cast<char*>(magic.data()), magic.size())) return false;
    auto word = [&](int a, int b, int c, int d) {  // bytes a..d, a least significant
        return std::uint32_t{magic[static_cast<std::size_t>(a)]} | std::uint32_t{magic[static_cast<std::size_t>(b)]} << 8 |
               std::uint32_t{magic[static_cast<std::size_t>(c)]} << 16 | std::uint32_t{magic[static_cast<std::size_t>(d)]} << 24;
    };
    const std::uint32_t le = word(0, 1, 2, 3);
    const std::uint32_t be = word(3, 2, 1, 0);
    for (const std::uint32_t m : {le, be})
        if (m == 0xa1b2c3d4u || m == 0xa1b23c4du) return true;
    return false;
}

constexpr long classic_record_header_bytes = 16;

}  // namespace

PcapReader::PcapReader(const std::string& path) : path_(path) {
    char error[PCAP_ERRBUF_SIZE] = {};
    handle_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
    if (handle_ == nullptr) throw std::invalid_argument("cannot read capture " + path + ": " + error);
    link_type_ = pcap_datalink(handle_);
    snap_length_ = static_cast<std::uint32_t>(pcap_snapshot(handle_));
    classic_ = is_classic_pcap(path);
}

PcapReader::~PcapReader() {
    if (handle_ != nullptr) pcap_close(handle_);
}

bool PcapReader::next(PcapRecord& record) {
    pcap_pkthdr* header = nullptr;
    const u_char* bytes = nullptr;
    // libpcap cuts a record that stores more bytes than the file's snap length down to the
    // snap length and drops the rest without a word, so that it looks like a frame captured
    // short. Where the record starts and ends in the file tells the two apart.
    std::FILE* file = classic_ ? pcap_file(handle_) : nullptr;
    const long start = file != nullptr ? std::ftell(file) : -1;
    const int rc = pcap_next_ex(handle_, &header, &bytes);
    if (rc == PCAP_ERROR_BREAK) return false;  // end of file
    if (rc != 1)
        throw std::runtime_error("capture " + path_ + ": record " + std::to_string(next_index_) +
                                 " cannot be read: " + pcap_geterr(handle_));
    if (start >= 0) {
        const long stored = std::ftell(file) - start - classic_record_header_bytes;
        if (stored > static_cast<long>(header->caplen))
            throw std::runtime_error("capture " + path_ + ": record " + std::to_string(next_index_) + " stores " +
                                     std::to_string(stored) + " bytes, more than the capture's snap length of " +
                                     std::to_string(snap_length_) +
                                     " (the file is inconsistent: libpcap would silently keep only the first " +
                                     std::to_string(header->caplen) + ")");
    }
    record.index = next_index_++;
    record.data = {bytes, header->caplen};
    record.wire_length = header->len;
    record.timestamp_ns = static_cast<std::uint64_t>(header->ts.tv_sec) * 1'000'000'000u +
                          static_cast<std::uint64_t>(header->ts.tv_usec);  // nanoseconds, as opened
    return true;
}

std::string PcapReader::link_type_name() const {
    const char* name = pcap_datalink_val_to_name(link_type_);
    return name != nullptr ? std::string(name) : std::to_string(link_type_);
}

}  // namespace nicsim::capture
