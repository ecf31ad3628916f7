/* trace_ring.h - what kernel/trace.c (recording, control) and
 * kernel/trace_wire.c (the drain: frames on the UART) share: the ring of
 * 16-byte records and the build-time settings. Not for other files. */
#ifndef KERNEL_TRACE_RING_H
#define KERNEL_TRACE_RING_H

#include <stdint.h>
#include <stdbool.h>
#include <baton/trace.h>

/* Records the ring holds (a power of two): 16 KiB by default. */
#ifndef TRACE_RING_SLOTS
#define TRACE_RING_SLOTS 1024
#endif
/* Timestamps on the wire count units of 2^TRACE_TS_SHIFT cycles. */
#ifndef TRACE_TS_SHIFT
#define TRACE_TS_SHIFT 0
#endif
/* The run-time mask at boot, unless a boot argument says otherwise. Off by
 * default: a person running QEMU without the viewer sees only text. */
#ifndef TRACE_DEFAULT_MASK
#define TRACE_DEFAULT_MASK 0
#endif
/* Metadata is repeated this often (timer ticks), for viewers that attach
 * late; and whenever tracing is switched on or the host asks. */
#ifndef TRACE_META_TICKS
#define TRACE_META_TICKS 100
#endif

_Static_assert((TRACE_RING_SLOTS & (TRACE_RING_SLOTS - 1)) == 0,
               "TRACE_RING_SLOTS must be a power of two");

/* One event as recorded: the encoding happens later, in the drain. Events
 * that carry more (a name, a cycle of tasks, a fault address) take extra
 * slots right after, used as raw bytes (trace_ext_slots() says how many). */
union trace_slot {
    struct {
        uint64_t ts;        /* arch_cycles() when it happened */
        uint8_t ev;         /* TRACE_EV_* */
        uint8_t subj;       /* the task doing it */
        uint8_t peer;       /* the other task, if any */
        uint8_t aux;        /* a small operand: port byte, kind, line... */
        uint32_t x;         /* a word operand: size, bits, status... */
    } e;
    uint8_t raw[16];
};
_Static_assert(sizeof(union trace_slot) == 16, "a slot is 16 bytes");

/* The ring: records [tail, head) wait for the drain (indices free-running). */
struct trace_ring {
    union trace_slot slot[TRACE_RING_SLOTS];
    uint32_t head, tail;
    uint32_t lost;          /* events dropped since the last LOST record */
    uint64_t lost_ts;       /* when the first of them happened */
    uint32_t recorded;      /* events stored since boot (mod 2^32) */
    uint32_t lost_total;    /* events dropped since boot (mod 2^32) */
    uint64_t boot_cycles;   /* the clock at trace_init(), for the metadata */
    uint64_t boot_ticks;
};
extern struct trace_ring trace_ring;

static inline union trace_slot *trace_slot_at(uint32_t i)
{
    return &trace_ring.slot[i & (TRACE_RING_SLOTS - 1)];
}

/* Extra slots after a record of event ev with operand aux. */
static inline unsigned trace_ext_slots(uint8_t ev, uint8_t aux)
{
    switch (ev) {
    case TRACE_EV_TASK_CREATE:
    case TRACE_EV_TASK_FAULT:
        return 1;
    case TRACE_EV_DEADLOCK:
        return (aux + 15u) / 16u;
    default:
        return 0;
    }
}

/* If events were lost and there is room now, store their LOST record
 * (kernel/trace.c): the drain calls it once the ring is empty. */
void trace_flush_lost(void);
/* Metadata is wanted (kernel/trace_wire.c): at the next drain. */
void trace_want_meta(void);

#endif
