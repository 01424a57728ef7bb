// The harness and the driver's Device for the Verilated NIC itself.
//
// The one testbench header that needs the RTL: it includes the Verilated model (Vnicsim_tb.h:
// nic_top inside the testbench wrapper testbench/sv/nicsim_tb_top.sv)
// and the Verilator runtime headers that SimControl's defaults name, so only the targets that
// link the Verilated NIC include it. Everything else in testbench/ compiles without them.
#pragma once

// Verilator's own headers do not build clean under the project's warning set (-Wconversion,
// -Wsign-conversion, -Wold-style-cast, ...), and with -Werror that would stop every file that
// includes them. Silence the warnings for these headers only; the include guards keep a later
// #include of them (e.g. from Vnicsim_tb.h) from reopening them outside this block.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Woverloaded-virtual"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vnicsim_tb.h"
#include "Vnicsim_tb___024root.h"  // the model's internals: the counters RtlNic reads directly
#include "Vnicsim_tb_fast.h"
#include "Vnicsim_tb_fast___024root.h"
#include "Vnicsim_tb_checked.h"
#include "Vnicsim_tb_checked___024root.h"
#pragma GCC diagnostic pop

#include "harness/rtl_device.hpp"
#include "harness/rtl_harness.hpp"

namespace nicsim::tb {

// The Verilated top: nic_top's ports (and the testbench scope's tb_* inputs). NicTop is
// verilated with tracing; FastNicTop, the same design, without, for runs that do not trace
// (testbench/sv/CMakeLists.txt says why).
using NicTop = Vnicsim_tb;
using FastNicTop = Vnicsim_tb_fast;
// The speed model with the RTL's assertions compiled in (`run --checks 1`); NicTop has them too.
using CheckedNicTop = Vnicsim_tb_checked;
using NicHarness = RtlHarness<NicTop>;
using NicDevice = RtlDevice<NicHarness>;
// For runs that never trace (the bridge): the same NIC without tracing's per-cycle cost.
using FastNicHarness = RtlHarness<FastNicTop>;
using FastNicDevice = RtlDevice<FastNicHarness>;

}  // namespace nicsim::tb
