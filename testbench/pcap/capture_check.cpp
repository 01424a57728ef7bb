#include "pcap/capture_check.hpp"

#include <stdexcept>

#include "pcap/pcap_reader.hpp"

namespace nicsim::capture {

CaptureCheck check_capture(const std::string& path, std::uint32_t max_frame_bytes) {
    PcapReader reader(path);
    if (reader.link_type() != link_type_ethernet)
        throw std::invalid_argument("capture " + path + ": link type " + reader.link_type_name() + " (" +
                                    std::to_string(reader.link_type()) +
                                    "); replay needs Ethernet frames, link type EN10MB (1)");
    CaptureCheck check;
    PcapRecord record;
    try {
        while (reader.next(record)) {
            ++check.frames;
            check.bytes += record.data.size();
            if (record.data.size() > max_frame_bytes)
                throw std::invalid_argument("capture " + path + ": frame " + std::to_string(record.index) + " is " +
                                            std::to_string(record.data.size()) +
                                            " bytes, longer than the NIC's maximum of " +
                                            std::to_string(max_frame_bytes));
            if (record.truncated()) {
                if (!check.first_truncated) check.first_truncated = record.index;
                ++check.truncated;
            }
        }
    } catch (const std::runtime_error& e) {
        // A damaged file is bad input like a missing one: say so before any simulation.
        throw std::invalid_argument(e.what());
    }
    return check;
}

}  // namespace nicsim::capture
