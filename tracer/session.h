/* session.h - everything the viewer knows about one trace: bytes in,
 * through the decoder, into the model (every event, the state at any
 * point), the timeline's lane index, async queue histories, the console
 * lines and the alerts (deadlocks refused, faults). The screen, the Lua
 * scripts, batch mode and the JSON export all read one session; none of
 * this knows about ncurses. */
#ifndef TRACER_SESSION_H
#define TRACER_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"
#include "model.h"
#include "lanes.h"
#include "queues.h"
#include "console.h"

struct tv_session;

/* Called after each event is stored, with its number (from 0): the state
 * after it is s->model.now. */
typedef void tv_event_hook(void *ctx, struct tv_session *s, size_t index,
                           const struct tr_event *e, const struct tr_extra *x);

struct tv_session {
    struct tr_decoder dec;
    struct tr_model model;
    struct tv_lanes lanes;
    struct tv_queues queues;
    struct tv_console console;
    size_t *alerts;             /* deadlocks and faults, by event number */
    size_t nalerts, alerts_cap;
    uint64_t bytes;             /* fed so far */
    double hz;                  /* cycles per second as first estimated; 0: not yet */
    bool out_of_memory;         /* events were dropped: say so */
    tv_event_hook *hook;
    void *hook_ctx;
};

/* A new, empty session (large: allocated). NULL when out of memory. */
struct tv_session *tv_session_new(void);
void tv_session_free(struct tv_session *s);
/* The next bytes of the stream. */
void tv_session_feed(struct tv_session *s, const uint8_t *p, size_t n);
/* One decoded event, as the decoder hands them over (tests and the
 * benchmark call it directly). */
void tv_session_add(struct tv_session *s, const struct tr_event *e, const struct tr_extra *x);
/* End of the stream: an unfinished frame is counted as corrupt. */
void tv_session_end(struct tv_session *s);
/* A line of the viewer's own (a program's stderr, "source ended") for the
 * console pane. */
void tv_session_note(struct tv_session *s, const char *text);

/* Events stored. */
static inline size_t tv_session_count(const struct tv_session *s)
{
    return s->model.count;
}
/* The state after the first n events. */
void tv_session_state(const struct tv_session *s, size_t n, struct tr_state *out);
/* Event i's extra bytes (a deadlock's cycle, a snapshot's records). */
struct tr_extra tv_session_extra(const struct tv_session *s, size_t i);
/* The number of events at or before time ts. */
size_t tv_session_count_at(const struct tv_session *s, uint64_t ts);
/* Event i as a line of text, as `--dump` prints it. */
void tv_session_event_text(const struct tv_session *s, size_t i, char *buf, size_t size);

/* Cycles per second, from the metadata's clock; 0 when not known. */
double tv_session_hz(const struct tv_session *s);
/* A duration in cycles, as "12.5ms" (or "3400c" when the clock is unknown). */
void tv_duration_text(const struct tv_session *s, uint64_t cycles, char *buf, size_t size);
/* A time as "+1.234567s" from the first event (or "+3400c"). */
void tv_time_text(const struct tv_session *s, uint64_t ts, char *buf, size_t size);
/* "running", "ready", "blocked", "dead", or "-" for a state not known. */
const char *tv_state_word(unsigned state);
/* Bytes of memory the stored history takes (events, index, histories). */
size_t tv_session_bytes(const struct tv_session *s);

#endif
