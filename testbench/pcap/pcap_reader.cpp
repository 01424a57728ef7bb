#include "pcap/pcap_reader.hpp"

#include <pcap/pcap.h>

#include <stdexcept>

namespace nicsim::capture {

PcapReader::PcapReader(const std::string& path) : path_(path) {
    char error[PCAP_ERRBUF_SIZE] = {};
    handle_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
    if (handle_ == nullptr) throw std::invalid_argument("cannot read capture " + path + ": " + error);
    link_type_ = pcap_datalink(handle_);
}

PcapReader::~PcapReader() {
    if (handle_ != nullptr) pcap_close(handle_);
}

bool PcapReader::next(PcapRecord& record) {
    pcap_pkthdr* header = nullptr;
    const u_char* bytes = nullptr;
    const int rc = pcap_next_ex(handle_, &header, &bytes);
    if (rc == PCAP_ERROR_BREAK) return false;  // end of file
    if (rc != 1)
        throw std::runtime_error("capture " + path_ + ": record " + std::to_string(next_index_) +
                                 " cannot be read: " + pcap_geterr(handle_));
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
