// The most packets per second the configured CPUs can deliver at the configured costs, as
// an upper bound that any scheduling must respect: what the run reports can never be above
// it (a test checks every preset against it). It counts only the work every delivered packet
// needs in steady state -- the driver's receive work, protocol input, what the application
// does with it, transmit and the reclaim of its transmit slot when it is sent back out --
// and none that moderation, polling or batching can save (interrupts, context switches, empty
// polls). Each part runs where the run puts it: a queue's kernel work on its interrupt's core
// (busy-poll: on its one core), a user process's on its core. The bound is the least of
//
//   all cores / (all the work of a packet)
//   the cores that hold queues / (the kernel work of a packet)
//   the cores that hold user processes / (the user-level work of a packet)
//
// each of which a delivered packet stream must satisfy.
#pragma once

#include "cosim/run_config.hpp"

namespace nicsim {

struct CpuBound {
    double kernel_ns = 0;     // per delivered packet, in the receive policy's context
    double user_ns = 0;       // per delivered packet, in user processes
    unsigned kernel_cores = 0;
    unsigned user_cores = 0;
    double pps = 0;           // the bound
};

CpuBound cpu_bound(const RunConfig& config);

}  // namespace nicsim
