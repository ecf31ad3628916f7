/* decode.h - the trace decoder: stream bytes in, console text and events
 * out, with the names and clock that metadata frames carry. Counts every
 * event, lost (ring overflow), missing (frames lost on the way) and corrupt
 * frame, so that nothing goes unaccounted for. docs/trace-format.md. */
#ifndef TRACER_DECODE_H
#define TRACER_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <baton/trace.h>
#include "wire.h"

#define TR_NO_TASK  TRACE_NO_TASK
#define TR_IDS      256         /* task ids the wire can name */
#define TR_PORTS    64
#define TR_NAME_MAX 32

/* The decoder's own event type, after the wire's: a complete metadata set
 * (every part received), carried as its raw TASK and PENDING records. */
#define TR_EV_SNAPSHOT 0x40
/* ... and a restart of the kernel (docs/trace-format.md, "Boot"): a = the
 * number of restarts so far, aux = 1 if inferred (a trace without BOOT
 * frames). Its time is where the new run's times begin. */
#define TR_EV_RESTART  0x41

/* One decoded event: 24 bytes. The wire's MSG_TAKE comes out as the
 * MSG_SEND/CALL/REPLY it stands for, and CHAN_XFER always from -> to, so
 * that an event reads the same whichever form the encoder chose. */
struct tr_event {
    uint64_t ts;        /* cycles (the wire's units << shift) */
    uint8_t type;       /* TRACE_EV_* or TR_EV_SNAPSHOT */
    uint8_t subj;       /* who does it (from, for transfers); TR_NO_TASK */
    uint8_t peer;       /* the other task (to, for transfers); TR_NO_TASK */
    uint8_t aux;        /* port byte, prio, wait, line, sysno, cycle length */
    uint32_t a;         /* size, bits, value, count, status, pc, error */
    uint32_t b;         /* fault address; for the model: its extra's offset */
};

/* Bytes an event carries beyond struct tr_event: a created task's name, a
 * deadlock's cycle (the task ids after the subject), a snapshot's records. */
struct tr_extra {
    const uint8_t *p;
    size_t n;
};

struct tr_decoder;
struct tr_decode_ops {
    void (*event)(void *ctx, const struct tr_event *ev, const struct tr_extra *x);
    void (*text)(void *ctx, const uint8_t *p, size_t n);    /* may be NULL */
    void (*meta)(void *ctx, const struct tr_decoder *d);    /* may be NULL */
};

/* What metadata (and task-create events) taught us. */
struct tr_meta {
    bool have_arch, have_clock;
    char arch[TR_NAME_MAX];
    uint8_t shift;
    uint32_t tick_hz;
    uint64_t cycles, ticks, boot_cycles, boot_ticks;
    uint32_t mask, built;
    uint64_t recorded, lost_total;
    char names[TR_IDS][TR_NAME_MAX];    /* "" when unknown */
    uint8_t prio[TR_IDS];
    char port_names[TR_PORTS][TR_NAME_MAX];
    uint32_t port_senders[TR_PORTS], port_receivers[TR_PORTS];
};

struct tr_counts {
    uint64_t events;        /* decoded, LOST records included */
    uint64_t lost;          /* dropped by the kernel: sum of LOST records */
    uint64_t missing;       /* in frames that never arrived (index gaps) */
    uint64_t frames;        /* good event frames */
    uint64_t meta_frames;   /* good metadata frames */
    uint64_t seq_gaps;      /* frames that never arrived (sequence gaps) */
    uint64_t corrupt;       /* frames thrown away: damaged or malformed */
    uint64_t malformed;     /* ... of which CRC-correct but unparsable */
    uint64_t unsupported;   /* frames of another format version (skipped) */
    uint64_t boot_frames;   /* BOOT frames: the kernel started (section 2) */
    uint64_t restarts;      /* runs after the first: sequence, index and clock restarted */
    uint64_t time_back;     /* events timed before the previous one, shown at its time */
    uint64_t broken_sets;   /* metadata sets cut by another frame (counted malformed) */
    uint64_t text_bytes;    /* console text */
    uint64_t dropped_bytes; /* stream bytes of damaged frames, skipped after them */
    uint64_t event_wire_bytes;  /* bytes of good event frames, as sent */
    uint64_t meta_wire_bytes;   /* bytes of good metadata frames, as sent */
};

struct tr_decoder {
    struct tr_wire wire;
    const struct tr_decode_ops *ops;
    void *ctx;
    struct tr_meta meta;
    struct tr_counts counts;
    bool have_seq, have_index;
    uint8_t next_seq;
    uint16_t next_index;
    uint64_t last_ts;       /* of the last event: time never runs back */
    uint64_t epoch;         /* added to this run's times: where the run began */
    bool seen_boot;         /* a BOOT frame came: no restart is inferred */
    bool cur_unknown;       /* a LOST record since the last SWITCH: the
                               running task may be one a lost SWITCH made */
    /* A metadata set being collected until its last part. */
    uint8_t snap[16384];    /* 32 tasks, and 32 senders pending at each */
    size_t snap_len;
    int snap_part;          /* the part expected next, -1: none */
    uint64_t snap_ts;
};

void tr_decoder_init(struct tr_decoder *d, const struct tr_decode_ops *ops, void *ctx);
void tr_decoder_feed(struct tr_decoder *d, const uint8_t *p, size_t n);
/* End of input: counts an unfinished frame as corrupt; fills counts. */
void tr_decoder_end(struct tr_decoder *d);
/* Current counters (the wire's corrupt frames included). */
struct tr_counts tr_decoder_counts(const struct tr_decoder *d);

/* Cycles per second by the CLOCK record (docs/trace-format.md, section 5),
 * or 0 before one came or while no tick has passed. */
double tr_meta_hz(const struct tr_meta *m);
/* "name" for a task id, or "#id" when no name is known (buf: 40 bytes). */
const char *tr_task_name(const struct tr_decoder *d, unsigned id, char *buf);
/* The event type's name: "send", "chan-xfer"... */
const char *tr_event_name(unsigned type);
/* "acquired", "masked", "acked", "released": a TRACE_EV_IRQ_CTL's op. */
const char *tr_irq_op_name(unsigned op);
/* The category of an event type (TRACE_I_*), or -1 for LOST, MASK... */
int tr_event_category(unsigned type);

#endif
