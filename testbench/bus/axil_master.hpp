// Performs MMIO on the NIC's AXI4-Lite slave (s_axil_*), one access at a time, from a queue.
//
// A write shows AW and W together (each dropped once taken, as the slave may take them in
// either order) and then waits for B; a read shows AR and waits for R. READY for B and R is
// raised only while an access waits for it. The response of every access is kept: the driver
// side (RtlHarness) decides what an error means.
#pragma once

#include <cstdint>

#include "bus/bus_ports.hpp"
#include "bus/clocked_model.hpp"
#include "bus/ring_queue.hpp"

namespace nicsim::tb {

class AxilMaster final : public ClockedModel {
public:
    struct ReadResult {
        std::uint32_t data = 0;
        AxiResp resp = AxiResp::okay;
    };

    explicit AxilMaster(const AxilPorts& ports);

    // Queue an access. Throw std::out_of_range if `addr` does not fit the 16-bit address bus
    // (it would alias another register) and std::invalid_argument if it is not 4-byte aligned.
    void start_write(std::uint32_t addr, std::uint32_t data, std::uint8_t strb = 0xF);
    void start_read(std::uint32_t addr);

    // No access queued or in flight.
    bool idle() const { return !busy_ && queue_.empty(); }
    std::uint64_t completed() const { return completed_; }  // accesses finished since construction

    ReadResult last_read() const { return last_read_; }
    AxiResp last_write_resp() const { return last_write_resp_; }
    // Response of the access that finished last, read or write.
    AxiResp last_resp() const { return last_resp_; }

    void apply() override;
    void sample(std::uint64_t cycle) override;
    void reset() override;
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override {
        return idle() ? quiet_forever : next_cycle;
    }

private:
    struct Request {
        bool is_write = false;
        std::uint16_t addr = 0;
        std::uint32_t data = 0;
        std::uint8_t strb = 0;
    };

    void check_address(std::uint32_t addr) const;
    void start_next();

    AxilPorts p_;
    RingQueue<Request> queue_;
    bool busy_ = false;
    Request current_;

    // Our drive, as applied now; sample() replaces it with the next cycle's.
    std::uint8_t awvalid_ = 0, wvalid_ = 0, bready_ = 0, arvalid_ = 0, rready_ = 0;

    ReadResult last_read_;
    AxiResp last_write_resp_ = AxiResp::okay;
    AxiResp last_resp_ = AxiResp::okay;
    std::uint64_t completed_ = 0;
};

}  // namespace nicsim::tb
