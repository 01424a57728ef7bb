#include "bus/axi_memory_slave.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace nicsim::tb {

namespace {

constexpr unsigned kBeatBytes = 8;
constexpr unsigned kBeatSize = 3;  // AxSIZE for 8-byte beats
constexpr std::uint64_t kBoundary = 4096;

std::string format(const char* fmt, auto... args) {
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

}  // namespace

AxiMemorySlave::AxiMemorySlave(const AxiMasterPorts& ports, HostMemory& memory, Config config)
    : p_(ports), memory_(memory), config_(config) {
    if (config_.latency_cycles == 0) config_.latency_cycles = 1;
    if (config_.max_outstanding_reads == 0 || config_.max_outstanding_writes == 0 ||
        config_.max_early_w_beats == 0)
        throw std::invalid_argument("AxiMemorySlave: the outstanding limits must be at least 1");
    if (config_.stall_percent > 100)
        throw std::invalid_argument("AxiMemorySlave: stall_percent = " + std::to_string(config_.stall_percent) +
                                    ": must be in 0..100");
    const unsigned all = config_.stall_percent;
    stalls_ = config_.channel_stalls.value_or(Config::ChannelStalls{all, all, all, all, all});
    for (const auto& [name, percent] : {std::pair{"ar", stalls_.ar}, std::pair{"aw", stalls_.aw},
                                        std::pair{"w", stalls_.w}, std::pair{"r", stalls_.r},
                                        std::pair{"b", stalls_.b}}) {
        if (percent > 100)
            throw std::invalid_argument(std::string("AxiMemorySlave: channel_stalls.") + name + " = " +
                                        std::to_string(percent) + ": must be in 0..100");
        any_stall_ = any_stall_ || percent > 0;
    }
    irregular_ = config_.latency_jitter_cycles > 0 || any_stall_;
    reset();
}

void AxiMemorySlave::reset() {
    reads_.clear();
    writes_.clear();
    writes_complete_ = 0;
    early_w_.clear();
    held_ar_ = held_aw_ = held_w_ = HeldRequest{};
    // Idle during reset; ready from the first cycle after it.
    *p_.arready = *p_.awready = *p_.wready = 0;
    *p_.rvalid = *p_.rlast = *p_.rresp = 0;
    *p_.rdata = 0;
    *p_.bvalid = *p_.bresp = 0;
    arready_ = awready_ = wready_ = 1;
    rvalid_ = rlast_ = rresp_ = 0;
    last_read_ready_ = last_write_ready_ = 0;
    rng_.seed(config_.seed);
    rdata_ = 0;
    bvalid_ = bresp_ = 0;
}

void AxiMemorySlave::apply() {
    *p_.arready = arready_;
    *p_.awready = awready_;
    *p_.wready = wready_;
    *p_.rvalid = rvalid_;
    *p_.rdata = rdata_;
    *p_.rlast = rlast_;
    *p_.rresp = rresp_;
    *p_.bvalid = bvalid_;
    *p_.bresp = bresp_;
}

void AxiMemorySlave::sample(std::uint64_t cycle) {
    // --- handshakes at the coming edge, against the values applied in this cycle
    if (rvalid_ && *p_.rready) {
        ReadBurst& r = reads_.front();
        if (++r.next_beat == r.beats) reads_.pop_front();
    }
    if (bvalid_ && *p_.bready) {
        writes_.pop_front();
        --writes_complete_;
    }

    // Idle fast path, taken on most cycles of a real run: nothing requested, nothing in
    // flight, nothing shown. The next cycle's drive is then the same as this one's.
    if (nothing_to_do()) return;
    const bool arvalid = *p_.arvalid;
    const bool awvalid = *p_.awvalid;
    const bool wvalid = *p_.wvalid;

    if (arvalid || held_ar_.waiting)
        check_held(held_ar_, arvalid, arready_, *p_.araddr,
                   static_cast<std::uint16_t>(*p_.arlen | (*p_.arsize << 8) | (*p_.arburst << 11)), "AR", cycle);
    if (arvalid && arready_) accept_read(cycle);

    if (awvalid || held_aw_.waiting)
        check_held(held_aw_, awvalid, awready_, *p_.awaddr,
                   static_cast<std::uint16_t>(*p_.awlen | (*p_.awsize << 8) | (*p_.awburst << 11)), "AW", cycle);
    // AW before W, so that a W beat arriving with its AW goes straight into the burst.
    if (awvalid && awready_) accept_write_address(cycle);

    if (wvalid || held_w_.waiting)
        check_held(held_w_, wvalid, wready_, *p_.wdata, static_cast<std::uint16_t>(*p_.wstrb | (*p_.wlast << 8)),
                   "W", cycle);
    if (wvalid && wready_) {
        const WBeat beat{*p_.wdata, *p_.wstrb, *p_.wlast != 0};
        if (writes_complete_ < writes_.size()) {
            add_write_beat(beat, cycle);
        } else {
            early_w_.push(beat);
        }
    }

    // --- what we drive in the next cycle. Each limit is checked against the queues after this
    // edge's handshakes, and at most one request per channel arrives per edge, so no queue
    // goes past its limit.
    const std::uint64_t next = cycle + 1;
    arready_ = reads_.size() < config_.max_outstanding_reads;
    awready_ = writes_.size() < config_.max_outstanding_writes;
    wready_ = early_w_.size() < config_.max_early_w_beats;
    // A valid shown this cycle and not taken is shown again (it must be held); otherwise an
    // irregular host may withhold it.
    const bool r_held = rvalid_ && !*p_.rready;
    const bool b_held = bvalid_ && !*p_.bready;
    bool r_stall = false, b_stall = false;
    if (irregular_ && any_stall_) {
        if (stall(stalls_.ar)) arready_ = 0;
        if (stall(stalls_.aw)) awready_ = 0;
        if (stall(stalls_.w)) wready_ = 0;
        r_stall = !r_held && stall(stalls_.r);
        b_stall = !b_held && stall(stalls_.b);
    }

    rvalid_ = 0;
    if (!r_stall && !reads_.empty() && reads_.front().ready_cycle <= next) {
        const ReadBurst& r = reads_.front();
        rvalid_ = 1;
        rdata_ = r.data[r.next_beat];
        rlast_ = r.next_beat + 1 == r.beats;
        rresp_ = static_cast<std::uint8_t>(r.resp);
    } else {
        rdata_ = 0;
        rlast_ = 0;
        rresp_ = 0;
    }

    bvalid_ = 0;
    bresp_ = 0;
    if (!b_stall && writes_complete_ > 0 && writes_.front().ready_cycle <= next) {
        bvalid_ = 1;
        bresp_ = static_cast<std::uint8_t>(writes_.front().resp);
    }
}

bool AxiMemorySlave::nothing_to_do() const {
    return !(*p_.arvalid || *p_.awvalid || *p_.wvalid || rvalid_ || bvalid_ || held_ar_.waiting ||
             held_aw_.waiting || held_w_.waiting) &&
           reads_.empty() && writes_.empty();
}

std::uint64_t AxiMemorySlave::quiet_until(std::uint64_t next_cycle) const {
    if (nothing_to_do()) return quiet_forever;
    // Waiting out the latency: nothing shown on any channel in either direction, so each
    // sample() until an answer falls due recomputes the same readies and no valid. An
    // irregular host draws its stall choices every cycle, so it never waits quietly.
    if (irregular_ || *p_.arvalid || *p_.awvalid || *p_.wvalid || rvalid_ || bvalid_ || held_ar_.waiting ||
        held_aw_.waiting || held_w_.waiting)
        return next_cycle;
    // The sample() of the cycle before an answer's ready cycle shows it.
    std::uint64_t due = quiet_forever;
    if (!reads_.empty()) due = reads_.front().ready_cycle - 1;
    if (writes_complete_ > 0) due = std::min(due, writes_.front().ready_cycle - 1);
    return due > next_cycle ? due : next_cycle;
}

void AxiMemorySlave::accept_read(std::uint64_t cycle) {
    const std::uint64_t addr = *p_.araddr;
    const unsigned beats = *p_.arlen + 1u;
    check_burst("read", addr, *p_.arlen, *p_.arsize, *p_.arburst, cycle);
    ++read_bursts_;

    ReadBurst& r = reads_.push_slot();
    r.ready_cycle = cycle + config_.latency_cycles;
    if (irregular_) {
        r.ready_cycle = std::max(last_read_ready_, r.ready_cycle + jitter());
        last_read_ready_ = r.ready_cycle;
    }
    r.beats = beats;
    r.next_beat = 0;
    r.data.resize(beats);
    std::memset(r.data.data(), 0, beats * sizeof(std::uint64_t));
    // An unaligned start address reads from its byte lane on; the lanes below stay 0.
    const std::uint64_t offset = addr & (kBeatBytes - 1);
    const std::size_t len = std::size_t{beats} * kBeatBytes - offset;
    auto* bytes = reinterpret_cast<std::uint8_t*>(r.data.data()) + offset;
    if (memory_.device_read(addr, len, bytes)) {
        r.resp = AxiResp::okay;
    } else {
        r.resp = AxiResp::slverr;
        std::memset(r.data.data(), 0, beats * sizeof(std::uint64_t));
        ++read_errors_;
    }
}

void AxiMemorySlave::accept_write_address(std::uint64_t cycle) {
    check_burst("write", *p_.awaddr, *p_.awlen, *p_.awsize, *p_.awburst, cycle);
    ++write_bursts_;

    WriteBurst& w = writes_.push_slot();
    w.addr = *p_.awaddr;
    w.beats = *p_.awlen + 1u;
    w.received = 0;
    w.ready_cycle = 0;
    w.resp = AxiResp::okay;
    w.data.resize(w.beats);
    w.strb.resize(w.beats);

    // Beats that came ahead of this AW belong to it only if every earlier burst is complete
    // (W follows AW order); then this is the burst now collecting.
    while (!early_w_.empty() && writes_complete_ < writes_.size()) {
        const WBeat beat = early_w_.front();
        early_w_.pop_front();
        add_write_beat(beat, cycle);
    }
}

void AxiMemorySlave::add_write_beat(const WBeat& beat, std::uint64_t cycle) {
    WriteBurst& w = writes_[writes_complete_];
    const unsigned index = w.received++;
    w.data[index] = beat.data;
    w.strb[index] = beat.strb;
    const bool should_be_last = w.received == w.beats;
    if (beat.last != should_be_last)
        violation(cycle, format("WLAST %s on beat %u of a %u-beat write burst at 0x%llx",
                                beat.last ? "set" : "missing", index + 1, w.beats,
                                static_cast<unsigned long long>(w.addr)));
    if (!should_be_last) return;

    // All beats are in: one checked access, all or nothing.
    if (!memory_.device_write_strobed(w.addr, w.beats, w.data.data(), w.strb.data())) {
        w.resp = AxiResp::slverr;
        ++write_errors_;
    }
    w.ready_cycle = cycle + config_.latency_cycles;
    if (irregular_) {
        w.ready_cycle = std::max(last_write_ready_, w.ready_cycle + jitter());
        last_write_ready_ = w.ready_cycle;
    }
    ++writes_complete_;
}

void AxiMemorySlave::check_burst(const char* channel, std::uint64_t addr, unsigned len, unsigned size,
                                 unsigned burst, std::uint64_t cycle) {
    const auto a = static_cast<unsigned long long>(addr);
    if (size != kBeatSize)
        violation(cycle, format("%s burst at 0x%llx: AxSIZE %u, expected %u (8-byte beats)", channel, a, size,
                                kBeatSize));
    if (burst != kAxiBurstIncr)
        violation(cycle, format("%s burst at 0x%llx: AxBURST %u, expected INCR (1)", channel, a, burst));
    const std::uint64_t first_beat = addr & ~std::uint64_t{kBeatBytes - 1};
    if ((first_beat % kBoundary) + (len + 1ull) * kBeatBytes > kBoundary)
        violation(cycle, format("%s burst at 0x%llx of %u beats crosses a 4 KiB boundary", channel, a, len + 1));
}

void AxiMemorySlave::check_held(HeldRequest& held, bool valid, bool ready, std::uint64_t payload,
                                std::uint16_t extra, const char* channel, std::uint64_t cycle) {
    if (held.waiting) {
        if (!valid)
            violation(cycle, format("%sVALID dropped before the handshake", channel));
        else if (payload != held.payload || extra != held.extra)
            violation(cycle, format("%s payload changed while %sVALID waited for %sREADY", channel, channel,
                                    channel));
    }
    held.waiting = valid && !ready;
    held.payload = payload;
    held.extra = extra;
}

unsigned AxiMemorySlave::jitter() {
    if (config_.latency_jitter_cycles == 0) return 0;
    return static_cast<unsigned>(rng_() % (config_.latency_jitter_cycles + 1ull));
}

bool AxiMemorySlave::stall(unsigned percent) { return rng_() % 100 < percent; }

void AxiMemorySlave::violation(std::uint64_t cycle, std::string what) {
    violations_.push_back(AxiViolation{cycle, std::move(what)});
    if (config_.throw_on_violation)
        throw std::runtime_error("AXI protocol violation at cycle " + std::to_string(cycle) + ": " +
                                 violations_.back().what);
}

}  // namespace nicsim::tb
