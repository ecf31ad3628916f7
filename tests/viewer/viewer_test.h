/* viewer_test.h - helpers of the viewer's Criterion tests (tests/viewer/):
 * load a recorded trace into a session, write a scratch file. The traces
 * are committed beside the tests: demo-rv32.bin (the demo in QEMU, 3 s),
 * deadlock-rv32.bin (tests/qemu/ipc_deadlock.manifest in QEMU),
 * fanin-sim.bin (tests/qemu/fanin.manifest in baton-sim, with lost events),
 * fault-sim.bin (tests/qemu/ipc_fault.manifest in baton-sim), and for the
 * window view's figures irq-sim.bin (ipc_irq.manifest with its input) and
 * chans-sim.bin (chan_sizes.manifest), both in baton-sim. */
#ifndef VIEWER_TEST_H
#define VIEWER_TEST_H

#include <stddef.h>
#include "session.h"

#define DEMO_TRACE "tests/viewer/demo-rv32.bin"
#define DEADLOCK_TRACE "tests/viewer/deadlock-rv32.bin"
#define FANIN_TRACE "tests/viewer/fanin-sim.bin"

/* A new session holding the whole file (fed in chunks of `chunk` bytes). */
struct tv_session *load_trace(const char *path, size_t chunk);
/* Feed the whole file to s (and end the stream). */
void feed_trace(struct tv_session *s, const char *path, size_t chunk);
/* Write text to a scratch file under build/viewer-tests/; returns its path
 * (valid until the next call). */
const char *scratch_file(const char *name, const char *text);
/* The id of the task called name in s, or -1. */
int task_id(const struct tv_session *s, const char *name);

#endif
