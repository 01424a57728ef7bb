// nicsim: the command line.
//
//   nicsim run [options]    frames through the RTL NIC and the driver; prints statistics
//
// Exit status: 0 on success, 1 when the run finished but broke an invariant (a frame neither
// delivered nor counted, a DMA fault, an AXI protocol violation), 2 on bad input.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <stdexcept>

#include "rtl_run.hpp"

namespace {

void add_run_command(CLI::App& app, nicsim::tb::RtlRunOptions& o) {
    auto* run = app.add_subcommand("run", "Offer frames at a constant rate through the RTL NIC and the driver");
    run->add_option("--packets", o.packets, "Frames to offer")->capture_default_str();
    run->add_option("--rate", o.rate_pps, "Offered load in frames per second")->capture_default_str();
    run->add_option("--size", o.size, "Frame size in bytes without FCS (60..9018)")->capture_default_str();
    run->add_option("--flows", o.flows, "Distinct UDP flows (source ports)")->capture_default_str();
    run->add_option("--queues", o.driver.queues, "Queues the driver brings up")->capture_default_str();
    run->add_option("--rx-ring", o.driver.rx_ring_size, "RX ring size in descriptors (power of two, 8..4096)")
        ->capture_default_str();
    run->add_option("--tx-ring", o.driver.tx_ring_size, "TX ring size in descriptors (power of two, 8..4096)")
        ->capture_default_str();
    run->add_option("--rx-buf-size", o.driver.rx_buffer_size, "RX buffer size in bytes (multiple of 8, 64..16384)")
        ->capture_default_str();
    run->add_option("--poll-interval-ns", o.poll_interval_ns, "How often the driver polls its rings")
        ->capture_default_str();
    run->add_option("--poll-budget", o.poll_budget, "Frames per ring per poll")->capture_default_str();
    run->add_option("--dma-latency-ns", o.dma_latency_ns, "Host memory latency seen by the NIC's DMA")
        ->capture_default_str();
    run->add_option("--clock-mhz", o.clock_mhz, "NIC clock")->capture_default_str();
    run->add_option("--link-gbps", o.link_gbps, "Ethernet link speed; the offered rate may not exceed it")
        ->capture_default_str();
    run->add_option("--seed", o.seed, "Random seed (flow choice)")->capture_default_str();
    run->add_flag("!--no-forward", o.forward, "Do not send received frames back out");
    run->add_option("--trace", o.trace_path, "Write an FST waveform of the whole run to this file");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"nicsim: a hardware-in-the-loop NIC model and testbench"};
    app.require_subcommand(1);
    nicsim::tb::RtlRunOptions run_options;
    add_run_command(app, run_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    try {
        if (app.got_subcommand("run")) {
            std::cout << "seed " << run_options.seed << "\n" << std::flush;
            const auto report = nicsim::tb::run_rtl(run_options);
            nicsim::tb::print_report(std::cout, run_options, report);
            const bool clean = report.conserved() && report.dma_faults == 0 && report.axi_violations == 0 &&
                               report.corrupted == 0 && report.duplicated == 0;
            if (!clean) {
                std::cerr << "nicsim: run broke an invariant (see conservation, corrupted, duplicated, dma_faults, "
                             "axi_violations above)\n";
                return 1;
            }
        }
    } catch (const std::invalid_argument& e) {
        std::cerr << "nicsim: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "nicsim: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
