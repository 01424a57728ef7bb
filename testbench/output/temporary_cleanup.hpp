// Temporary output files removed when SIGINT or SIGTERM ends a command: an AtomicOutputFile
// registers its temporary name while it lives, and a command that lets these signals end it
// (run, loopback, replay) installs the handler, which removes every registered temporary and
// then dies of the same signal. The shell and any parent see the usual end (status 128+N,
// 130 for SIGINT, 143 for SIGTERM), and the folder holds the old complete file, nothing else.
//
// Commands that handle the signals themselves (sweep, bridge) do not install it: they stop
// cleanly, and their temporaries go with the objects that own them.
#pragma once

namespace nicsim::output {

// Installs the handler for SIGINT and SIGTERM (once; later calls do nothing).
void remove_temporaries_on_stop_signals();

// The registry AtomicOutputFile uses: `path` must stay valid until untracked. At most
// tracked_temporaries_max are tracked at once; beyond that a temporary is simply not removed
// by a signal (remove_stale_temporaries() still finds it later).
inline constexpr int tracked_temporaries_max = 64;
void track_temporary(const char* path);
void untrack_temporary(const char* path);

}  // namespace nicsim::output
