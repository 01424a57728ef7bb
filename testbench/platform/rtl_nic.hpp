// The Verilated NIC with its harness, behind a header that includes neither Verilator nor
// SystemC: Verilator's headers change meaning when SystemC's are in the same translation
// unit, so the two never meet. The SystemC side (nic_platform) uses only this.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "axis_sink.hpp"
#include "host_memory.hpp"
#include "irq_pulse.hpp"
#include "rtl_harness.hpp"

namespace nicsim::platform {

class RtlNic {
public:
    RtlNic(const tb::HarnessOptions& options, const std::string& trace_path);
    ~RtlNic();
    RtlNic(const RtlNic&) = delete;
    RtlNic& operator=(const RtlNic&) = delete;

    std::uint64_t cycle() const;
    void run(std::uint64_t cycles);

    std::uint32_t mmio_read32(std::uint32_t addr);
    void mmio_write32(std::uint32_t addr, std::uint32_t value);

    tb::HostMemory& memory();
    // Offers a frame on the MAC input no earlier than `cycle`.
    void offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle);
    // Frames the NIC transmitted, oldest first; the caller pops what it has handled.
    std::deque<tb::ReceivedFrame>& transmitted();
    // Interrupt pulses since the caller last cleared the list.
    std::vector<tb::IrqPulse>& irq_pulses();

    std::uint64_t irq_count() const;
    std::uint64_t axi_violations() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nicsim::platform
