/* json.h - export a session to the Chrome / Perfetto trace JSON format
 * (the "Trace Event Format" that chrome://tracing and ui.perfetto.dev
 * open): one track (thread) per task, a slice per span of state (running,
 * ready, blocked on whom), flow arrows from sender to receiver for every
 * rendezvous, instants for notifications, async operations, deadlocks and
 * faults, and a counter track per async queue. */
#ifndef TRACER_JSON_H
#define TRACER_JSON_H

#include <stdio.h>
#include "session.h"

/* Write it all; returns 0, or -1 if writing failed. Times are in
 * microseconds from the first event, by the metadata's clock (without
 * one, a cycle counts as a nanosecond). */
int tv_json_export(const struct tv_session *s, FILE *out);

#endif
