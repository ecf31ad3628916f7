/* trace.h - tracepoints: one inline function per event of docs/trace-format.md.
 *
 * A tracepoint whose category is compiled out (make TRACE=...) is nothing at
 * all; one switched off at run time costs a load and a branch (a byte of
 * trace_on); one switched on stores a 16-byte record in a RAM ring. The ring
 * reaches the UART only through trace_drain(), never on the IPC path.
 * Callers run with interrupts off, as every kernel path does. */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>
#include <stdbool.h>
#include <baton/types.h>
#include <baton/trace.h>

struct task;
struct arch_frame;

/* trace_on[TRACE_I_x] is 1 while category x is recorded. Bytes rather
 * than a mask word so that the test is one load and one branch. */
extern uint8_t trace_on[TRACE_CATS];

#define TRACE_ON(cat) \
    ((TRACE_BUILD_MASK & (1u << TRACE_I_##cat)) && trace_on[TRACE_I_##cat])

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

/* ---- tracepoints, by category ---- */

/* sched: prev stops running and next runs (sched_switch). */
static inline void trace_switch(task_t prev, task_t next)
{
    if (TRACE_ON(SCHED))
        trace_put(TRACE_EV_SWITCH, prev, next, 0, 0);
}

/* sched: a blocked task t becomes ready (sched_wake). */
static inline void trace_wake(task_t t)
{
    if (TRACE_ON(SCHED))
        trace_put(TRACE_EV_WAKE, 0, t, 0, 0);
}

/* sched: t blocks for anything but IPC; why is a kernel BLOCK_* value,
 * which the record keeps as a TRACE_WAIT_* (kernel/trace.c). */
void trace_put_block(task_t t, int why);
static inline void trace_block(task_t t, int why)
{
    if (TRACE_ON(SCHED))
        trace_put_block(t, why);
}

/* task: id was created by `creator` (0 at boot) with its name. */
static inline void trace_task_create(task_t creator, task_t id, int prio,
                                     const char *name)
{
    if (TRACE_ON(TASK))
        trace_put_create(creator, id, prio, name);
}

static inline void trace_task_exit(task_t id, int status)
{
    if (TRACE_ON(TASK))
        trace_put(TRACE_EV_TASK_EXIT, id, 0, 0, (uint32_t)status);
}

static inline void trace_task_fault(task_t id, uintptr_t pc, uintptr_t addr)
{
    if (TRACE_ON(TASK))
        trace_put_fault(id, pc, addr);
}

/* ipc: the rendezvous of a message from `from` to `to`. */
enum trace_msg_kind { TRACE_MSG_SEND, TRACE_MSG_CALL, TRACE_MSG_REPLY };
static inline void trace_ipc_xfer(task_t from, task_t to, int kind)
{
    if (TRACE_ON(IPC))
        trace_put((uint8_t)(TRACE_EV_MSG_SEND + kind), from, to, 0, 0);
}

/* ipc: me blocks sending (or calling) to dst: dst is not receiving. */
static inline void trace_ipc_send_block(task_t me, task_t dst, bool call)
{
    if (TRACE_ON(IPC))
        trace_put(call ? TRACE_EV_CALL_BLOCK : TRACE_EV_SEND_BLOCK, me, dst, 0, 0);
}

/* ipc: me blocks receiving from src (IPC_ANY: anyone). The wait for a
 * call's reply is not recorded: the call event already implies it. */
static inline void trace_ipc_recv_block(task_t me, task_t src)
{
    if (TRACE_ON(IPC))
        trace_put(TRACE_EV_RECV_BLOCK, me, src, 0, 0);
}

/* notify: from (0: the kernel, timers and interrupts) ORs bits into to. */
static inline void trace_notify_send(task_t from, task_t to, uint32_t bits)
{
    if (TRACE_ON(NOTIFY))
        trace_put(TRACE_EV_NOTIFY_SEND, from, to, 0, bits);
}

/* notify: to takes the bits that `from` sent (a receive or notification_rcv). */
static inline void trace_notify_deliver(task_t to, task_t from, uint32_t bits)
{
    if (TRACE_ON(NOTIFY))
        trace_put(TRACE_EV_NOTIFY_DELIVER, to, from, 0, bits);
}

/* irq: device interrupt `line` (the port's number) arrived. */
static inline void trace_irq(int line)
{
    if (TRACE_ON(IRQ))
        trace_put(TRACE_EV_IRQ, 0, 0, (uint8_t)line, 0);
}

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

static inline void trace_chan_open(task_t t, uint32_t port, int dir)
{
    if (TRACE_ON(CHAN))
        trace_put(TRACE_EV_CHAN_OPEN, t, 0, trace_port_byte(port, dir), 0);
}

static inline void trace_chan_close(task_t t, uint32_t port, int dir)
{
    if (TRACE_ON(CHAN))
        trace_put(TRACE_EV_CHAN_CLOSE, t, 0, trace_port_byte(port, dir), 0);
}

static inline void trace_chan_block(task_t t, uint32_t port, int dir)
{
    if (TRACE_ON(CHAN))
        trace_put(TRACE_EV_CHAN_BLOCK, t, 0, trace_port_byte(port, dir), 0);
}

/* chan: the rendezvous on port: size bytes from `from` to `to`, in
 * registers or (shared) through the channel's page. */
static inline void trace_chan_xfer(task_t from, task_t to, uint32_t port,
                                   uint32_t size, bool shared)
{
    if (TRACE_ON(CHAN))
        trace_put(TRACE_EV_CHAN_XFER, from, to,
                  (uint8_t)((port & TRACE_PORT_MASK) | (shared ? TRACE_PORT_SHARED : 0)),
                  size);
}

/* err: a blocking operation of me on target was refused: it would have
 * closed the cycle me -> target -> ... -> me (recorded whole). */
static inline void trace_deadlock(struct task *me, struct task *target)
{
    if (TRACE_ON(ERR))
        trace_put_deadlock(me, target);
}

/* err: syscall number sysno of task t returns ret; recorded when ret is an
 * error (negative). */
static inline void trace_syscall_ret(task_t t, uint32_t sysno, long ret)
{
    if (TRACE_ON(ERR) && ret < 0)
        trace_put(TRACE_EV_SYSCALL_ERR, t, 0, (uint8_t)sysno, (uint32_t)-ret);
}

#endif
