// Every place an offered packet can die, as one typed table: the NIC's drop counters (the
// register map's, regs::NicDrop) and the host's places (HostDrop). The delivery ledger counts
// the host's, every report names them from here (drop_nic_no_desc, drop_socket_queue, ...),
// conservation sums them, and the sweep's plots find them by these names.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "nic_regs.hpp"

namespace nicsim::apps {

// Host-side places. ipintrq and lrp_channel are driver policies' (bsd-interrupt's IP input
// queue, soft-lrp's channel queues): the policy counts them and names them so in
// RxPolicy::drops(). The ledger counts the others.
enum class HostDrop : unsigned { ipintrq, tx_ring, socket_queue, corrupt, lrp_channel, count_ };

inline constexpr std::array<std::string_view, static_cast<unsigned>(HostDrop::count_)> host_drop_names{
    "ipintrq",       // the IP input queue between the driver and protocol processing was full
    "tx_ring",       // forwarding found the transmit ring full
    "socket_queue",  // the user-level consumer's queue was full
    "corrupt",       // a frame whose contents did not survive (a model bug if ever non-zero)
    "lrp_channel",   // soft-lrp: the application's channel queue was full when the interrupt demultiplexed it
};

inline constexpr unsigned nic_drop_count = static_cast<unsigned>(regs::NicDrop::count_);
inline constexpr unsigned host_drop_count = static_cast<unsigned>(HostDrop::count_);
inline constexpr unsigned drop_reason_count = nic_drop_count + host_drop_count;

struct DropReason {
    bool at_nic = false;
    unsigned index = 0;  // a regs::NicDrop or a HostDrop

    // The name every report gives it: drop_nic_<reason> for the NIC's, drop_<place> for the host's.
    std::string key() const;
};

// All reasons in report order: the NIC's in register-map order, then the host's.
const std::array<DropReason, drop_reason_count>& drop_reasons();

// The reason a report calls `key` (drop_nic_runt, drop_corrupt, ...), or nothing.
std::optional<DropReason> drop_reason_named(std::string_view key);
// The host place a driver policy names `place` ("ipintrq"), or nothing.
std::optional<HostDrop> host_drop_named(std::string_view place);

// How many packets died at each reason.
class DropCounts {
public:
    std::uint64_t& operator[](regs::NicDrop d) { return counts_[static_cast<unsigned>(d)]; }
    std::uint64_t& operator[](HostDrop d) { return counts_[nic_drop_count + static_cast<unsigned>(d)]; }
    std::uint64_t operator[](regs::NicDrop d) const { return counts_[static_cast<unsigned>(d)]; }
    std::uint64_t operator[](HostDrop d) const { return counts_[nic_drop_count + static_cast<unsigned>(d)]; }
    // By position in drop_reasons().
    std::uint64_t at(unsigned reason) const { return counts_.at(reason); }
    std::uint64_t total() const {
        std::uint64_t sum = 0;
        for (auto c : counts_) sum += c;
        return sum;
    }

private:
    std::array<std::uint64_t, drop_reason_count> counts_{};
};

}  // namespace nicsim::apps
