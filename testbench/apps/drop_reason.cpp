#include "apps/drop_reason.hpp"

namespace nicsim::apps {

std::string DropReason::key() const {
    if (at_nic) return "drop_nic_" + std::string(regs::NIC_DROPS[index].reason);
    return "drop_" + std::string(host_drop_names[index]);
}

const std::array<DropReason, drop_reason_count>& drop_reasons() {
    static const std::array<DropReason, drop_reason_count> table = [] {
        std::array<DropReason, drop_reason_count> t{};
        for (unsigned i = 0; i < nic_drop_count; ++i) t[i] = {true, i};
        for (unsigned i = 0; i < host_drop_count; ++i) t[nic_drop_count + i] = {false, i};
        return t;
    }();
    return table;
}

std::optional<DropReason> drop_reason_named(std::string_view key) {
    for (const auto& r : drop_reasons())
        if (r.key() == key) return r;
    return std::nullopt;
}

std::optional<HostDrop> host_drop_named(std::string_view place) {
    for (unsigned i = 0; i < host_drop_count; ++i)
        if (host_drop_names[i] == place) return static_cast<HostDrop>(i);
    return std::nullopt;
}

}  // namespace nicsim::apps
