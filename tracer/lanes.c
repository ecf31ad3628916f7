/* lanes.c - the timeline's index of task states (lanes.h). The model says
 * what the state is after each event; this file remembers, cheaply, which
 * tasks each event moved, so that the timeline replays bytes, not events. */
#include "lanes.h"
#include "grow.h"
#include <string.h>

#define EFFECT_OTHER 0x40       /* others changed: see l->other */

static bool valid(unsigned id)
{
    return id < TR_TASKS;
}

/* The enum tv_seen bit of a TRACE_STATE_* (none for "unknown"). */
static uint8_t state_bit(uint8_t state)
{
    return state >= TRACE_STATE_RUNNING && state <= TRACE_STATE_DEAD
           ? (uint8_t)(1u << (state - 1)) : 0;
}

uint8_t tv_event_marks(const struct tr_event *e)
{
    switch (e->type) {
    case TRACE_EV_MSG_SEND: case TRACE_EV_MSG_CALL: case TRACE_EV_MSG_REPLY:
    case TRACE_EV_CHAN_XFER:
        return TV_SEEN_RDV;
    case TRACE_EV_NOTIFY_SEND: case TRACE_EV_NOTIFY_DELIVER:
        return TV_SEEN_NOTIFY;
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_PULL:
    case TRACE_EV_ASYNC_DELIVER: case TRACE_EV_ASYNC_FULL:
        return TV_SEEN_ASYNC;
    case TRACE_EV_DEADLOCK: case TRACE_EV_TASK_FAULT:
        return TV_SEEN_ALERT;
    default:
        return 0;
    }
}

void tv_lanes_init(struct tv_lanes *l)
{
    memset(l, 0, sizeof(*l));
}

void tv_lanes_free(struct tv_lanes *l)
{
    free(l->effect);
    free(l->blocks);
    free(l->other);
    memset(l, 0, sizeof(*l));
}

/* A new block starts with the lanes as they are. */
static bool block_begin(struct tv_lanes *l)
{
    if (!tv_grow((void **)&l->blocks, &l->blocks_cap, l->nblocks + 1, sizeof(*l->blocks)))
        return false;
    struct tv_block *b = &l->blocks[l->nblocks++];
    memcpy(b->start, l->now, TR_TASKS);
    for (int i = 0; i < TR_TASKS; i++)
        b->seen[i] = state_bit(l->now[i]);
    return true;
}

static bool other_add(struct tv_lanes *l, size_t index)
{
    if (!tv_grow((void **)&l->other, &l->other_cap, l->nother + 1, sizeof(*l->other)))
        return false;
    l->other[l->nother].index = index;
    memcpy(l->other[l->nother++].state, l->now, TR_TASKS);
    return true;
}

bool tv_lanes_add(struct tv_lanes *l, const struct tr_event *e, const struct tr_state *after)
{
    if (l->count % TV_BLOCK == 0 && !block_begin(l))
        return false;
    if (!tv_grow((void **)&l->effect, &l->cap, l->count + 1, 1))
        return false;
    /* Who changed? Comparing every lane (64 bytes) is cheap next to
     * decoding, and needs no knowledge of which events move whom. */
    bool other = false;
    for (unsigned i = 0; i < TR_TASKS; i++) {
        uint8_t st = after->task[i].state;
        if (st != l->now[i]) {
            other |= i != e->subj && i != e->peer;
            l->now[i] = st;
        }
    }
    if (other && !other_add(l, l->count))
        return false;
    uint8_t fs = valid(e->subj) ? l->now[e->subj] : 0;
    uint8_t fp = valid(e->peer) ? l->now[e->peer] : 0;
    l->effect[l->count++] = (uint8_t)(fs | fp << 3 | (other ? EFFECT_OTHER : 0));

    struct tv_block *b = &l->blocks[l->nblocks - 1];
    uint8_t marks = tv_event_marks(e);
    if (other)
        for (int i = 0; i < TR_TASKS; i++)
            b->seen[i] |= state_bit(l->now[i]);
    if (valid(e->subj))
        b->seen[e->subj] |= state_bit(fs) | marks;
    if (valid(e->peer))
        b->seen[e->peer] |= state_bit(fp) | marks;
    return true;
}

/* The copy kept for event i (which has EFFECT_OTHER), by bisection. */
static const uint8_t *other_at(const struct tv_lanes *l, size_t i)
{
    size_t lo = 0, hi = l->nother;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->other[mid].index < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->nother ? l->other[lo].state : NULL;
}

/* Apply event pos->at; OR what it did into seen (if not NULL). */
static void step(const struct tv_lanes *l, const struct tr_event *events,
                 struct tv_lane_pos *pos, uint8_t *seen)
{
    const struct tr_event *e = &events[pos->at];
    uint8_t f = l->effect[pos->at];
    if (f & EFFECT_OTHER) {
        const uint8_t *copy = other_at(l, pos->at);
        if (copy)
            memcpy(pos->state, copy, TR_TASKS);
        if (seen)
            for (int i = 0; i < TR_TASKS; i++)
                seen[i] |= state_bit(pos->state[i]);
    }
    uint8_t marks = seen ? tv_event_marks(e) : 0;
    if (valid(e->subj)) {
        pos->state[e->subj] = f & 7;
        if (seen)
            seen[e->subj] |= state_bit(f & 7) | marks;
    }
    if (valid(e->peer)) {
        pos->state[e->peer] = f >> 3 & 7;
        if (seen)
            seen[e->peer] |= state_bit(f >> 3 & 7) | marks;
    }
    pos->at++;
}

void tv_lanes_seek(const struct tv_lanes *l, const struct tr_event *events, size_t n,
                   struct tv_lane_pos *pos)
{
    if (n > l->count)
        n = l->count;
    memset(pos, 0, sizeof(*pos));
    if (l->nblocks == 0)
        return;
    size_t b = n / TV_BLOCK;
    if (b >= l->nblocks)
        b = l->nblocks - 1;
    memcpy(pos->state, l->blocks[b].start, TR_TASKS);
    pos->at = b * TV_BLOCK;
    while (pos->at < n)
        step(l, events, pos, NULL);
}

void tv_lanes_walk(const struct tv_lanes *l, const struct tr_event *events,
                   struct tv_lane_pos *pos, size_t end, uint8_t seen[TR_TASKS])
{
    if (end > l->count)
        end = l->count;
    for (int i = 0; i < TR_TASKS; i++)
        seen[i] |= state_bit(pos->state[i]);
    while (pos->at < end) {
        size_t b = pos->at / TV_BLOCK;
        /* A whole block, with the next one's start to land on. */
        if (pos->at % TV_BLOCK == 0 && pos->at + TV_BLOCK <= end && b + 1 < l->nblocks) {
            for (int i = 0; i < TR_TASKS; i++)
                seen[i] |= l->blocks[b].seen[i];
            memcpy(pos->state, l->blocks[b + 1].start, TR_TASKS);
            pos->at += TV_BLOCK;
        } else {
            step(l, events, pos, seen);
        }
    }
}

size_t tv_lanes_bytes(const struct tv_lanes *l)
{
    return l->count + l->nblocks * sizeof(*l->blocks) + l->nother * sizeof(*l->other);
}
