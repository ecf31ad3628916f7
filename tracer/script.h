/* script.h - Lua 5.4 scripts over a trace (`--script F.lua`): callbacks
 * on events, questions about the state, user counters, a panel of the
 * script's own in the viewer, and a verdict for batch mode (`--batch`):
 * 0 pass, 1 fail, 2 a script error. The API is in docs/tracer.md; the
 * examples in tracer/scripts/. */
#ifndef TRACER_SCRIPT_H
#define TRACER_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "session.h"

struct tv_script;

enum tv_script_line { TV_LINE_TEXT, TV_LINE_HEAD, TV_LINE_FAIL };

/* Scripts on session s: events reach them from now on (the session's
 * hook). `out`: where baton.log() and the report go in batch mode; NULL
 * in the viewer, which keeps the last lines for the panel. */
struct tv_script *tv_script_new(struct tv_session *s, FILE *out);
void tv_script_free(struct tv_script *L);
/* Load and run a script's main chunk. 0, or -1 (see tv_script_error). */
int tv_script_load(struct tv_script *L, const char *path);
/* The trace is over: each script's on_end(), once. */
void tv_script_finish(struct tv_script *L);
/* 0 every check passed, 1 some failed, 2 a script raised an error. */
int tv_script_verdict(const struct tv_script *L);
/* The first error, "file:line: message", or NULL. */
const char *tv_script_error(const struct tv_script *L);
/* The panel's lines at the cursor (the state st after `cursor` events):
 * each script's panel(), the counters, the failures, the last log lines. */
void tv_script_panel(struct tv_script *L, const struct tr_state *st, size_t cursor,
                     void (*line)(void *ctx, enum tv_script_line kind, const char *text),
                     void *ctx);
/* A counter's value (0 if the scripts never counted it). */
double tv_script_counter_value(struct tv_script *L, const char *name);
/* Batch mode's report: counters, failures, the verdict. */
void tv_script_report(struct tv_script *L, FILE *out);

#endif
