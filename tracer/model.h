/* model.h - the kernel's IPC state over time, rebuilt from events: tasks
 * and what each waits for, channels, pending notifications and their
 * senders, async queue depths. Keeps every event and a full copy of the
 * state every `interval` events, so that "the state at time t" is a copy
 * plus a short replay. */
#ifndef TRACER_MODEL_H
#define TRACER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"

#define TR_TASKS 64             /* task ids the model follows (0..63) */

struct tr_task {
    uint8_t state;              /* TRACE_STATE_* */
    uint8_t wait;               /* TRACE_WAIT_*, while blocked */
    uint8_t peer;               /* whom it waits for; 0 with RECV: anyone */
    uint8_t port;               /* TRACE_WAIT_CHANNEL: the port byte */
    uint8_t prio;
    uint32_t pending;           /* notification bits pending, all senders */
    uint64_t senders;           /* bit i: task i has bits pending here */
    uint32_t from_bits[TR_TASKS];   /* pending bits, per sender */
    uint32_t sent, received;    /* messages and channel transfers */
    uint32_t errors;            /* syscall errors */
};

struct tr_chan {
    uint8_t end[2];             /* holder of the send / receive end */
    uint8_t waiting;            /* a holder blocked on it, or TR_NO_TASK */
    uint8_t last_shared;        /* the last transfer went through memory */
    uint32_t transfers;
    uint32_t last_size;
};

struct tr_queue {
    uint16_t depth, high;       /* now, and the most ever */
    uint16_t full;              /* ERR_QUEUE_FULL seen */
};

struct tr_state {
    uint64_t ts;                /* time of the last event applied */
    uint64_t index;             /* events applied */
    uint8_t running;            /* the task on the CPU, or TR_NO_TASK */
    struct tr_task task[TR_TASKS];
    struct tr_chan chan[TR_PORTS];
    struct tr_queue queue[TR_TASKS][TR_TASKS];   /* [sender][receiver] */
    uint64_t deadlocks, lost;
};

struct tr_model {
    struct tr_event *events;    /* every event, in order */
    size_t count, cap;
    uint8_t *pool;              /* their extras, at event.b */
    size_t pool_len, pool_cap;
    struct tr_state now;        /* after the last event */
    struct tr_state *snaps;     /* snaps[k]: after k * interval events */
    size_t nsnaps, snaps_cap;
    size_t interval;
};

/* interval 0 picks the default (65536 events between copies). */
void tr_model_init(struct tr_model *m, size_t interval);
void tr_model_free(struct tr_model *m);
/* Record an event and apply it. Returns false when out of memory. */
bool tr_model_add(struct tr_model *m, const struct tr_event *ev, const struct tr_extra *x);
/* The state after every event at or before time ts. */
void tr_model_state_at(const struct tr_model *m, uint64_t ts, struct tr_state *out);
/* The state after the first n events. */
void tr_model_state_after(const struct tr_model *m, size_t n, struct tr_state *out);
/* Apply one event to a state (what tr_model_add does; for replays). */
void tr_state_apply(struct tr_state *s, const struct tr_event *ev, const uint8_t *extra);
void tr_state_init(struct tr_state *s);

#endif
