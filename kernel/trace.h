/* trace.h - tracepoints: one macro per event of docs/trace-format.md.
 *
 * A tracepoint whose category is compiled out (make TRACE=...) is nothing at
 * all. One switched off at run time costs one instruction on rv32 and i386:
 * each site is a nop (the port's ARCH_TRACE_NOP) that trace_set_mask
 * patches into a jump to the recording code while its category is on; in
 * the simulator it is a load of a byte of trace_on and a branch (docs/
 * arch.md, "Patched tracepoints"). One switched on stores a 16-byte record
 * in a RAM ring. The ring reaches the UART only through trace_drain(),
 * never on the IPC path. Callers run with interrupts off, as every kernel
 * path does. */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>
#include <stdbool.h>
#include <baton/types.h>
#include <baton/trace.h>
#include <arch_types.h>    /* ARCH_TRACE_NOP, arch_trace_put */

struct task;
struct arch_frame;

/* trace_on[TRACE_I_x] is 1 while category x is recorded. Bytes rather
 * than a mask word so that the test is one load and one branch where it is
 * the test (the simulator); patched ports read it only to report the mask. */
extern uint8_t trace_on[TRACE_CATS];

#ifdef ARCH_TRACE_NOP
/* A patched site: the port's nop (ARCH_TRACE_NOP), false, until
 * trace_set_mask makes it a jump to `on` (kernel/arch.h). The section
 * lists it for that: its address, the label's, its category. */
static inline __attribute__((always_inline)) bool trace_site(unsigned cat)
{
    __asm__ goto("1:  " ARCH_TRACE_NOP "\n"
                 "    .pushsection .trace_sites, \"aw\"\n"
                 "    .balign 4\n"
                 "    .long 1b, %l[on], %c0\n"
                 "    .popsection\n"
                 : : "i"(cat) : : on);
    return false;
on:
    return true;
}
#define TRACE_SITE_ON(i) trace_site(i)
/* trace_put, called so that it changes no register (arch_types.h). */
#define TRACE_PUT(ev, subj, peer, aux, x) \
    arch_trace_put((uint8_t)(ev), (uint8_t)(subj), (uint8_t)(peer), \
                   (uint8_t)(aux), (uint32_t)(x))
/* One patched site, as trace_site lists it in .trace_sites (the
 * kernel.ld of each port brackets the section with these two symbols). */
struct trace_site {
    uintptr_t at;       /* the nop */
    uintptr_t to;       /* where it jumps while the category is on */
    uint32_t cat;       /* TRACE_I_* */
};
extern const struct trace_site __trace_sites_start[], __trace_sites_end[];
#else
#define TRACE_SITE_ON(i) trace_on[i]
#define TRACE_PUT(ev, subj, peer, aux, x) \
    trace_put((uint8_t)(ev), (subj), (peer), (uint8_t)(aux), (uint32_t)(x))
#endif

/* make TRACE_COUNT=1 (make bench only): every tracepoint passed also counts
 * itself in kinfo->trace_sites, so that the bench knows how many a round
 * trip passes: the bound on what disabled ones may cost. */
#ifdef TRACE_COUNT_SITES
void trace_count_site(void);
#define TRACE_COUNTED(x) (trace_count_site(), (x))
#else
#define TRACE_COUNTED(x) (x)
#endif

#define TRACE_ON(cat) ((TRACE_BUILD_MASK & (1u << TRACE_I_##cat)) && \
    __builtin_expect(TRACE_COUNTED(TRACE_SITE_ON(TRACE_I_##cat)), 0))

/* ---- control ---- */

/* Start tracing with the boot mask (build default or boot argument).
 * Called once by kernel_main() before any task exists. */
void trace_init(void);
/* A port passes its boot command line here before kernel_main(): a word
 * "trace=all", "trace=none", "trace=ipc,sched,..." or "trace=0x1ff" sets
 * the boot mask. Anything else on the line is ignored. */
void trace_boot_args(const char *cmdline);
/* Switch categories on and off; returns the previous mask. */
uint32_t trace_set_mask(uint32_t mask);
uint32_t trace_get_mask(void);
/* Send the ring to the UART as frames, and metadata when due. Called by the
 * idle task, and before console text so that text and events keep order. */
void trace_drain(void);
/* One byte from the serial receive line: host commands (ESC _ B ... ESC \)
 * are taken out and obeyed; every other byte goes on to input(). */
void trace_rx(char c, void (*input)(char c));
/* SYS_TRACE_CTL(op, a, b, c): see enum trace_ctl_op. */
long trace_sys_ctl(struct task *t, const uint32_t a[], struct arch_frame *f);

/* ---- the slow path: record an event (kernel/trace.c) ---- */
void trace_put(uint8_t ev, task_t subj, task_t peer, uint8_t aux, uint32_t x);
void trace_put_create(task_t creator, task_t id, int prio, const char *name);
void trace_put_fault(task_t id, uintptr_t pc, uintptr_t addr);
void trace_put_deadlock(struct task *me, struct task *target);

/* ---- tracepoints, by category ----
 * Each is a macro, trace_x(args), that tests the category and only then
 * evaluates its arguments and calls trace_rec_x(args), which records. The
 * arguments must not be computed before the test: on a patched port that
 * is all a switched-off tracepoint may cost (kernel/trace.h, top).
 *
 * Writing a site. The site is a branch the compiler cannot see through,
 * so whatever its arguments need must still be somewhere when it is
 * reached. A local needed by nothing but a site after a call (a task
 * pointer, an error code) has to outlive the call for it: the compiler
 * keeps it in a callee-saved register, and a switched-off site then costs
 * that register's save and restore as well (2 to 5 instructions, measured
 * by make bench as tracepoints_disabled_per_roundtrip). Such a site reads
 * its arguments from memory instead (task_current, the task's fields,
 * the frame), or goes before the call if the order of events allows. On
 * i386 the site's own code must also fit in the three registers a C call
 * may change, beside the values live across it: compute nothing there
 * that trace_put or the drain can compute (trace_rec_syscall_ret). */
#define TRACEPOINT(cat, record) \
    do { if (TRACE_ON(cat)) { record; } } while (0)

/* sched: prev stops running and next runs (sched_switch). */
static inline void trace_rec_switch(task_t prev, task_t next)
{
    TRACE_PUT(TRACE_EV_SWITCH, prev, next, 0, 0);
}
#define trace_switch(prev, next) TRACEPOINT(SCHED, trace_rec_switch(prev, next))

/* sched: a blocked task t becomes ready (sched_wake). */
static inline void trace_rec_wake(task_t t)
{
    TRACE_PUT(TRACE_EV_WAKE, 0, t, 0, 0);
}
#define trace_wake(t) TRACEPOINT(SCHED, trace_rec_wake(t))

/* sched: t blocks for anything but IPC; why is a kernel BLOCK_* value,
 * which the record keeps as a TRACE_WAIT_* (kernel/trace.c). */
void trace_put_block(task_t t, int why);
static inline void trace_rec_block(task_t t, int why)
{
    trace_put_block(t, why);
}
#define trace_block(t, why) TRACEPOINT(SCHED, trace_rec_block(t, why))

/* task: id was created by `creator` (0 at boot) with its name. */
static inline void trace_rec_task_create(task_t creator, task_t id, int prio,
                                         const char *name)
{
    trace_put_create(creator, id, prio, name);
}
#define trace_task_create(creator, id, prio, name) \
    TRACEPOINT(TASK, trace_rec_task_create(creator, id, prio, name))

static inline void trace_rec_task_exit(task_t id, int status)
{
    TRACE_PUT(TRACE_EV_TASK_EXIT, id, 0, 0, (uint32_t)status);
}
#define trace_task_exit(id, status) \
    TRACEPOINT(TASK, trace_rec_task_exit(id, status))

static inline void trace_rec_task_fault(task_t id, uintptr_t pc, uintptr_t addr)
{
    trace_put_fault(id, pc, addr);
}
#define trace_task_fault(id, pc, addr) \
    TRACEPOINT(TASK, trace_rec_task_fault(id, pc, addr))

/* ipc: the rendezvous of a message from `from` to `to`. */
enum trace_msg_kind { TRACE_MSG_SEND, TRACE_MSG_CALL, TRACE_MSG_REPLY };
static inline void trace_rec_ipc_xfer(task_t from, task_t to, int kind)
{
    TRACE_PUT((uint8_t)(TRACE_EV_MSG_SEND + kind), from, to, 0, 0);
}
#define trace_ipc_xfer(from, to, kind) \
    TRACEPOINT(IPC, trace_rec_ipc_xfer(from, to, kind))

/* ipc: me blocks sending (or calling) to dst: dst is not receiving. */
static inline void trace_rec_ipc_send_block(task_t me, task_t dst, bool call)
{
    TRACE_PUT(call ? TRACE_EV_CALL_BLOCK : TRACE_EV_SEND_BLOCK, me, dst, 0, 0);
}
#define trace_ipc_send_block(me, dst, call) \
    TRACEPOINT(IPC, trace_rec_ipc_send_block(me, dst, call))

/* ipc: me blocks receiving from src (IPC_ANY: anyone). The wait for a
 * call's reply is not recorded: the call event already implies it. */
static inline void trace_rec_ipc_recv_block(task_t me, task_t src)
{
    TRACE_PUT(TRACE_EV_RECV_BLOCK, me, src, 0, 0);
}
#define trace_ipc_recv_block(me, src) \
    TRACEPOINT(IPC, trace_rec_ipc_recv_block(me, src))

/* notify: from (0: the kernel, timers and interrupts) ORs bits into to. */
static inline void trace_rec_notify_send(task_t from, task_t to, uint32_t bits)
{
    TRACE_PUT(TRACE_EV_NOTIFY_SEND, from, to, 0, bits);
}
#define trace_notify_send(from, to, bits) \
    TRACEPOINT(NOTIFY, trace_rec_notify_send(from, to, bits))

/* notify: to takes the bits that `from` sent (a receive or notification_rcv). */
static inline void trace_rec_notify_deliver(task_t to, task_t from, uint32_t bits)
{
    TRACE_PUT(TRACE_EV_NOTIFY_DELIVER, to, from, 0, bits);
}
#define trace_notify_deliver(to, from, bits) \
    TRACEPOINT(NOTIFY, trace_rec_notify_deliver(to, from, bits))

/* irq: device interrupt `line` (the port's number) arrived. */
static inline void trace_rec_irq(int line)
{
    TRACE_PUT(TRACE_EV_IRQ, 0, 0, (uint8_t)line, 0);
}
#define trace_irq(line) TRACEPOINT(IRQ, trace_rec_irq(line))

/* irq: what happened to line for task t: TRACE_IRQ_MASKED (the kernel
 * masked it for t, its holder), _ACKED, _ACQUIRED or _RELEASED. */
static inline void trace_irq_ctl(task_t t, int line, int op)
{
    if (TRACE_ON(IRQ))
        trace_put(TRACE_EV_IRQ_CTL, t, 0, (uint8_t)line, (uint32_t)op);
}

/* chan: t opened, closed (or lost by dying), or blocks on its end of port. */
static inline uint8_t trace_port_byte(uint32_t port, int dir)
{
    return (uint8_t)((port & TRACE_PORT_MASK) | (dir ? TRACE_PORT_RECV : 0));
}

static inline void trace_rec_chan_open(task_t t, uint32_t port, int dir)
{
    TRACE_PUT(TRACE_EV_CHAN_OPEN, t, 0, trace_port_byte(port, dir), 0);
}
#define trace_chan_open(t, port, dir) \
    TRACEPOINT(CHAN, trace_rec_chan_open(t, port, dir))

static inline void trace_rec_chan_close(task_t t, uint32_t port, int dir)
{
    TRACE_PUT(TRACE_EV_CHAN_CLOSE, t, 0, trace_port_byte(port, dir), 0);
}
#define trace_chan_close(t, port, dir) \
    TRACEPOINT(CHAN, trace_rec_chan_close(t, port, dir))

static inline void trace_rec_chan_block(task_t t, uint32_t port, int dir)
{
    TRACE_PUT(TRACE_EV_CHAN_BLOCK, t, 0, trace_port_byte(port, dir), 0);
}
#define trace_chan_block(t, port, dir) \
    TRACEPOINT(CHAN, trace_rec_chan_block(t, port, dir))

/* chan: the rendezvous on port: size bytes from `from` to `to`, in
 * registers or (shared) through the channel's page. */
static inline void trace_rec_chan_xfer(task_t from, task_t to, uint32_t port,
                                       uint32_t size, bool shared)
{
    TRACE_PUT(TRACE_EV_CHAN_XFER, from, to,
              (uint8_t)((port & TRACE_PORT_MASK) | (shared ? TRACE_PORT_SHARED : 0)),
              size);
}
#define trace_chan_xfer(from, to, port, size, shared) \
    TRACEPOINT(CHAN, trace_rec_chan_xfer(from, to, port, size, shared))

/* err: a blocking operation of me on target was refused: it would have
 * closed the cycle me -> target -> ... -> me (recorded whole). */
static inline void trace_rec_deadlock(struct task *me, struct task *target)
{
    trace_put_deadlock(me, target);
}
#define trace_deadlock(me, target) \
    TRACEPOINT(ERR, trace_rec_deadlock(me, target))

/* err: syscall number sysno of task t returns ret; recorded when ret is an
 * error (negative). The record keeps ret as it is, and the drain sends its
 * magnitude (trace_wire.c): -ret here would need a register of its own
 * while ret is still live, which on i386 is a callee-saved one. */
static inline void trace_rec_syscall_ret(task_t t, uint32_t sysno, long ret)
{
    if (ret < 0)
        TRACE_PUT(TRACE_EV_SYSCALL_ERR, t, 0, (uint8_t)sysno, (uint32_t)ret);
}
#define trace_syscall_ret(t, sysno, ret) \
    TRACEPOINT(ERR, trace_rec_syscall_ret(t, sysno, ret))

#endif
