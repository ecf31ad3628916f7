/* model.c - applying events to the state of tasks, channels, notifications
 * and async queues; storing events with periodic copies of the state. The
 * rules follow the kernel (docs/ipc.md): a rendezvous unblocks both sides,
 * a call leaves the caller awaiting the reply, a receive takes every
 * pending notification of a sender. Ids beyond TR_TASKS are ignored. */
#include "model.h"
#include "grow.h"
#include <stdlib.h>
#include <string.h>

#define DEFAULT_INTERVAL 65536

static bool valid(unsigned id)
{
    return id < TR_TASKS;
}

void tr_state_init(struct tr_state *s)
{
    memset(s, 0, sizeof(*s));
    s->running = TR_NO_TASK;
    for (int i = 0; i < TR_TASKS; i++)
        s->task[i].peer = TR_NO_TASK;
    for (int p = 0; p < TR_PORTS; p++) {
        s->chan[p].end[0] = s->chan[p].end[1] = TR_NO_TASK;
        s->chan[p].waiting = TR_NO_TASK;
    }
}

/* ---- task states ---- */

static void set_state(struct tr_state *s, unsigned id, uint8_t state,
                      uint8_t wait, uint8_t peer)
{
    if (!valid(id))
        return;
    struct tr_task *t = &s->task[id];
    t->state = state;
    t->wait = wait;
    t->peer = peer;
}

static void block(struct tr_state *s, unsigned id, uint8_t wait, uint8_t peer)
{
    set_state(s, id, TRACE_STATE_BLOCKED, wait, peer);
}

/* Woken: ready to run (a WAKE event says so too when sched is traced). */
static void ready(struct tr_state *s, unsigned id)
{
    set_state(s, id, TRACE_STATE_READY, TRACE_WAIT_NONE, TR_NO_TASK);
}

static bool blocked_in(const struct tr_state *s, unsigned id, uint8_t wait)
{
    return valid(id) && s->task[id].state == TRACE_STATE_BLOCKED &&
           s->task[id].wait == wait;
}

static void on_switch(struct tr_state *s, unsigned from, unsigned to)
{
    if (valid(from) && s->task[from].state == TRACE_STATE_RUNNING)
        s->task[from].state = TRACE_STATE_READY;
    set_state(s, to, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, TR_NO_TASK);
    s->running = valid(to) ? (uint8_t)to : TR_NO_TASK;
}

/* A message from -> to: both sides of the rendezvous move on. */
static void on_message(struct tr_state *s, unsigned type, unsigned from, unsigned to)
{
    if (type == TRACE_EV_MSG_REPLY) {
        if (blocked_in(s, to, TRACE_WAIT_REPLY))
            ready(s, to);
    } else if (blocked_in(s, to, TRACE_WAIT_RECV)) {
        ready(s, to);
    }
    if (type == TRACE_EV_MSG_CALL)
        block(s, from, TRACE_WAIT_REPLY, (uint8_t)to);
    else if (blocked_in(s, from, TRACE_WAIT_SEND))
        ready(s, from);
    if (valid(from))
        s->task[from].sent++;
    if (valid(to))
        s->task[to].received++;
}

/* ---- notifications ---- */

static void set_pending(struct tr_state *s, unsigned to, unsigned from, uint32_t bits)
{
    if (!valid(to) || !valid(from))
        return;
    struct tr_task *t = &s->task[to];
    t->from_bits[from] = bits;
    t->pending = 0;
    t->senders = 0;
    for (int i = 0; i < TR_TASKS; i++) {
        t->pending |= t->from_bits[i];
        if (t->from_bits[i])
            t->senders |= 1ull << i;
    }
}

static void on_notify(struct tr_state *s, const struct tr_event *e)
{
    unsigned to = e->peer, from = e->subj;
    if (e->type == TRACE_EV_NOTIFY_SEND) {
        if (valid(to) && valid(from))
            set_pending(s, to, from, s->task[to].from_bits[from] | e->a);
        return;
    }
    /* Delivered: the kernel hands over all of that sender's bits. An open
     * receive that was blocked returns with them. */
    to = e->subj;
    from = e->peer;
    set_pending(s, to, from, 0);
    if (blocked_in(s, to, TRACE_WAIT_RECV))
        ready(s, to);
}

/* ---- channels ---- */

static void on_channel(struct tr_state *s, const struct tr_event *e)
{
    struct tr_chan *c = &s->chan[e->aux & TRACE_PORT_MASK];
    int dir = (e->aux & TRACE_PORT_RECV) != 0;
    switch (e->type) {
    case TRACE_EV_CHAN_OPEN:
        c->end[dir] = e->subj;
        return;
    case TRACE_EV_CHAN_CLOSE:
        c->end[dir] = TR_NO_TASK;
        if (c->waiting != TR_NO_TASK && c->waiting != e->subj)
            ready(s, c->waiting);           /* woken with ERR_CLOSED */
        c->waiting = TR_NO_TASK;
        return;
    case TRACE_EV_CHAN_BLOCK:
        block(s, e->subj, TRACE_WAIT_CHANNEL, c->end[!dir]);
        if (valid(e->subj))
            s->task[e->subj].port = e->aux;
        c->waiting = e->subj;
        return;
    default:                                /* CHAN_XFER */
        if (c->waiting != TR_NO_TASK)
            ready(s, c->waiting);
        c->waiting = TR_NO_TASK;
        c->transfers++;
        c->last_size = e->a;
        c->last_shared = (e->aux & TRACE_PORT_SHARED) != 0;
        if (valid(e->subj))
            s->task[e->subj].sent++;
        if (valid(e->peer))
            s->task[e->peer].received++;
        return;
    }
}

/* ---- tasks ---- */

static void on_create(struct tr_state *s, const struct tr_event *e)
{
    if (!valid(e->peer))
        return;
    struct tr_task *t = &s->task[e->peer];
    memset(t, 0, sizeof(*t));
    t->prio = e->aux;
    ready(s, e->peer);
}

/* Dead: its channel ends close and whoever waited on it wakes (with an
 * error), as task_exit() does. */
static void on_task_exit(struct tr_state *s, unsigned id)
{
    if (!valid(id))
        return;
    set_state(s, id, TRACE_STATE_DEAD, TRACE_WAIT_NONE, TR_NO_TASK);
    if (s->running == id)
        s->running = TR_NO_TASK;
    for (int p = 0; p < TR_PORTS; p++) {
        struct tr_chan *c = &s->chan[p];
        for (int dir = 0; dir < 2; dir++)
            if (c->end[dir] == id)
                c->end[dir] = TR_NO_TASK;
        if (c->waiting == id)
            c->waiting = TR_NO_TASK;
    }
    for (unsigned i = 0; i < TR_TASKS; i++) {
        struct tr_task *t = &s->task[i];
        if (t->state == TRACE_STATE_BLOCKED && t->peer == id &&
            !(t->wait == TRACE_WAIT_RECV && id == 0))
            ready(s, i);
    }
}

static void on_async(struct tr_state *s, const struct tr_event *e)
{
    if (!valid(e->subj) || !valid(e->peer) || e->type == TRACE_EV_ASYNC_PULL)
        return;
    struct tr_queue *q = &s->queue[e->subj][e->peer];
    q->depth = e->a > UINT16_MAX ? UINT16_MAX : (uint16_t)e->a;
    if (q->depth > q->high)
        q->high = q->depth;
    if (e->type == TRACE_EV_ASYNC_FULL && q->full < UINT16_MAX)
        q->full++;
}

/* A complete metadata set: the kernel's own view, replacing ours. Tasks it
 * does not list are gone; pending notifications are exactly those listed. */
static void on_snapshot(struct tr_state *s, const uint8_t *p, size_t n)
{
    uint64_t listed = 0;
    for (int i = 0; i < TR_TASKS; i++)
        memset(s->task[i].from_bits, 0, sizeof(s->task[i].from_bits));
    for (size_t at = 0; at + 2 <= n && at + 2 + p[at + 1] <= n; at += 2 + p[at + 1]) {
        const uint8_t *r = p + at + 2;
        if (p[at] == TRACE_META_TASK && p[at + 1] >= 5 && valid(r[0])) {
            struct tr_task *t = &s->task[r[0]];
            t->prio = r[1];
            set_state(s, r[0], r[2] <= TRACE_STATE_BLOCKED ? r[2] : TRACE_STATE_UNKNOWN,
                      r[3], r[4]);
            if (r[2] == TRACE_STATE_RUNNING)
                s->running = r[0];
            listed |= 1ull << r[0];
        } else if (p[at] == TRACE_META_PENDING && p[at + 1] >= 3 &&
                   valid(r[0]) && valid(r[1])) {
            uint32_t bits = 0;      /* a varint of at most 5 bytes */
            for (unsigned k = 0; k < 5 && 2 + k < p[at + 1]; k++) {
                bits |= (uint32_t)(r[2 + k] & 0x7f) << (7 * k);
                if (!(r[2 + k] & 0x80))
                    break;
            }
            s->task[r[0]].from_bits[r[1]] = bits;
        }
    }
    for (unsigned i = 0; i < TR_TASKS; i++) {
        if (!(listed >> i & 1) && s->task[i].state != TRACE_STATE_UNKNOWN)
            s->task[i].state = TRACE_STATE_DEAD;
        set_pending(s, i, 0, s->task[i].from_bits[0]);  /* recompute sums */
    }
}

/* ---- one event ---- */

void tr_state_apply(struct tr_state *s, const struct tr_event *e, const uint8_t *extra)
{
    s->ts = e->ts;
    s->index++;
    switch (e->type) {
    case TRACE_EV_SWITCH:      on_switch(s, e->subj, e->peer); break;
    case TRACE_EV_WAKE:        ready(s, e->peer); break;
    case TRACE_EV_MSG_SEND:
    case TRACE_EV_MSG_CALL:
    case TRACE_EV_MSG_REPLY:   on_message(s, e->type, e->subj, e->peer); break;
    case TRACE_EV_RECV_BLOCK:  block(s, e->subj, TRACE_WAIT_RECV, e->peer); break;
    case TRACE_EV_SEND_BLOCK:  block(s, e->subj, TRACE_WAIT_SEND, e->peer); break;
    case TRACE_EV_CALL_BLOCK:  block(s, e->subj, TRACE_WAIT_CALL, e->peer); break;
    case TRACE_EV_BLOCK:       block(s, e->subj, e->aux, TR_NO_TASK); break;
    case TRACE_EV_NOTIFY_SEND:
    case TRACE_EV_NOTIFY_DELIVER: on_notify(s, e); break;
    case TRACE_EV_CHAN_OPEN:
    case TRACE_EV_CHAN_CLOSE:
    case TRACE_EV_CHAN_BLOCK:
    case TRACE_EV_CHAN_XFER:   on_channel(s, e); break;
    case TRACE_EV_TASK_CREATE: on_create(s, e); break;
    case TRACE_EV_TASK_EXIT:   on_task_exit(s, e->subj); break;
    case TRACE_EV_ASYNC_ENQUEUE:
    case TRACE_EV_ASYNC_PULL:
    case TRACE_EV_ASYNC_DELIVER:
    case TRACE_EV_ASYNC_FULL:  on_async(s, e); break;
    case TRACE_EV_DEADLOCK:    s->deadlocks++; break;
    case TRACE_EV_LOST:        s->lost += e->a; break;
    case TRACE_EV_SYSCALL_ERR:
        if (valid(e->subj))
            s->task[e->subj].errors++;
        break;
    case TR_EV_SNAPSHOT:
        if (extra)
            on_snapshot(s, extra, e->a);
        break;
    default:                   break;   /* fault (exit follows), mark, mask, irq */
    }
}

/* ---- the store ---- */

void tr_model_init(struct tr_model *m, size_t interval)
{
    memset(m, 0, sizeof(*m));
    m->interval = interval ? interval : DEFAULT_INTERVAL;
    tr_state_init(&m->now);
}

void tr_model_free(struct tr_model *m)
{
    free(m->events);
    free(m->pool);
    free(m->snaps);
    memset(m, 0, sizeof(*m));
}

/* The extra bytes of stored event e (only snapshots need them again). */
static const uint8_t *extra_of(const struct tr_model *m, const struct tr_event *e)
{
    return e->type == TR_EV_SNAPSHOT ? m->pool + e->b : NULL;
}

bool tr_model_add(struct tr_model *m, const struct tr_event *ev, const struct tr_extra *x)
{
    if (m->count % m->interval == 0) {      /* a copy before every interval */
        if (!tv_grow((void **)&m->snaps, &m->snaps_cap, m->nsnaps + 1, sizeof(*m->snaps)))
            return false;
        m->snaps[m->nsnaps++] = m->now;
    }
    if (!tv_grow((void **)&m->events, &m->cap, m->count + 1, sizeof(*m->events)) ||
        !tv_grow((void **)&m->pool, &m->pool_cap, m->pool_len + x->n + 1, 1))
        return false;
    struct tr_event e = *ev;
    if (m->count && e.ts < m->events[m->count - 1].ts)
        e.ts = m->events[m->count - 1].ts;  /* time never runs back */
    e.b = ev->type == TRACE_EV_TASK_FAULT ? ev->b : (uint32_t)m->pool_len;
    if (x->n)
        memcpy(m->pool + m->pool_len, x->p, x->n);
    m->pool_len += x->n;
    m->events[m->count++] = e;
    tr_state_apply(&m->now, &e, extra_of(m, &e));
    return true;
}

void tr_model_state_after(const struct tr_model *m, size_t n, struct tr_state *out)
{
    if (n > m->count)
        n = m->count;
    if (m->nsnaps == 0) {
        tr_state_init(out);
        return;
    }
    size_t k = n / m->interval;
    if (k >= m->nsnaps)
        k = m->nsnaps - 1;
    *out = m->snaps[k];
    for (size_t i = k * m->interval; i < n; i++)
        tr_state_apply(out, &m->events[i], extra_of(m, &m->events[i]));
}

void tr_model_state_at(const struct tr_model *m, uint64_t ts, struct tr_state *out)
{
    /* The first event later than ts, by bisection: times never decrease. */
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->events[mid].ts <= ts)
            lo = mid + 1;
        else
            hi = mid;
    }
    tr_model_state_after(m, lo, out);
}
