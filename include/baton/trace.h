/* trace.h - the trace stream's shared names: categories, event codes, wire
 * constants and SYS_TRACE_CTL operations. The kernel's encoder
 * (kernel/trace.c), the user library (user/lib/trace.c) and the host decoder
 * (tracer/) all use these numbers; docs/trace-format.md specifies them. */
#ifndef BATON_TRACE_H
#define BATON_TRACE_H

/* ---- categories: what a run-time or build-time mask switches ---- */
enum trace_category {
    TRACE_I_SCHED,      /* context switch, wake, block (sleep, console) */
    TRACE_I_TASK,       /* task create, exit, fault */
    TRACE_I_IPC,        /* messages: send, call, reply; send/receive block */
    TRACE_I_NOTIFY,     /* notification send and delivery */
    TRACE_I_IRQ,        /* device interrupts */
    TRACE_I_CHAN,       /* channel open, close, block, transfer */
    TRACE_I_ASYNC,      /* async library: enqueue, pull, deliver, full */
    TRACE_I_ERR,        /* deadlock refused, syscall errors */
    TRACE_I_USER,       /* user marks (trace_mark) */
    TRACE_CATS
};

#define TRACE_CAT_SCHED  (1u << TRACE_I_SCHED)
#define TRACE_CAT_TASK   (1u << TRACE_I_TASK)
#define TRACE_CAT_IPC    (1u << TRACE_I_IPC)
#define TRACE_CAT_NOTIFY (1u << TRACE_I_NOTIFY)
#define TRACE_CAT_IRQ    (1u << TRACE_I_IRQ)
#define TRACE_CAT_CHAN   (1u << TRACE_I_CHAN)
#define TRACE_CAT_ASYNC  (1u << TRACE_I_ASYNC)
#define TRACE_CAT_ERR    (1u << TRACE_I_ERR)
#define TRACE_CAT_USER   (1u << TRACE_I_USER)
#define TRACE_CAT_ALL    ((1u << TRACE_CATS) - 1)

/* Their names, in TRACE_I_* order: boot arguments ("trace=ipc,sched"), the
 * host's commands and the decoder's output use them. */
#define TRACE_CATEGORY_NAMES \
    { "sched", "task", "ipc", "notify", "irq", "chan", "async", "err", "user" }

/* The categories compiled in (make TRACE=...): the others cost nothing at
 * all. The Makefile passes it to the kernel and the user library. */
#ifndef TRACE_BUILD_MASK
#define TRACE_BUILD_MASK TRACE_CAT_ALL
#endif

/* ---- events: one code each; on the wire codes 0x02..0x1e are the
 * explicit forms, 0x20..0xff the short forms (see TRACE_SHORT_*) ---- */
enum trace_event {
    TRACE_EV_SUBJ          = 0x01, /* prefix: the next event's subject */
    TRACE_EV_LOST          = 0x02, /* ring overflow: count events dropped */
    TRACE_EV_TASK_CREATE   = 0x03,
    TRACE_EV_TASK_EXIT     = 0x04,
    TRACE_EV_TASK_FAULT    = 0x05,
    TRACE_EV_SWITCH        = 0x06, /* = TRACE_SHORT_BASE + class 1 */
    TRACE_EV_WAKE          = 0x07,
    TRACE_EV_MSG_SEND      = 0x08, /* rendezvous: a plain send */
    TRACE_EV_MSG_CALL      = 0x09, /* rendezvous: a call's request */
    TRACE_EV_MSG_REPLY     = 0x0a, /* rendezvous: the reply to a call */
    TRACE_EV_RECV_BLOCK    = 0x0b,
    TRACE_EV_SEND_BLOCK    = 0x0c, /* = TRACE_SHORT_BASE + class 7 */
    TRACE_EV_CALL_BLOCK    = 0x0d,
    TRACE_EV_MSG_TAKE      = 0x0e, /* wire only: a MSG_* seen from the receiver */
    TRACE_EV_BLOCK         = 0x0f, /* sleep or console read */
    TRACE_EV_NOTIFY_SEND   = 0x10,
    TRACE_EV_NOTIFY_DELIVER = 0x11,
    TRACE_EV_IRQ           = 0x12,
    TRACE_EV_CHAN_OPEN     = 0x13,
    TRACE_EV_CHAN_CLOSE    = 0x14,
    TRACE_EV_CHAN_BLOCK    = 0x15,
    TRACE_EV_CHAN_XFER     = 0x16,
    TRACE_EV_DEADLOCK      = 0x17,
    TRACE_EV_SYSCALL_ERR   = 0x18,
    TRACE_EV_ASYNC_ENQUEUE = 0x19,
    TRACE_EV_ASYNC_PULL    = 0x1a,
    TRACE_EV_ASYNC_DELIVER = 0x1b,
    TRACE_EV_ASYNC_FULL    = 0x1c,
    TRACE_EV_MARK          = 0x1d,
    TRACE_EV_MASK          = 0x1e, /* the run-time mask changed */
    TRACE_EV_IRQ_CTL       = 0x1f, /* a line masked, acknowledged, released... */
    TRACE_EV_COUNT
};

/* Short forms: one byte, class in bits 7..5 (1..7), task id in bits 4..0.
 * Class k stands for explicit event TRACE_SHORT_BASE + k. */
#define TRACE_SHORT_BASE   0x05
#define TRACE_SHORT_FIRST  0x20
#define TRACE_SHORT_TASKS  32       /* ids 0..31 have a short form */

/* What a blocked task waits for (BLOCK events, metadata task records). */
enum trace_wait {
    TRACE_WAIT_NONE,
    TRACE_WAIT_SLEEP,
    TRACE_WAIT_CONSOLE,
    TRACE_WAIT_SEND,        /* sending a message to peer */
    TRACE_WAIT_CALL,        /* sending a call to peer */
    TRACE_WAIT_RECV,        /* receiving from peer (0: from anyone) */
    TRACE_WAIT_REPLY,       /* awaiting the reply of peer */
    TRACE_WAIT_CHANNEL,     /* on a channel end, for peer (the other end) */
};

/* What TRACE_EV_IRQ_CTL says happened to a line (its operand `op`). */
enum trace_irq_op {
    TRACE_IRQ_ACQUIRED = 1, /* subject took the line (irq_acquire) */
    TRACE_IRQ_MASKED,       /* the kernel masked it: an interrupt for subject */
    TRACE_IRQ_ACKED,        /* subject acknowledged it: unmasked (irq_ack) */
    TRACE_IRQ_RELEASED,     /* subject died: masked, and back to the kernel */
};

/* Task states in metadata task records. */
enum trace_state {
    TRACE_STATE_UNKNOWN,
    TRACE_STATE_RUNNING,
    TRACE_STATE_READY,
    TRACE_STATE_BLOCKED,
    TRACE_STATE_DEAD,       /* never sent: the decoder's own */
};

/* ---- frames ---- */
#define TRACE_VERSION      1
#define TRACE_FRAME_EVENTS 0
#define TRACE_FRAME_META   1
#define TRACE_FRAME_BOOT   2        /* the first frame of a boot: all restarts here */
#define TRACE_FRAME_MAX    1024     /* decoded bytes, header and CRC included */
#define TRACE_NO_TASK      0xff     /* "unknown" in a frame's current task */

/* The port byte of channel events: port in bits 5..0, the subject's end in
 * bit 6 (1: receive), for CHAN_XFER bit 7 = shared memory (0: registers). */
#define TRACE_PORT_MASK    0x3f
#define TRACE_PORT_RECV    0x40
#define TRACE_PORT_SHARED  0x80

/* Metadata record tags: tag, length, payload. */
enum trace_meta_tag {
    TRACE_META_ARCH = 1,    /* the arch's name */
    TRACE_META_CLOCK,       /* shift, tick Hz, cycles, ticks, cycles/s */
    TRACE_META_MASK,        /* enabled mask, built mask */
    TRACE_META_TASK,        /* id, priority, state, wait, peer, name */
    TRACE_META_PORT,        /* port, sender ids, receiver ids, name */
    TRACE_META_PENDING,     /* task, from, bits: notifications pending */
    TRACE_META_COUNTERS,    /* events recorded, events lost, since boot */
};

/* ---- SYS_TRACE_CTL(op, a, b, c) ---- */
enum trace_ctl_op {
    TRACE_CTL_GET,          /* () -> the enabled mask */
    TRACE_CTL_SET,          /* (mask) -> the previous mask */
    TRACE_CTL_RECORD,       /* (event, peer, value) -> OK: a user event */
    TRACE_CTL_HOST_RX,      /* (buf, len, cap) -> new len: host commands taken
                             * out of a UART driver's input (docs/interrupts.md) */
};

#endif
