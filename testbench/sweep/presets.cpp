#include "sweep/presets.hpp"

namespace nicsim::sweep {
namespace {

// Mogul & Ramakrishnan's router, shared by the presets of their experiments (adjacent string
// literals: the compiler joins them): one 10 Mb/s input (60-byte frames, at most 14,880/s), one
// CPU with the kernel-1996 costs (~200 us per forwarded packet: forwarding peaks near 5,000/s;
// host/cost_profiles.cpp), a 10 MHz NIC with 2 us DMA latency and 32-entry rings.
#define NICSIM_HOST_1996                                                                    \
    "cores = 1\nqueues = 1\nlink-gbps = 0.01\nclock-mhz = 10\ndma-latency-ns = 2000\n"      \
    "quantum-ns = 20000\nrx = 32\ntx = 32\nipintrq-len = 50\nsink-queue = 32\n"             \
    "cost-profile = \"kernel-1996\"\n"
// Their loads: up to the 10 Mb/s line rate, past the ~5,000/s peak.
#define NICSIM_LOADS_1996 "loads = \"1000:14880:12\"\nduration-us = 200000\nseed = 1\n"

constexpr Preset presets[] = {
    {"default", "A modern host: napi, napi-dim, bsd-interrupt and busy-poll forwarding 60-byte frames at 10 GbE",
     R"toml(
description = "A modern host: 2 cores, 10 GbE, 60-byte frames forwarded; napi, napi-dim, bsd-interrupt, busy-poll"
[sweep]
policies = ["napi", "napi-dim", "bsd-interrupt", "busy-poll"]
loads = [100000, 400000, 800000, 1200000, 1600000, 2000000, 2600000, 3200000]
duration-us = 5000
seed = 1
[run]
app = "forward"
cores = 2
queues = 1
rx = 256
tx = 256
)toml"},
    {"mogul96", "Mogul & Ramakrishnan 1996, Figures 6-1 and 6-3: livelock of the unmodified kernel; polling without and with a quota",
     R"toml(
description = "Mogul & Ramakrishnan 1996: one 10 Mb/s input, IP forwarding on a DECstation-class host (~200 us per packet, forwarding peaks near 5,000 packets/s); poll-feedback feeds a user-level sink"
[sweep]
policies = ["bsd-interrupt", "poll-noquota", "poll-quota", "poll-feedback"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "forward"
quota = 5
[policy.poll-feedback]
app = "sink"
cost-user-packet-ns = 60000
)toml"},
    {"mogul96-screend", "Mogul & Ramakrishnan 1996, Figure 6-1 with and without screend: a user-level screening process lowers the peak",
     R"toml(
description = "Mogul & Ramakrishnan 1996, Figure 6-1: the unmodified kernel forwarding directly, and through screend (a user-level filter that screens, then forwards)"
[sweep]
policies = ["bsd-forward", "bsd-screend"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
[policy.bsd-forward]
policy = "bsd-interrupt"
app = "forward"
[policy.bsd-screend]
policy = "bsd-interrupt"
app = "screend"
)toml"},
    {"mogul96-feedback", "Mogul & Ramakrishnan 1996, Figures 6-3 and 6-4 with screend: no quota, a quota without feedback, a quota with queue feedback",
     R"toml(
description = "Mogul & Ramakrishnan 1996, Figures 6-3 and 6-4: forwarding through screend with polling: no quota, quota 5 without feedback, quota 5 with screend's queue as feedback"
[sweep]
policies = ["poll-noquota", "poll-quota", "poll-feedback"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "screend"
quota = 5
)toml"},
    {"mogul96-quota", "Mogul & Ramakrishnan 1996: the polling quota (1, 5, 10, 20, 100, none) against throughput and latency",
     R"toml(
description = "Mogul & Ramakrishnan 1996: the polling thread's quota, 1 to 100 packets per source per turn, and none (poll-noquota): throughput in overload against latency"
[sweep]
policies = ["quota-1", "quota-5", "quota-10", "quota-20", "quota-100", "quota-none"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "forward"
[policy.quota-1]
policy = "poll-quota"
quota = 1
[policy.quota-5]
policy = "poll-quota"
quota = 5
[policy.quota-10]
policy = "poll-quota"
quota = 10
[policy.quota-20]
policy = "poll-quota"
quota = 20
[policy.quota-100]
policy = "poll-quota"
quota = 100
[policy.quota-none]
policy = "poll-noquota"
)toml"},
    {"mogul96-cpulimit", "Mogul & Ramakrishnan 1996, the cycle limit: a CPU-bound process's share against the limit on receive processing",
     R"toml(
description = "Mogul & Ramakrishnan 1996, the cycle limit: forwarding in overload beside a CPU-bound user process; receive processing limited to 25, 50, 75 and 100% of each 10 ms"
[sweep]
policies = ["limit-25", "limit-50", "limit-75", "limit-100"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "forward"
quota = 5
hog = 1
[policy.limit-25]
policy = "poll-cpulimit"
cpu-limit = 0.25
[policy.limit-50]
policy = "poll-cpulimit"
cpu-limit = 0.5
[policy.limit-75]
policy = "poll-cpulimit"
cpu-limit = 0.75
[policy.limit-100]
policy = "poll-cpulimit"
cpu-limit = 1
)toml"},
    {"batched-interrupts", "Batched interrupts (the third remedy of the lecture notes): bsd-interrupt with interrupt moderation against without",
     R"toml(
description = "Batched interrupts: the unmodified 1996 kernel with its receive interrupt moderated (rx-usecs 200 and 1000) against one interrupt per packet"
[sweep]
policies = ["rx-usecs-0", "rx-usecs-200", "rx-usecs-1000"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "forward"
[policy.rx-usecs-0]
policy = "bsd-interrupt"
rx-usecs = 0
[policy.rx-usecs-200]
policy = "bsd-interrupt"
rx-usecs = 200
[policy.rx-usecs-1000]
policy = "bsd-interrupt"
rx-usecs = 1000
)toml"},
    {"tx-starvation", "Transmit starvation (Mogul & Ramakrishnan 1996): transmit completions per second under input overload",
     R"toml(
description = "Transmit starvation: transmit completions per second as input grows, 1996 host; poll-noquota never reclaims its transmit ring"
[sweep]
policies = ["bsd-interrupt", "poll-noquota", "poll-quota"]
)toml" NICSIM_LOADS_1996 R"toml(
[run]
)toml" NICSIM_HOST_1996 R"toml(
app = "forward"
quota = 5
)toml"},
    {"latency", "Latency under load per policy on a modern host, from light load to saturation",
     R"toml(
description = "Latency under load: napi, napi-dim, bsd-interrupt and busy-poll forwarding at 10 GbE from 10,000 packets/s to past saturation"
[sweep]
policies = ["napi", "napi-dim", "bsd-interrupt", "busy-poll"]
loads = [10000, 50000, 100000, 200000, 400000, 600000, 800000, 1000000]
duration-us = 20000
seed = 1
[run]
app = "forward"
cores = 2
queues = 1
rx = 256
tx = 256
)toml"},
    {"interrupts", "Interrupts per million packets per policy at several loads (the NAPI_HOWTO table)",
     R"toml(
description = "Interrupts per million packets received: bsd-interrupt (one per packet), napi, napi-dim and poll-quota from light load to overload, modern host"
[sweep]
policies = ["bsd-interrupt", "napi", "napi-dim", "poll-quota"]
loads = [10000, 100000, 300000, 600000, 1000000, 2000000]
duration-us = 10000
seed = 1
[run]
app = "forward"
cores = 2
queues = 1
rx = 256
tx = 256
quota = 64
)toml"},
    {"lrp", "Druschel & Banga 1996: a quiet application's share under a flood to another; NI-LRP and SOFT-LRP against napi and bsd-interrupt",
     R"toml(
description = "Lazy receiver processing (Druschel & Banga 1996): one core, two UDP sink applications, a quiet one offered 50,000 packets/s and one flooded with the swept load; lrp (NI-LRP) gives each its own NIC queue, soft-lrp demultiplexes in the driver, napi and bsd-interrupt share one queue"
[sweep]
policies = ["lrp", "soft-lrp", "napi", "bsd-interrupt"]
loads = [100000, 300000, 500000, 700000, 1000000, 1500000, 2000000, 3000000]
duration-us = 20000
seed = 1
[run]
app = "sink"
apps = 2
quiet-load = 50000
cores = 1
queues = 1
rx = 256
sink-queue = 256
[policy.lrp]
queues = 3
)toml"},
    {"multiqueue", "Receive-side scaling: napi with 1, 2 and 4 cores, a queue per core, RSS spreading 64 flows",
     R"toml(
description = "Receive-side scaling: napi with 1, 2 and 4 cores, a queue per core, RSS spreading 64 flows, a sink process per core"
[sweep]
policies = ["napi-1q", "napi-2q", "napi-4q"]
loads = [250000, 500000, 750000, 1000000, 1500000, 2000000, 3000000]
duration-us = 5000
seed = 1
[run]
app = "sink-per-core"
flows = 64
rx = 256
sink-queue = 256
[policy.napi-1q]
policy = "napi"
cores = 1
queues = 1
[policy.napi-2q]
policy = "napi"
cores = 2
queues = 2
[policy.napi-4q]
policy = "napi"
cores = 4
queues = 4
)toml"},
};

#undef NICSIM_HOST_1996
#undef NICSIM_LOADS_1996

}  // namespace

std::span<const Preset> preset_table() { return presets; }

}  // namespace nicsim::sweep
