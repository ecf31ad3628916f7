/* navigate.c - moving about the diagram (navigate.h). Times are cycles;
 * the axis is [v.t0, v.t1). */
#include "navigate.h"
#include <string.h>

static uint64_t last_ts(const struct tv_session *s)
{
    size_t n = tv_session_count(s);
    return n ? s->model.events[n - 1].ts : 0;
}

void tw_nav_init(struct tw_nav *n, const struct tv_session *s)
{
    memset(n, 0, sizeof(*n));
    n->s = s;
    n->fit = n->follow = true;
    n->v.sel = -1;
    n->v.sel_task = -1;
    n->v.cursor_shown = true;
    tw_view_fit(s, &n->v);
}

void tw_nav_update(struct tw_nav *n)
{
    struct tw_view *v = &n->v;
    size_t count = tv_session_count(n->s), cursor = v->cursor;
    uint64_t cur_ts = v->cur_ts, span = v->t1 - v->t0;
    if (n->fit) {
        tw_view_fit(n->s, v);
        v->cursor = cursor;
        v->cur_ts = cur_ts;
    }
    if (n->follow) {
        v->cursor = count;
        v->cur_ts = last_ts(n->s);
        if (!n->fit) {
            v->t1 = v->cur_ts + span / 50 + 1;
            v->t0 = v->t1 > span ? v->t1 - span : 0;
            v->t1 = v->t0 + span;
        }
    }
}

/* Show [t0, t1), at least one cycle; leaves fit. */
static void set_axis(struct tw_nav *n, uint64_t t0, uint64_t t1)
{
    n->fit = false;
    n->v.t0 = t0;
    n->v.t1 = t1 > t0 ? t1 : t0 + 1;
}

void tw_nav_zoom(struct tw_nav *n, const struct tw_layout *L, int x, double factor)
{
    uint64_t t0 = n->v.t0, t1 = n->v.t1, at = tw_time_at(L, x);
    if (at < t0 || at > t1)
        at = t0 + (t1 - t0) / 2;
    double span = (double)(t1 - t0) * factor;
    if (span < 16)
        span = 16;                  /* a few cycles across: deep enough */
    if (span > 1e18)
        span = 1e18;
    double left = (double)(at - t0) * factor;
    uint64_t nt0 = (double)at > left ? at - (uint64_t)left : 0;
    set_axis(n, nt0, nt0 + (uint64_t)span);
}

void tw_nav_pan(struct tw_nav *n, const struct tw_layout *L, int dx)
{
    uint64_t span = n->v.t1 - n->v.t0;
    uint64_t d = (uint64_t)(dx < 0 ? -dx : dx) * span / (uint64_t)(L->plot_w > 0 ? L->plot_w : 1);
    uint64_t t0 = dx < 0 ? (n->v.t0 > d ? n->v.t0 - d : 0) : n->v.t0 + d;
    n->follow = false;
    set_axis(n, t0, t0 + span);
}

void tw_nav_fit(struct tw_nav *n)
{
    n->fit = true;
    tw_nav_update(n);
}

void tw_nav_follow(struct tw_nav *n)
{
    n->follow = true;
    n->paused = false;
    n->v.sel = -1;
}

void tw_nav_pause(struct tw_nav *n)
{
    if (!n->follow) {
        tw_nav_follow(n);
        return;
    }
    n->follow = false;
    n->paused = true;
}

/* Bring ts into view, centred, if it is not. */
static void show(struct tw_nav *n, uint64_t ts)
{
    uint64_t span = n->v.t1 - n->v.t0;
    if (ts >= n->v.t0 && ts < n->v.t1)
        return;
    uint64_t t0 = ts > span / 2 ? ts - span / 2 : 0;
    set_axis(n, t0, t0 + span);
}

void tw_nav_select(struct tw_nav *n, size_t i)
{
    if (i >= tv_session_count(n->s))
        return;
    n->follow = n->paused = false;
    n->v.sel = (long)i;
    n->v.cursor = i + 1;
    n->v.cur_ts = n->s->model.events[i].ts;
    show(n, n->v.cur_ts);
}

void tw_nav_set_time(struct tw_nav *n, uint64_t ts)
{
    n->follow = n->paused = false;
    n->v.sel = -1;
    n->v.cur_ts = ts;
    n->v.cursor = tv_session_count_at(n->s, ts);
}

bool tw_nav_next(struct tw_nav *n, int dir)
{
    size_t count = tv_session_count(n->s);
    long at = n->v.sel >= 0 ? n->v.sel : (long)n->v.cursor - (dir > 0 ? 1 : 0);
    int task = n->v.sel_task;
    for (long i = at + dir; i >= 0 && (size_t)i < count; i += dir) {
        const struct tr_event *e = &n->s->model.events[i];
        if (task < 0 || e->subj == task || e->peer == task) {
            tw_nav_select(n, (size_t)i);
            return true;
        }
    }
    return false;
}

/* ---- the other end of a message ---- */

static bool rendezvous(unsigned type)
{
    return type == TRACE_EV_MSG_SEND || type == TRACE_EV_MSG_CALL ||
           type == TRACE_EV_MSG_REPLY || type == TRACE_EV_CHAN_XFER;
}

static bool sender_block(unsigned type)
{
    return type == TRACE_EV_SEND_BLOCK || type == TRACE_EV_CALL_BLOCK ||
           type == TRACE_EV_CHAN_BLOCK;
}

/* The first event from i on (dir 1) or back (dir -1), by the subject
 * `subj` (and peer `peer` unless it is TR_NO_TASK), of one of the types. */
static long find(const struct tv_session *s, size_t i, int dir, unsigned subj, unsigned peer,
                 bool (*want)(unsigned type), unsigned type)
{
    size_t count = tv_session_count(s);
    for (long k = (long)i; k >= 0 && (size_t)k < count; k += dir) {
        const struct tr_event *e = &s->model.events[k];
        if (e->subj == subj && (peer == TR_NO_TASK || e->peer == peer) &&
            (want ? want(e->type) : e->type == type))
            return k;
    }
    return -1;
}

/* An async message: enqueued at depth d (after it), it is delivered by
 * the d-th delivery of that queue after it (FIFO); delivered leaving d
 * behind, it was the (d + 1)-th enqueue back from there. */
static long async_end(const struct tv_session *s, size_t i)
{
    const struct tr_event *e = &s->model.events[i];
    bool fwd = e->type == TRACE_EV_ASYNC_ENQUEUE;
    unsigned want = fwd ? TRACE_EV_ASYNC_DELIVER : TRACE_EV_ASYNC_ENQUEUE;
    uint32_t k = fwd ? e->a : e->a + 1;
    long at = (long)i;
    for (; k > 0; k--) {
        at = find(s, (size_t)at + (fwd ? 1 : 0) - (fwd ? 0 : 1), fwd ? 1 : -1, e->subj, e->peer,
                  NULL, want);
        if (at < 0)
            return -1;
    }
    return at;
}

long tw_other_end(const struct tv_session *s, size_t i)
{
    const struct tr_event *e = &s->model.events[i];
    long k;
    switch (e->type) {
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_DELIVER:
        return e->type == TRACE_EV_ASYNC_DELIVER || e->a > 0 ? async_end(s, i) : -1;
    case TRACE_EV_NOTIFY_SEND:          /* delivered to the receiver, later */
        return find(s, i + 1, 1, e->peer, e->subj, NULL, TRACE_EV_NOTIFY_DELIVER);
    case TRACE_EV_NOTIFY_DELIVER:       /* the last send of that sender before */
        return i ? find(s, i - 1, -1, e->peer, e->subj, NULL, TRACE_EV_NOTIFY_SEND) : -1;
    case TRACE_EV_SEND_BLOCK: case TRACE_EV_CALL_BLOCK: case TRACE_EV_CHAN_BLOCK:
        return find(s, i + 1, 1, e->subj, TR_NO_TASK, rendezvous, 0);
    default:
        if (!rendezvous(e->type) || i == 0)
            return -1;
        /* Where the sender began: its last block before, if no other
         * rendezvous of its own came in between. */
        k = find(s, i - 1, -1, e->subj, TR_NO_TASK, sender_block, 0);
        if (k < 0 || find(s, (size_t)k + 1, 1, e->subj, TR_NO_TASK, rendezvous, 0) != (long)i)
            return -1;
        return k;
    }
}

bool tw_nav_other_end(struct tw_nav *n)
{
    if (n->v.sel < 0)
        return false;
    long k = tw_other_end(n->s, (size_t)n->v.sel);
    if (k < 0)
        return false;
    tw_nav_select(n, (size_t)k);
    return true;
}

/* ---- lanes ---- */

void tw_nav_lane(struct tw_nav *n, const struct tw_layout *L, int d)
{
    if (L->nlanes == 0)
        return;
    int at = n->v.sel_task >= 0 && n->v.sel_task < TR_TASKS ? L->lane_of[n->v.sel_task] : -1;
    at = at < 0 ? (d > 0 ? 0 : L->nlanes - 1) : at + d;
    at = at < 0 ? 0 : at >= L->nlanes ? L->nlanes - 1 : at;
    n->v.sel_task = L->lane_task[at];
}

void tw_nav_hide(struct tw_nav *n)
{
    if (n->v.sel_task >= 0 && n->v.sel_task < TR_TASKS)
        n->v.hidden |= 1ull << n->v.sel_task;
    n->v.sel_task = -1;
}

void tw_nav_show_all(struct tw_nav *n)
{
    n->v.hidden = 0;
}

const char *tw_nav_status(const struct tw_nav *n)
{
    return n->follow ? "LIVE" : n->paused ? "PAUSED" : "HISTORY";
}
