/* decode.c - frames to events: the header of each frame, then its events
 * in their short or explicit forms (docs/trace-format.md, "Events"), and
 * metadata records. A CRC-correct frame that does not parse is counted as
 * malformed and its remaining events are dropped; nothing here can read
 * outside the frame. */
#include "decode.h"
#include <stdio.h>
#include <string.h>

/* A bounds-checked reader over one frame. */
struct cursor {
    const uint8_t *p, *end;
    bool bad;
};

static uint8_t get_u8(struct cursor *c)
{
    if (c->p >= c->end) {
        c->bad = true;
        return 0;
    }
    return *c->p++;
}

/* LEB128, at most 64 bits: more is malformed (a 10th byte carries bit 63
 * only, so it is 0 or 1). */
static uint64_t get_varint(struct cursor *c)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        uint8_t b = get_u8(c);
        if (shift == 63 && b > 1)
            break;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    c->bad = true;
    return 0;
}

static uint32_t get_u32(struct cursor *c)
{
    uint64_t v = get_varint(c);
    if (v > UINT32_MAX)
        c->bad = true;
    return (uint32_t)v;
}

static void copy_name(char *dst, const uint8_t *p, size_t n)
{
    if (n >= TR_NAME_MAX)
        n = TR_NAME_MAX - 1;
    for (size_t i = 0; i < n; i++)      /* printable only: names get printed */
        dst[i] = p[i] >= ' ' && p[i] <= '~' ? (char)p[i] : '?';
    dst[n] = '\0';
}

/* ---- events ---- */

/* Per-frame decoding state: what the encoder's state was. */
struct frame_state {
    uint64_t units;         /* time of the previous event, wire units */
    uint8_t shift;
    uint8_t cur;            /* the running task */
};

static bool has_subject(unsigned ev)
{
    return ev != TRACE_EV_LOST && ev != TRACE_EV_TASK_CREATE &&
           ev != TRACE_EV_WAKE && ev != TRACE_EV_IRQ;
}

/* Events go out in time order. A time earlier than the last one within a
 * run (never from Baton's encoder) is shown at the last time and counted
 * (time_back): the dump and the viewer say how many. */
static void emit(struct tr_decoder *d, struct tr_event *e, const uint8_t *x, size_t n)
{
    if (e->ts < d->last_ts) {
        e->ts = d->last_ts;
        d->counts.time_back++;
    }
    d->last_ts = e->ts;
    if (e->type != TR_EV_SNAPSHOT && e->type != TR_EV_RESTART)
        d->counts.events++;
    if (e->type == TRACE_EV_LOST)
        d->counts.lost += e->a;
    struct tr_extra extra = { x, n };
    d->ops->event(d->ctx, e, &extra);
}

/* Operands of the explicit forms (docs/trace-format.md, "Events"). */
static void parse_operands(struct cursor *c, unsigned ev, struct tr_event *e,
                           struct tr_extra *x)
{
    switch (ev) {
    case TRACE_EV_LOST:
    case TRACE_EV_MARK:
    case TRACE_EV_MASK:
        e->a = get_u32(c);
        return;
    case TRACE_EV_TASK_CREATE:
        e->peer = get_u8(c);
        e->aux = get_u8(c);
        x->n = get_u8(c);
        x->p = c->p;
        if (x->n >= TR_NAME_MAX || (size_t)(c->end - c->p) < x->n)
            c->bad = true;
        else
            c->p += x->n;
        return;
    case TRACE_EV_TASK_EXIT: {
        uint32_t z = get_u32(c);
        e->a = (z >> 1) ^ (0u - (z & 1));       /* zigzag back */
        return;
    }
    case TRACE_EV_TASK_FAULT:
        e->a = get_u32(c);
        e->b = get_u32(c);
        return;
    case TRACE_EV_CALL_BLOCK:
        e->peer = get_u8(c);
        return;
    case TRACE_EV_BLOCK:
    case TRACE_EV_IRQ:
    case TRACE_EV_CHAN_OPEN:
    case TRACE_EV_CHAN_CLOSE:
    case TRACE_EV_CHAN_BLOCK:
        e->aux = get_u8(c);
        return;
    case TRACE_EV_SYSCALL_ERR:
        e->aux = get_u8(c);
        e->a = 0u - get_u32(c);                 /* the negative error_t */
        return;
    case TRACE_EV_IRQ_CTL:
        e->aux = get_u8(c);                     /* the line */
        e->a = get_u8(c);                       /* TRACE_IRQ_* */
        if (e->a < TRACE_IRQ_ACQUIRED || e->a > TRACE_IRQ_RELEASED)
            c->bad = true;
        return;
    case TRACE_EV_DEADLOCK:
        e->aux = get_u8(c);
        x->n = e->aux;
        x->p = c->p;
        if ((size_t)(c->end - c->p) < x->n)
            c->bad = true;
        else
            c->p += x->n;
        e->peer = x->n ? x->p[0] : TR_NO_TASK;
        return;
    default:    /* notify send/deliver, async: a task and a word */
        e->peer = get_u8(c);
        e->a = get_u32(c);
        return;
    }
}

/* A CHAN_XFER or MSG_TAKE written from the receiver's side, as from -> to. */
static void sender_view(struct cursor *c, unsigned *ev, struct tr_event *e)
{
    if (*ev == TRACE_EV_MSG_TAKE) {
        uint8_t from = get_u8(c), kind = get_u8(c);
        if (kind > 2)
            c->bad = true;
        *ev = TRACE_EV_MSG_SEND + kind;
        e->peer = e->subj;
        e->subj = from;
    } else {                                    /* CHAN_XFER */
        uint8_t port = get_u8(c), other = get_u8(c);
        e->a = get_u32(c);
        e->aux = port & (uint8_t)~TRACE_PORT_RECV;
        e->peer = other;
        if (port & TRACE_PORT_RECV) {
            e->peer = e->subj;
            e->subj = other;
        }
    }
}

/* One event at c: false if malformed. */
static bool parse_event(struct tr_decoder *d, struct cursor *c, struct frame_state *fs)
{
    uint8_t subj = fs->cur, code = get_u8(c);
    bool prefixed = code == TRACE_EV_SUBJ;
    if (prefixed) {
        subj = get_u8(c);
        code = get_u8(c);
    }
    struct tr_event e = { .subj = TR_NO_TASK, .peer = TR_NO_TASK };
    struct tr_extra x = { NULL, 0 };
    bool short_form = code >= TRACE_SHORT_FIRST;
    unsigned ev = short_form ? TRACE_SHORT_BASE + (code >> 5) : code;
    if (ev <= TRACE_EV_SUBJ || ev >= TRACE_EV_COUNT || (prefixed && !has_subject(ev)))
        return false;
    fs->units += get_varint(c);
    e.ts = (fs->units << fs->shift) + d->epoch;
    if (has_subject(ev))
        e.subj = subj;
    if (ev > TRACE_SHORT_BASE && ev <= TRACE_SHORT_BASE + 7)
        e.peer = short_form ? code & 31 : get_u8(c);
    else if (ev == TRACE_EV_MSG_TAKE || ev == TRACE_EV_CHAN_XFER)
        sender_view(c, &ev, &e);
    else
        parse_operands(c, ev, &e, &x);
    if (c->bad)
        return false;
    e.type = (uint8_t)ev;
    /* Who made or ended a task is the running task (docs/trace-format.md):
     * a TASK_CREATE's creator becomes its subject, and the killer of a
     * task ended by another its TASK_EXIT's peer. Not after a LOST record
     * until the next SWITCH: a switch may be among the events lost, and
     * the frame's current task is then only the last one the kernel sent
     * (the subjects stay right: the kernel sent a SUBJ prefix for them). */
    if (ev == TRACE_EV_TASK_CREATE && !d->cur_unknown)
        e.subj = fs->cur;
    if (ev == TRACE_EV_TASK_EXIT && fs->cur != e.subj && !d->cur_unknown)
        e.peer = fs->cur;
    if (ev == TRACE_EV_SWITCH)
        fs->cur = e.peer;
    if (ev == TRACE_EV_SWITCH || ev == TRACE_EV_LOST)
        d->cur_unknown = ev == TRACE_EV_LOST;
    if (ev == TRACE_EV_MASK)               /* what is on now: the T key reads it */
        d->meta.mask = e.a;
    if (ev == TRACE_EV_TASK_CREATE) {       /* names of tasks born late */
        copy_name(d->meta.names[e.peer], x.p, x.n);
        d->meta.prio[e.peer] = e.aux;
    }
    emit(d, &e, x.p, x.n);
    return true;
}

/* A metadata set still being received is broken by any other frame: its
 * records would no longer be the state at one point of the stream. */
static void snap_break(struct tr_decoder *d)
{
    if (d->snap_part > 0) {
        d->counts.malformed++;
        d->counts.broken_sets++;
    }
    d->snap_part = -1;
}

/* H seq shift index(2) base cur, then events to the end. */
static void events_frame(struct tr_decoder *d, struct cursor *c)
{
    struct frame_state fs;
    fs.shift = get_u8(c);
    uint16_t index = (uint16_t)(get_u8(c) | get_u8(c) << 8);
    fs.units = get_varint(c);
    fs.cur = get_u8(c);
    if (c->bad || fs.shift > 63) {
        d->counts.malformed++;
        return;
    }
    snap_break(d);
    if (d->have_index)
        d->counts.missing += (uint16_t)(index - d->next_index);
    d->counts.frames++;
    uint16_t n = 0;
    while (c->p < c->end) {
        if (!parse_event(d, c, &fs)) {
            d->counts.malformed++;  /* the rest shows up as missing */
            break;
        }
        n++;
    }
    d->have_index = true;
    d->next_index = (uint16_t)(index + n);
}

/* ---- metadata ---- */

/* One record: learn from it; TASK and PENDING also go to the snapshot. */
static void meta_record(struct tr_decoder *d, uint8_t tag, struct cursor *c)
{
    struct tr_meta *m = &d->meta;
    switch (tag) {
    case TRACE_META_ARCH:
        copy_name(m->arch, c->p, (size_t)(c->end - c->p));
        m->have_arch = true;
        return;
    case TRACE_META_CLOCK:
        m->shift = get_u8(c);
        m->tick_hz = get_u32(c);
        m->cycles = get_varint(c) + d->epoch;
        m->ticks = get_varint(c);
        m->boot_cycles = get_varint(c) + d->epoch;
        m->boot_ticks = get_varint(c);
        m->have_clock = !c->bad;
        d->snap_ts = m->cycles;
        return;
    case TRACE_META_MASK:
        m->mask = get_u32(c);
        m->built = get_u32(c);
        return;
    case TRACE_META_COUNTERS:
        m->recorded = get_varint(c);
        m->lost_total = get_varint(c);
        return;
    case TRACE_META_TASK: {
        uint8_t id = get_u8(c), prio = get_u8(c);
        if (c->bad || c->end - c->p < 3) {  /* id prio state wait peer: 5 bytes */
            c->bad = true;
            return;
        }
        c->p += 3;                      /* state, wait, peer: the snapshot's */
        m->prio[id] = prio;
        copy_name(m->names[id], c->p, (size_t)(c->end - c->p));
        return;
    }
    case TRACE_META_PORT: {
        uint8_t port = get_u8(c) & (TR_PORTS - 1);
        m->port_senders[port] = get_u32(c);
        m->port_receivers[port] = get_u32(c);
        if (!c->bad)
            copy_name(m->port_names[port], c->p, (size_t)(c->end - c->p));
        return;
    }
    case TRACE_META_PENDING:            /* task from bits: the snapshot's */
        get_u8(c);
        get_u8(c);
        get_u32(c);
        if (c->p != c->end)
            c->bad = true;
        return;
    default:                            /* tags of later revisions: skipped */
        return;
    }
}

/* Keep a TASK or PENDING record for the snapshot of this metadata set. */
static void snap_keep(struct tr_decoder *d, uint8_t tag, const uint8_t *p, uint8_t len)
{
    if (d->snap_part < 0 || (tag != TRACE_META_TASK && tag != TRACE_META_PENDING))
        return;
    if (d->snap_len + 2 + len > sizeof(d->snap)) {
        d->snap_part = -1;              /* cannot be: give the set up */
        return;
    }
    d->snap[d->snap_len++] = tag;
    d->snap[d->snap_len++] = len;
    memcpy(d->snap + d->snap_len, p, len);
    d->snap_len += len;
}

/* The records of one metadata frame; false if one is malformed. */
static bool meta_records(struct tr_decoder *d, struct cursor *c)
{
    while (c->p < c->end) {
        uint8_t tag = get_u8(c), len = get_u8(c);
        if (c->bad || (size_t)(c->end - c->p) < len)
            return false;
        struct cursor rec = { c->p, c->p + len, false };
        meta_record(d, tag, &rec);
        if (rec.bad)                    /* too short, or a value too big */
            return false;
        snap_keep(d, tag, c->p, len);
        c->p += len;
    }
    return !c->bad;
}

/* H seq part records...: part 0 starts a set, bit 7 ends it. A set whose
 * parts all arrived, in order, with no other frame between them, becomes
 * a TR_EV_SNAPSHOT event. */
static void meta_frame(struct tr_decoder *d, struct cursor *c, bool seq_ok)
{
    uint8_t part = get_u8(c);
    if ((part & 0x7f) == 0) {
        snap_break(d);
        d->snap_part = 0;
        d->snap_len = 0;
        d->snap_ts = d->last_ts;
    } else if ((int)(part & 0x7f) != d->snap_part || !seq_ok) {
        d->snap_part = -1;              /* a part went missing */
    }
    if (!meta_records(d, c)) {
        d->counts.malformed++;
        d->snap_part = -1;
        return;
    }
    d->counts.meta_frames++;
    if (d->snap_part >= 0)
        d->snap_part++;
    if ((part & 0x80) && d->snap_part > 0) {
        struct tr_event e = { .ts = d->snap_ts, .type = TR_EV_SNAPSHOT,
                              .subj = TR_NO_TASK, .peer = TR_NO_TASK,
                              .a = (uint32_t)d->snap_len };
        d->snap_part = -1;
        emit(d, &e, d->snap, d->snap_len);
    }
    if (d->ops->meta)
        d->ops->meta(d->ctx, d);
}

/* ---- frames ---- */

/* The kernel started again (a BOOT frame, or, in a trace without them, a
 * frame numbered 0 that starts from index 0): sequence and index start
 * afresh, and the new run's times are placed after the old run's last
 * one. The restart is an event of its own, at that time, so that the
 * shift is never silent. */
static void restart(struct tr_decoder *d, bool inferred)
{
    snap_break(d);
    d->have_seq = d->have_index = d->cur_unknown = false;
    d->epoch = d->last_ts;
    d->counts.restarts++;
    struct tr_event e = { .ts = d->last_ts, .type = TR_EV_RESTART, .subj = TR_NO_TASK,
                          .peer = TR_NO_TASK, .aux = inferred,
                          .a = (uint32_t)d->counts.restarts, .b = 0 };
    emit(d, &e, NULL, 0);
}

/* A trace recorded before BOOT frames existed: does this frame look like
 * the first of a new run (sequence 0 out of turn, index or part 0)? */
static bool looks_like_a_boot(const struct tr_decoder *d, uint8_t h, uint8_t seq,
                              const uint8_t *p, size_t n)
{
    if (!d->have_seq || seq != 0 || d->next_seq == 0 || d->seen_boot)
        return false;
    if ((h & 15) == TRACE_FRAME_EVENTS)
        return n >= 5 && p[3] == 0 && p[4] == 0;
    return n >= 3 && (p[2] & 0x7f) == 0;
}

static void on_frame(void *ctx, const uint8_t *p, size_t n)
{
    struct tr_decoder *d = ctx;
    struct cursor c = { p, p + n, false };
    uint8_t h = get_u8(&c), seq = get_u8(&c), type = h & 15;
    if (h >> 4 != TRACE_VERSION ||
        (type != TRACE_FRAME_EVENTS && type != TRACE_FRAME_META && type != TRACE_FRAME_BOOT)) {
        d->counts.unsupported++;
        return;
    }
    if (type == TRACE_FRAME_BOOT) {
        if (d->have_seq || d->last_ts)
            restart(d, false);
        d->seen_boot = true;
    } else if (looks_like_a_boot(d, h, seq, p, n)) {
        restart(d, true);
    }
    bool seq_ok = !d->have_seq || seq == d->next_seq;
    if (d->have_seq)
        d->counts.seq_gaps += (uint8_t)(seq - d->next_seq);
    d->have_seq = true;
    d->next_seq = (uint8_t)(seq + 1);
    /* As sent: ESC _ B, the bytes and CRC in base64, ESC and backslash. */
    uint64_t sent = 5 + (4 * (n + 2) + 2) / 3;
    if (type == TRACE_FRAME_EVENTS) {
        d->counts.event_wire_bytes += sent;
        events_frame(d, &c);
    } else if (type == TRACE_FRAME_META) {
        d->counts.meta_wire_bytes += sent;
        meta_frame(d, &c, seq_ok);
    } else {
        d->counts.meta_wire_bytes += sent;
        d->counts.boot_frames++;
    }
}

static void on_text(void *ctx, const uint8_t *p, size_t n)
{
    struct tr_decoder *d = ctx;
    if (d->ops->text)
        d->ops->text(d->ctx, p, n);
}

static const struct tr_wire_ops wire_ops = { on_text, on_frame, NULL };

void tr_decoder_init(struct tr_decoder *d, const struct tr_decode_ops *ops, void *ctx)
{
    memset(d, 0, sizeof(*d));
    d->ops = ops;
    d->ctx = ctx;
    d->snap_part = -1;
    tr_wire_init(&d->wire, &wire_ops, d);
}

void tr_decoder_feed(struct tr_decoder *d, const uint8_t *p, size_t n)
{
    tr_wire_feed(&d->wire, p, n);
}

void tr_decoder_end(struct tr_decoder *d)
{
    tr_wire_end(&d->wire);
}

struct tr_counts tr_decoder_counts(const struct tr_decoder *d)
{
    struct tr_counts c = d->counts;
    c.corrupt = d->wire.corrupt + d->counts.malformed;
    c.text_bytes = d->wire.text_bytes;
    c.dropped_bytes = d->wire.dropped;
    return c;
}

/* ---- names ---- */

const char *tr_task_name(const struct tr_decoder *d, unsigned id, char *buf)
{
    if (id >= TR_IDS || id == TR_NO_TASK)
        return "-";
    if (d->meta.names[id][0])
        return d->meta.names[id];
    snprintf(buf, 40, "#%u", id);
    return buf;
}

static const char *const event_names[] = {
    [TRACE_EV_LOST] = "lost",
    [TRACE_EV_TASK_CREATE] = "task-create",
    [TRACE_EV_TASK_EXIT] = "task-exit",
    [TRACE_EV_TASK_FAULT] = "task-fault",
    [TRACE_EV_SWITCH] = "switch",
    [TRACE_EV_WAKE] = "wake",
    [TRACE_EV_MSG_SEND] = "send",
    [TRACE_EV_MSG_CALL] = "call",
    [TRACE_EV_MSG_REPLY] = "reply",
    [TRACE_EV_RECV_BLOCK] = "recv-block",
    [TRACE_EV_SEND_BLOCK] = "send-block",
    [TRACE_EV_CALL_BLOCK] = "call-block",
    [TRACE_EV_BLOCK] = "block",
    [TRACE_EV_NOTIFY_SEND] = "notify",
    [TRACE_EV_NOTIFY_DELIVER] = "notify-deliver",
    [TRACE_EV_IRQ] = "irq",
    [TRACE_EV_CHAN_OPEN] = "chan-open",
    [TRACE_EV_CHAN_CLOSE] = "chan-close",
    [TRACE_EV_CHAN_BLOCK] = "chan-block",
    [TRACE_EV_CHAN_XFER] = "chan-xfer",
    [TRACE_EV_DEADLOCK] = "deadlock",
    [TRACE_EV_SYSCALL_ERR] = "syscall-error",
    [TRACE_EV_ASYNC_ENQUEUE] = "async-enqueue",
    [TRACE_EV_ASYNC_PULL] = "async-pull",
    [TRACE_EV_ASYNC_DELIVER] = "async-deliver",
    [TRACE_EV_ASYNC_FULL] = "async-full",
    [TRACE_EV_MARK] = "mark",
    [TRACE_EV_MASK] = "mask",
    [TRACE_EV_IRQ_CTL] = "irq-ctl",
};

const char *tr_event_name(unsigned type)
{
    if (type == TR_EV_SNAPSHOT)
        return "snapshot";
    if (type == TR_EV_RESTART)
        return "restart";
    if (type < sizeof(event_names) / sizeof(event_names[0]) && event_names[type])
        return event_names[type];
    return "?";
}

const char *tr_irq_op_name(unsigned op)
{
    static const char *const names[] = { "?", "acquired", "masked", "acked", "released" };
    return op < sizeof(names) / sizeof(names[0]) ? names[op] : "?";
}

int tr_event_category(unsigned type)
{
    switch (type) {
    case TRACE_EV_SWITCH: case TRACE_EV_WAKE: case TRACE_EV_BLOCK:
        return TRACE_I_SCHED;
    case TRACE_EV_TASK_CREATE: case TRACE_EV_TASK_EXIT: case TRACE_EV_TASK_FAULT:
        return TRACE_I_TASK;
    case TRACE_EV_MSG_SEND: case TRACE_EV_MSG_CALL: case TRACE_EV_MSG_REPLY:
    case TRACE_EV_RECV_BLOCK: case TRACE_EV_SEND_BLOCK: case TRACE_EV_CALL_BLOCK:
        return TRACE_I_IPC;
    case TRACE_EV_NOTIFY_SEND: case TRACE_EV_NOTIFY_DELIVER:
        return TRACE_I_NOTIFY;
    case TRACE_EV_IRQ: case TRACE_EV_IRQ_CTL:
        return TRACE_I_IRQ;
    case TRACE_EV_CHAN_OPEN: case TRACE_EV_CHAN_CLOSE:
    case TRACE_EV_CHAN_BLOCK: case TRACE_EV_CHAN_XFER:
        return TRACE_I_CHAN;
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_PULL:
    case TRACE_EV_ASYNC_DELIVER: case TRACE_EV_ASYNC_FULL:
        return TRACE_I_ASYNC;
    case TRACE_EV_DEADLOCK: case TRACE_EV_SYSCALL_ERR:
        return TRACE_I_ERR;
    case TRACE_EV_MARK:
        return TRACE_I_USER;
    default:
        return -1;
    }
}

double tr_meta_hz(const struct tr_meta *m)
{
    if (!m->have_clock || m->ticks <= m->boot_ticks || m->cycles <= m->boot_cycles)
        return 0;
    return (double)(m->cycles - m->boot_cycles) * m->tick_hz /
           (double)(m->ticks - m->boot_ticks);
}
