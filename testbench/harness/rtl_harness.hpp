// The whole host around a NIC top model: SimControl plus host memory behind the DMA master,
// MMIO through the register slave, and the wire on both MAC ports, bound by the port names of
// the nic_top contract (docs/architecture.md).
//
// A template on the top class (Vnicsim_tb in the build; nic_harness.hpp names that instance),
// so that testbench/ compiles before the RTL exists and unit tests can run it on a fake top
// (Context and Trace as in sim_control.hpp).
#pragma once

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "bus/axi_memory_slave.hpp"
#include "bus/axil_master.hpp"
#include "bus/axis_sink.hpp"
#include "bus/axis_source.hpp"
#include "bus/host_memory.hpp"
#include "bus/nic_ports.hpp"
#include "harness/sim_control.hpp"

namespace nicsim::tb {

struct HarnessOptions {
    SimOptions sim;
    AxiMemorySlave::Config dma;
    unsigned reset_cycles = 16;
    // An MMIO access with no response after this many cycles throws: the NIC has hung its
    // register slave, and waiting longer would only hide where.
    std::uint64_t mmio_timeout_cycles = 10000;
};

template <class Top, class Context = VerilatedContext, class Trace = VerilatedFstC>
class RtlHarness {
public:
    explicit RtlHarness(HarnessOptions options = {})
        : options_(options),
          sim_(options.sim),
          dma_(bind_axi_master(sim_.top()), memory_, options.dma),
          mmio_(bind_axil_slave(sim_.top())),
          rx_source_(bind_axis_rx(sim_.top())),
          tx_sink_(bind_axis_tx(sim_.top())) {
        sim_.add_model(dma_);
        sim_.add_model(mmio_);
        sim_.add_model(rx_source_);
        sim_.add_model(tx_sink_);
    }

    RtlHarness(const RtlHarness&) = delete;
    RtlHarness& operator=(const RtlHarness&) = delete;

    // Call before anything else (open_trace() first to see the reset in the trace).
    void reset() {
        sim_.reset(options_.reset_cycles);
        was_reset_ = true;
    }

    // Blocking MMIO: queue the access and run the clock until it (and any queued before it)
    // has finished. The response is returned, or kept in last_mmio_error(), not thrown: a test
    // of the NIC's error responses needs to see them.
    AxiResp mmio_write32(std::uint32_t addr, std::uint32_t value) {
        require_reset();
        mmio_.start_write(addr, value);
        wait_mmio("MMIO write", addr);
        last_mmio_error_ = mmio_.last_write_resp();
        return last_mmio_error_;
    }

    std::uint32_t mmio_read32(std::uint32_t addr) {
        require_reset();
        mmio_.start_read(addr);
        wait_mmio("MMIO read", addr);
        const AxilMaster::ReadResult r = mmio_.last_read();
        last_mmio_error_ = r.resp;
        return r.data;
    }

    // The response of the last blocking MMIO access (AxiResp::okay when it succeeded).
    AxiResp last_mmio_error() const { return last_mmio_error_; }

    void run(std::uint64_t cycles) { sim_.run(cycles); }
    template <class Pred>
    std::uint64_t run_until(Pred&& pred, std::uint64_t max_cycles, std::string_view what = "condition") {
        return sim_.run_until(std::forward<Pred>(pred), max_cycles, what);
    }
    std::uint64_t cycle() const { return sim_.cycle(); }

    SimControl<Top, Context, Trace>& sim() { return sim_; }
    Top& top() { return sim_.top(); }
    HostMemory& memory() { return memory_; }
    AxiMemorySlave& dma() { return dma_; }
    AxilMaster& mmio() { return mmio_; }
    AxisSource& rx_source() { return rx_source_; }  // frames from the wire into the NIC
    AxisSink& tx_sink() { return tx_sink_; }        // frames the NIC puts on the wire

private:
    void require_reset() const {
        if (!was_reset_) throw std::logic_error("RtlHarness: MMIO before reset()");
    }

    void wait_mmio(const char* what, std::uint32_t addr) {
        char label[64];
        std::snprintf(label, sizeof label, "%s at 0x%04x to complete", what, static_cast<unsigned>(addr));
        sim_.run_until([this] { return mmio_.idle(); }, options_.mmio_timeout_cycles, label);
    }

    HarnessOptions options_;
    SimControl<Top, Context, Trace> sim_;
    HostMemory memory_;
    AxiMemorySlave dma_;
    AxilMaster mmio_;
    AxisSource rx_source_;
    AxisSink tx_sink_;
    AxiResp last_mmio_error_ = AxiResp::okay;
    bool was_reset_ = false;
};

}  // namespace nicsim::tb
