/* trace_wire.c - the drain: records from the ring become frames on the UART,
 * in the format of docs/trace-format.md. A frame is CRC-checked bytes,
 * written in base64 inside an APC string (ESC _ B ... ESC \) that terminals
 * do not display, so console text stays clean around it. */
#include "trace.h"
#include "trace_ring.h"
#include "arch.h"
#include "task.h"
#include "sched.h"
#include "deadlock.h"
#include "ipc.h"

/* Frames the kernel writes stay small, so one costs little if lost. */
#define FRAME_BYTES 192
#define EVENT_MAX   64        /* the longest encoded event (a deadlock) */

/* The encoder's state: what the decoder will know when it reads the next
 * event of the current frame. */
static struct {
    uint8_t buf[FRAME_BYTES];
    unsigned len;             /* 0: no frame open */
    uint8_t seq;              /* of the next frame */
    uint16_t index;           /* of the next event */
    uint8_t cur;              /* the running task, as the decoder knows it */
    uint64_t last;            /* time of the last event, in wire units */
    bool meta_due;
    uint64_t meta_tick;       /* sched_ticks at the last metadata */
    uint64_t boot_cycles, boot_ticks;
    bool draining;
    bool booted;              /* the BOOT frame is sent */
} wire = { .cur = TRACE_NO_TASK };

void trace_want_meta(void)
{
    wire.meta_due = true;
}

/* ---- bytes: varints, CRC, base64 ---- */

/* LEB128: 7 bits a byte, low first, bit 7 set on all but the last. */
static unsigned put_varint(uint8_t *p, uint64_t v)
{
    unsigned n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

/* CRC-16/CCITT-FALSE (poly 0x1021, init 0xffff), a bit at a time: the
 * drain is not in a hurry, and this is the definition. */
static uint16_t crc16(const uint8_t *p, unsigned n)
{
    uint16_t crc = 0xffff;
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int i = 0; i < 8; i++)
            crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* ESC _ B, the bytes in base64 without padding, ESC \. */
static void emit_apc(const uint8_t *p, unsigned n)
{
    arch_console_putc('\x1b');
    arch_console_putc('_');
    arch_console_putc('B');
    for (unsigned i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        unsigned chars = n - i >= 3 ? 4 : n - i + 1;
        for (unsigned k = 0; k < chars; k++)
            arch_console_putc(b64[(v >> (18 - 6 * k)) & 63]);
    }
    arch_console_putc('\x1b');
    arch_console_putc('\\');
}

/* Seal the open frame with its CRC (high byte first) and send it. */
static void frame_end(void)
{
    if (!wire.len)
        return;
    uint16_t crc = crc16(wire.buf, wire.len);
    wire.buf[wire.len++] = (uint8_t)(crc >> 8);
    wire.buf[wire.len++] = (uint8_t)crc;
    emit_apc(wire.buf, wire.len);
    wire.len = 0;
    wire.seq++;
}

/* The first frame after boot says so (docs/trace-format.md, "Boot"): the
 * sequence, the event index and the clock start again from here, and a
 * decoder that reads on from an earlier run must not take the new numbers
 * for lost frames or the new times for a clock that ran back. */
static void frame_boot(void)
{
    if (wire.booted)
        return;
    wire.booted = true;
    wire.buf[0] = TRACE_VERSION << 4 | TRACE_FRAME_BOOT;
    wire.buf[1] = wire.seq;
    wire.len = 2;
    frame_end();
}

/* An events frame starts with what makes it readable on its own:
 * version and type, sequence, time shift, first event's index, the time
 * base and the running task. */
static void frame_begin_events(void)
{
    frame_boot();
    uint8_t *p = wire.buf;
    unsigned n = 0;
    p[n++] = TRACE_VERSION << 4 | TRACE_FRAME_EVENTS;
    p[n++] = wire.seq;
    p[n++] = TRACE_TS_SHIFT;
    p[n++] = (uint8_t)wire.index;
    p[n++] = (uint8_t)(wire.index >> 8);
    n += put_varint(p + n, wire.last);
    p[n++] = wire.cur;
    wire.len = n;
}


/* ---- one event: its slot(s) to bytes ---- */

/* Does ev name the task doing it (its subject), implied or by SUBJ? */
static bool has_subject(uint8_t ev)
{
    return ev != TRACE_EV_LOST && ev != TRACE_EV_TASK_CREATE &&
           ev != TRACE_EV_WAKE && ev != TRACE_EV_IRQ;
}

/* Events whose only operand is a task: they have short forms. */
static bool is_short_class(uint8_t ev)
{
    return ev > TRACE_SHORT_BASE && ev <= TRACE_SHORT_BASE + 7;
}

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The operands that follow code and time (short-class events excepted). */
static unsigned put_operands(uint8_t *p, const union trace_slot *s)
{
    const uint8_t *ext = s[1].raw;     /* the slots after s: see drain_event */
    unsigned n = 0;
    switch (s->e.ev) {
    case TRACE_EV_LOST:
    case TRACE_EV_MARK:
    case TRACE_EV_MASK:
        return put_varint(p, s->e.x);
    case TRACE_EV_TASK_CREATE:
        p[0] = s->e.peer;
        p[1] = s->e.aux;
        while (n < 15 && ext[n]) {
            p[3 + n] = ext[n];
            n++;
        }
        p[2] = (uint8_t)n;
        return 3 + n;
    case TRACE_EV_TASK_EXIT:    /* zigzag: small negative statuses stay small */
        return put_varint(p, (uint32_t)((int32_t)s->e.x * 2) ^
                             (uint32_t)((int32_t)s->e.x >> 31));
    case TRACE_EV_TASK_FAULT:
        n = put_varint(p, s->e.x);
        return n + put_varint(p + n, get_le32(ext));
    case TRACE_EV_CALL_BLOCK:
        p[0] = s->e.peer;
        return 1;
    case TRACE_EV_BLOCK:
    case TRACE_EV_IRQ:
    case TRACE_EV_CHAN_OPEN:
    case TRACE_EV_CHAN_CLOSE:
    case TRACE_EV_CHAN_BLOCK:
        p[0] = s->e.aux;
        return 1;
    case TRACE_EV_CHAN_XFER:
        p[0] = s->e.aux;
        p[1] = s->e.peer;
        return 2 + put_varint(p + 2, s->e.x);
    case TRACE_EV_SYSCALL_ERR:     /* recorded as returned: negative */
        p[0] = s->e.aux;
        return 1 + put_varint(p + 1, -s->e.x);
    case TRACE_EV_IRQ_CTL:
        p[0] = s->e.aux;
        p[1] = (uint8_t)s->e.x;
        return 2;
    case TRACE_EV_DEADLOCK:
        p[n++] = s->e.aux;
        for (unsigned i = 0; i < s->e.aux; i++)
            p[n++] = ext[i];
        return n;
    default:    /* notify send/deliver and the async events: a task, a word */
        p[0] = s->e.peer;
        return 1 + put_varint(p + 1, s->e.x);
    }
}

/* A transfer is written from the point of view of the running task when
 * it is the receiver: a MSG_TAKE, or a CHAN_XFER with TRACE_PORT_RECV, so
 * that the subject stays implied. Rewrites s in place for that. */
static void receiver_view(union trace_slot *s, uint8_t cur)
{
    uint8_t from = s->e.subj, to = s->e.peer;
    if (from == cur || to != cur)
        return;
    if (s->e.ev == TRACE_EV_CHAN_XFER) {
        s->e.aux |= TRACE_PORT_RECV;
    } else if (s->e.ev >= TRACE_EV_MSG_SEND && s->e.ev <= TRACE_EV_MSG_REPLY) {
        s->e.x = s->e.ev - TRACE_EV_MSG_SEND;       /* the kind */
        s->e.ev = TRACE_EV_MSG_TAKE;
    } else {
        return;
    }
    s->e.subj = to;
    s->e.peer = from;
}

/* Encode event s (its extra slots follow it) into p: returns the length. */
static unsigned encode(uint8_t *p, union trace_slot *s)
{
    unsigned n = 0;
    receiver_view(s, wire.cur);
    uint8_t ev = s->e.ev;
    if (has_subject(ev) && s->e.subj != wire.cur) {
        p[n++] = TRACE_EV_SUBJ;
        p[n++] = s->e.subj;
    }
    bool short_form = is_short_class(ev) && s->e.peer < TRACE_SHORT_TASKS;
    if (ev == TRACE_EV_MSG_TAKE) {
        p[n++] = ev;
    } else if (short_form) {
        p[n++] = (uint8_t)((ev - TRACE_SHORT_BASE) << 5 | s->e.peer);
    } else {
        p[n++] = ev;
    }
    uint64_t t = s->e.ts >> TRACE_TS_SHIFT;
    n += put_varint(p + n, t > wire.last ? t - wire.last : 0);
    if (ev == TRACE_EV_MSG_TAKE) {
        p[n++] = s->e.peer;
        p[n++] = (uint8_t)s->e.x;
    } else if (is_short_class(ev)) {
        if (!short_form)
            p[n++] = s->e.peer;
    } else {
        n += put_operands(p + n, s);
    }
    return n;
}

/* ---- the drain ---- */

/* Move the oldest event of the ring into the open frame, or into a new
 * one if it does not fit. Its slots are copied out first: the ring may
 * wrap between an event and its extra slots. */
static void drain_event(void)
{
    struct trace_ring *r = &trace_ring;
    union trace_slot s[1 + (TASK_MAX + 15) / 16];
    s[0] = *trace_slot_at(r->tail);
    unsigned slots = 1 + trace_ext_slots(s[0].e.ev, s[0].e.aux);
    for (unsigned i = 1; i < slots && i < sizeof(s) / sizeof(s[0]); i++)
        s[i] = *trace_slot_at(r->tail + i);
    r->tail += slots;

    uint8_t p[EVENT_MAX];
    unsigned n = encode(p, s);
    if (wire.len && wire.len + n + 2 > FRAME_BYTES)
        frame_end();
    if (!wire.len)
        frame_begin_events();
    for (unsigned i = 0; i < n; i++)
        wire.buf[wire.len++] = p[i];
    /* What the decoder now knows. */
    if (s[0].e.ev == TRACE_EV_SWITCH)
        wire.cur = s[0].e.peer;
    uint64_t t = s[0].e.ts >> TRACE_TS_SHIFT;
    if (t > wire.last)
        wire.last = t;
    wire.index++;
}

static void meta_send(void);

void trace_drain(void)
{
    if (wire.draining)
        return;                 /* printk inside the drain: no recursion */
    wire.draining = true;
    struct trace_ring *r = &trace_ring;
    for (;;) {
        if (r->head == r->tail)
            trace_flush_lost();
        if (r->head == r->tail)
            break;
        drain_event();
    }
    frame_end();
    /* Metadata only with the ring empty: its snapshot of the tasks is then
     * exactly the state after the last event sent. */
    if (trace_get_mask() && sched_ticks - wire.meta_tick >= TRACE_META_TICKS)
        wire.meta_due = true;
    if (wire.meta_due && trace_get_mask())
        meta_send();
    wire.draining = false;
}

/* ---- metadata: names, clock, and a snapshot of the tasks ---- */

static void meta_begin(uint8_t part)
{
    frame_boot();
    wire.buf[0] = TRACE_VERSION << 4 | TRACE_FRAME_META;
    wire.buf[1] = wire.seq;
    wire.buf[2] = part;
    wire.len = 3;
}

/* Append one record (tag, length, payload), starting a new part when the
 * frame is full. Bit 7 of the part byte marks the last part. */
static void meta_record(uint8_t tag, const uint8_t *payload, unsigned n)
{
    if (wire.len + 2 + n + 2 > FRAME_BYTES) {
        uint8_t part = wire.buf[2];
        frame_end();
        meta_begin((uint8_t)(part + 1));
    }
    wire.buf[wire.len++] = tag;
    wire.buf[wire.len++] = (uint8_t)n;
    for (unsigned i = 0; i < n; i++)
        wire.buf[wire.len++] = payload[i];
}

static unsigned put_name(uint8_t *p, const char *name, unsigned max)
{
    unsigned n = 0;
    for (; n < max && name[n]; n++)
        p[n] = (uint8_t)name[n];
    return n;
}

static void meta_machine(void)
{
    uint8_t p[64];
    meta_record(TRACE_META_ARCH, p, put_name(p, ARCH_NAME, 16));
    unsigned n = 0;
    p[n++] = TRACE_TS_SHIFT;
    n += put_varint(p + n, ARCH_TICK_HZ);
    n += put_varint(p + n, arch_cycles());
    n += put_varint(p + n, sched_ticks);
    n += put_varint(p + n, trace_ring.boot_cycles);
    n += put_varint(p + n, trace_ring.boot_ticks);
    meta_record(TRACE_META_CLOCK, p, n);
    n = put_varint(p, trace_get_mask());
    n += put_varint(p + n, TRACE_BUILD_MASK & TRACE_CAT_ALL);
    meta_record(TRACE_META_MASK, p, n);
    n = put_varint(p, trace_ring.recorded);
    n += put_varint(p + n, trace_ring.lost_total);
    meta_record(TRACE_META_COUNTERS, p, n);
}

/* What t is doing, as TRACE_STATE_* and TRACE_WAIT_* (and for whom). */
static void task_state(struct task *t, uint8_t *state, uint8_t *wait, uint8_t *peer)
{
    static const uint8_t states[] = {
        [TASK_RUNNING] = TRACE_STATE_RUNNING, [TASK_READY] = TRACE_STATE_READY,
        [TASK_BLOCKED] = TRACE_STATE_BLOCKED,
    };
    static const uint8_t waits[] = {
        [BLOCK_NONE] = TRACE_WAIT_NONE,       [BLOCK_SLEEP] = TRACE_WAIT_SLEEP,
        [BLOCK_CONSOLE] = TRACE_WAIT_CONSOLE, [BLOCK_SEND] = TRACE_WAIT_SEND,
        [BLOCK_CALL] = TRACE_WAIT_CALL,       [BLOCK_RECV] = TRACE_WAIT_RECV,
        [BLOCK_REPLY] = TRACE_WAIT_REPLY,     [BLOCK_CHANNEL] = TRACE_WAIT_CHANNEL,
    };
    enum task_block why = sched_blocked_on(t);
    *state = states[t->state];
    *wait = waits[why];
    *peer = TRACE_NO_TASK;
    if (why == BLOCK_CHANNEL) {
        struct task *other = deadlock_waits_for(t);
        *peer = other ? (uint8_t)other->id : TRACE_NO_TASK;
    } else if (why >= BLOCK_SEND && why <= BLOCK_REPLY) {
        *peer = (uint8_t)ipc_wait_peer(t);   /* IPC_ANY (0) for an open receive */
    }
}

static void meta_tasks(void)
{
    for (int id = 0; id < TASK_MAX; id++) {      /* a slot: the trace's short id */
        struct task *t = task_at(id);
        if (!t)
            continue;
        uint8_t p[5 + TASK_NAME_MAX];
        p[0] = (uint8_t)id;
        p[1] = (uint8_t)t->priority;
        task_state(t, &p[2], &p[3], &p[4]);
        meta_record(TRACE_META_TASK, p, 5 + put_name(p + 5, t->name, TASK_NAME_MAX - 1));
        for (task_t from = 0; from < TASK_MAX; from++) {
            if (!t->notify_from[from])
                continue;
            uint8_t q[8] = { (uint8_t)id, (uint8_t)from };
            meta_record(TRACE_META_PENDING, q, 2 + put_varint(q + 2, t->notify_from[from]));
        }
    }
}

/* Ports have no names of their own: each is named after the tasks the
 * manifest lets use it, "sender>receiver", and the grants are sent whole. */
static void meta_ports(void)
{
    for (uint32_t port = 0; port < CHANNEL_PORTS; port++) {
        uint32_t senders = 0, receivers = 0;
        const char *sname = "", *rname = "";
        for (task_t id = TASK_MAX - 1; id > 0; id--) {
            struct task *t = task_lookup(id);
            if (!t || !t->grants)
                continue;
            if (t->grants->send_ports & (1u << port)) {
                senders |= 1u << id;
                sname = t->name;
            }
            if (t->grants->recv_ports & (1u << port)) {
                receivers |= 1u << id;
                rname = t->name;
            }
        }
        if (!senders && !receivers)
            continue;
        uint8_t p[1 + 5 + 5 + 2 * TASK_NAME_MAX];
        unsigned n = 0;
        p[n++] = (uint8_t)port;
        n += put_varint(p + n, senders);
        n += put_varint(p + n, receivers);
        n += put_name(p + n, sname, TASK_NAME_MAX - 1);
        p[n++] = '>';
        n += put_name(p + n, rname, TASK_NAME_MAX - 1);
        meta_record(TRACE_META_PORT, p, n);
    }
}

static void meta_send(void)
{
    frame_end();
    meta_begin(0);
    meta_machine();
    meta_tasks();
    meta_ports();
    wire.buf[2] |= 0x80;        /* the last part */
    frame_end();
    wire.meta_due = false;
    wire.meta_tick = sched_ticks;
}
