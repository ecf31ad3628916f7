/* lanes.h - the timeline's index: every task's state (running, ready,
 * blocked, dead) after every event, kept in about one byte per event, so
 * that a lane of the timeline can be drawn over any stretch of history
 * without replaying the full model. One byte per event says the new state
 * of the event's subject and peer; the rare events that change others
 * (a death, a metadata snapshot) keep a copy of every lane. Every
 * TV_BLOCK events, a summary: the lanes at the block's start and what each
 * task did in it, so that a zoomed-out column costs a few blocks. */
#ifndef TRACER_LANES_H
#define TRACER_LANES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

#define TV_BLOCK 256

/* What a task did over a stretch of time: the states it was in, and the
 * kinds of events it took part in. One byte per task. */
enum tv_seen {
    TV_SEEN_RUNNING = 1 << 0,
    TV_SEEN_READY   = 1 << 1,
    TV_SEEN_BLOCKED = 1 << 2,
    TV_SEEN_DEAD    = 1 << 3,
    TV_SEEN_RDV     = 1 << 4,   /* a rendezvous: message or channel transfer */
    TV_SEEN_NOTIFY  = 1 << 5,   /* a notification sent or taken */
    TV_SEEN_ASYNC   = 1 << 6,   /* an async queue operation */
    TV_SEEN_ALERT   = 1 << 7,   /* a deadlock refused, or a fault */
};

struct tv_block {
    uint8_t start[TR_TASKS];    /* TRACE_STATE_* before the block's first event */
    uint8_t seen[TR_TASKS];     /* enum tv_seen over the block, start included */
};

/* Lanes copied after an event that changed more than its subject and peer. */
struct tv_other {
    uint64_t index;             /* the event */
    uint8_t state[TR_TASKS];
};

struct tv_lanes {
    uint8_t *effect;            /* per event: subject's state | peer's << 3 | other */
    size_t count, cap;
    struct tv_block *blocks;
    size_t nblocks, blocks_cap;
    struct tv_other *other;
    size_t nother, other_cap;
    uint8_t now[TR_TASKS];      /* after the last event */
};

/* A position in the history and the lanes there: for walking forward. */
struct tv_lane_pos {
    size_t at;                  /* events applied */
    uint8_t state[TR_TASKS];
};

void tv_lanes_init(struct tv_lanes *l);
void tv_lanes_free(struct tv_lanes *l);
/* Index event e, given the model's state after it. False: out of memory. */
bool tv_lanes_add(struct tv_lanes *l, const struct tr_event *e, const struct tr_state *after);
/* The lanes after the first n events. */
void tv_lanes_seek(const struct tv_lanes *l, const struct tr_event *events, size_t n,
                   struct tv_lane_pos *pos);
/* Walk pos forward to `end` events, OR-ing into seen[] (enum tv_seen) the
 * states every task was in from pos to end, pos's own included, and the
 * kinds of events it took part in. Whole blocks cost one summary each. */
void tv_lanes_walk(const struct tv_lanes *l, const struct tr_event *events,
                   struct tv_lane_pos *pos, size_t end, uint8_t seen[TR_TASKS]);
/* The mark bits (TV_SEEN_RDV...) an event gives its subject and peer. */
uint8_t tv_event_marks(const struct tr_event *e);
/* Bytes of memory the index holds. */
size_t tv_lanes_bytes(const struct tv_lanes *l);

#endif
