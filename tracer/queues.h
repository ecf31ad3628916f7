/* queues.h - the depth of every async queue over time, for sparklines:
 * one point per async event of a queue (8 bytes), and the deepest point
 * of every TV_QBLOCK points so that a zoomed-out sparkline stays cheap.
 * The depth at one moment comes from the model; this is the history. */
#ifndef TRACER_QUEUES_H
#define TRACER_QUEUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

#define TV_QUEUES_MAX 256       /* distinct (sender, receiver) pairs followed */
#define TV_QBLOCK 256

struct tv_qpoint {
    uint32_t index;             /* the event (its number from 0) */
    uint16_t depth;             /* after it */
    uint8_t full;               /* it was an ASYNC_FULL */
    uint8_t pad;
};

struct tv_queue {
    uint8_t from, to;           /* sender and receiver task ids */
    struct tv_qpoint *p;
    size_t n, cap;
    uint16_t *block_max;        /* deepest of each TV_QBLOCK points ... */
    uint8_t *block_full;        /* ... and whether one was a full event */
    size_t nblocks, blocks_cap, full_cap;
};

struct tv_queues {
    struct tv_queue q[TV_QUEUES_MAX];
    size_t n;
    int16_t slot[TR_TASKS][TR_TASKS];   /* index into q, or -1 */
};

void tv_queues_init(struct tv_queues *qs);
void tv_queues_free(struct tv_queues *qs);
/* Record event number `index` if it is an async event. False: no memory. */
bool tv_queues_add(struct tv_queues *qs, size_t index, const struct tr_event *e);
/* The queue from -> to, or NULL if it never held anything. */
const struct tv_queue *tv_queue_find(const struct tv_queues *qs, unsigned from, unsigned to);
/* Over events [first, end): the deepest depth the queue had (the depth
 * before `first` included) and whether it was full at some point. */
void tv_queue_range(const struct tv_queue *q, size_t first, size_t end,
                    unsigned *max, bool *full);
size_t tv_queues_bytes(const struct tv_queues *qs);

#endif
