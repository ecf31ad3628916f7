/* fastpath.c - the IPC fast path: the two halves of a round trip in their
 * common case, each in a straight line with a direct switch.
 *
 *   a call        a register-form ipc_call to a server already waiting for
 *                 it, which runs next
 *   a replyrecv   a server's register-form ipc_replyrecv to a client
 *                 awaiting its reply, with nothing else for the server to
 *                 receive, so it blocks, and the client runs next
 *
 * This file is not where the rules live: kernel/ipc.c is, and it is what
 * students read. Each line here stands for a step of the slow path, named
 * in its comment. Every condition of the common case is checked before
 * anything moves; if one does not hold, fastpath_ipc returns false and the
 * slow path (ipc_syscall_regs) runs the syscall from its start. So the
 * fast path can only give what the slow path gives: the same results and
 * the same trace, in fewer instructions (no run queue, no deadlock walk,
 * no page walk). `make FASTPATH=0` builds without it; the tests run both
 * and compare (docs/ipc.md, "The fast path"). */
#include "fastpath.h"
#include "ipc.h"
#include "ipc_wait.h"
#include "notify.h"
#include "sched.h"
#include "task.h"
#include "trace.h"
#include <baton/syscall.h>

/* message_at (ipc.c) without the page walk: a buffer on t's user stack
 * (where arch_vm_user_stack says), aligned to its size (ipc_on_stack:
 * task.c maps the whole stack when it creates the task). Anywhere else,
 * the slow path walks the page tables. */
static inline bool on_user_stack(const struct task *t, uintptr_t buf)
{
    return ipc_on_stack(buf, arch_vm_user_stack(&t->vm));
}

/* check_peer's task_lookup (task.h) in one load: the slot an id names,
 * taken modulo the table's size, holds a task with this very id only if
 * the id is that task's (an id whose slot is past the table matches
 * nobody). The caller compares the ids. Liveness needs no test: the fast
 * path goes on only if the task waits for us (ipc_accepts,
 * ipc_awaits_reply), and a task that waits is alive (sched_remove ends the
 * wait of one that is killed). */
static inline struct task *fast_slot(task_t id)
{
    _Static_assert((TASK_MAX & (TASK_MAX - 1)) == 0 &&
                   TASK_MAX <= 1 << TASK_GEN_SHIFT, "fast_slot's modulo");
    struct task *t = &task_table[(unsigned)id % TASK_MAX];
    /* One register for t from here: without this, clang recomputes the
     * address (a multiply) at each use. */
    __asm__("" : "+r"(t));
    return t;
}

/* deliver (ipc.c), up to its wake, with the message still in from's
 * registers. With the direct switch, a task waiting in the register form
 * gets it straight in the registers its syscall returns (what
 * ipc_regs_finish would write); otherwise it goes to the waiting buffer. */
static inline __attribute__((always_inline))
void deliver_regs(struct task *from, const struct arch_frame *f,
                  struct task *to)
{
    if (ARCH_FASTPATH_DIRECT && to->ipc.regs_flags) {
        struct arch_frame *tf = arch_task_frame(&to->arch);
        /* slot 0, the result: fastpath_ipc_trap */
        arch_frame_set(tf, 1, (uint32_t)from->id);
        arch_frame_set(tf, 2, 0);               /* in registers, not at buf */
        for (int i = 3; i < 4 + IPC_REG_WORDS && !ARCH_FASTPATH_PASS_WORDS; i++)
            arch_frame_set(tf, i, arch_frame_get(f, i));    /* else the trap
                                                   exit takes them from f */
    } else {
        struct message *m = to->ipc.buf;
        m->type = (int)arch_frame_get(f, 3);
        m->src = from->id;
        for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
            m->words[i] = i < IPC_REG_WORDS ? arch_frame_get(f, 4 + i) : 0;
    }
}

/* What both halves do once they know they are the common case: the send
 * of me's message to dst (a call's request, or a reply), traced as `how`,
 * with me then blocked waiting for `peer` in its own syscall's form. */
static inline __attribute__((always_inline))
void fast_send(struct task *me, struct arch_frame *f, struct task *dst,
               unsigned flags, int how, task_t peer)
{
    /* The checks are done: what they read is read again below rather
     * than held in registers across the send, which on i386 (six
     * registers) would cost spills; measured with make bench. */
    __asm__ volatile("" : : : "memory");
    me->ipc.spill = arch_frame_get(f, 2);       /* ipc_syscall_regs */
    me->ipc.regs_flags = flags;
    deliver_regs(me, f, dst);                   /* deliver */
    /* The site after the copy (nobody sees it before the wake), so that
     * nothing read before it is read again after it: the recording code
     * may change memory, so with the site off too, where its two ways
     * join (kernel/trace.h, "Writing a site"). */
    trace_ipc_xfer(me->id, dst->id, how);       /* do_call, do_reply */
    sched_wake_next(dst, OK);                   /* deliver: sched_wake */
    me->ipc.peer = peer;                        /* await_reply, wait_receive */
    me->ipc.buf = &me->ipc.regmsg;
}

/* The tests of the common case fail only off it: said so, the compiler
 * lays the common case out as one straight line. */
#define rarely(cond) __builtin_expect((cond), 0)

/* ipc_call(dst, m), m in registers, dst waiting. Returns dst, which runs
 * next, with me blocked awaiting its reply; or NULL: not the common case. */
static inline __attribute__((always_inline))
struct task *fast_call(struct task *me, struct arch_frame *f)
{
    task_t id = (task_t)arch_frame_get(f, 1);
    struct task *dst = fast_slot(id);
    if (rarely(dst->id != id ||                 /* check_peer: else its error (and
                                                   me, running, accepts nothing) */
               !on_user_stack(me, arch_frame_get(f, 2)) ||  /* message_at:
                                                   no page walk */
               !ipc_accepts(dst, me->id) ||     /* do_call: dst waits for us */
               !sched_picks(dst)))              /* sched_switch would run dst */
        return NULL;
    fast_send(me, f, dst, IPC_SEND | IPC_RECV, TRACE_MSG_CALL, id);
    return dst;                                 /* await_reply: sched_block */
}

/* ipc_replyrecv(dst, m), m in registers, dst awaiting our reply, and
 * nothing for us to receive: no notification, no queued sender. Returns
 * dst, which runs next, with me blocked receiving; or NULL. */
static inline __attribute__((always_inline))
struct task *fast_replyrecv(struct task *me, struct arch_frame *f)
{
    task_t id = (task_t)arch_frame_get(f, 1);
    struct task *dst = fast_slot(id);
    if (rarely(dst->id != id ||                 /* check_peer (me, running,
                                                   awaits nothing) */
               !on_user_stack(me, arch_frame_get(f, 2)) ||  /* message_at */
               !ipc_awaits_reply(dst, me->id) ||    /* do_reply: dst waits */
               notify_pending(me) ||            /* do_recv step 1: none */
               !sendq_empty(&me->ipc.senders) ||    /* do_recv step 2: none */
               !sched_picks(dst)))              /* sched_switch would run dst */
        return NULL;
    fast_send(me, f, dst, IPC_SEND | IPC_RECV | IPC_REPLY, TRACE_MSG_REPLY,
              IPC_ANY);                         /* do_recv step 5: wait_receive */
    trace_ipc_recv_block(me->id, IPC_ANY);
    return dst;                                 /* wait_receive: sched_block */
}

/* The common case of the syscall in f, or NULL. */
static inline __attribute__((always_inline))
struct task *fast_ipc(struct task *me, struct arch_frame *f, enum task_block *why)
{
    uint32_t word = arch_frame_get(f, 0);
    if (word == (SYS_IPC_REGS | (IPC_SEND | IPC_RECV) << SYSCALL_FLAGS_SHIFT)) {
        *why = BLOCK_REPLY;
        return fast_call(me, f);
    }
    if (word == (SYS_IPC_REGS |
                 (IPC_SEND | IPC_RECV | IPC_REPLY) << SYSCALL_FLAGS_SHIFT)) {
        *why = BLOCK_RECV;
        return fast_replyrecv(me, f);
    }
    return NULL;
}

/* With arch_switch (the simulator): called from the SYS_IPC_REGS handler. */
bool fastpath_ipc(struct task *me, struct arch_frame *f, error_t *err)
{
    enum task_block why;
    struct task *next;
    if (!FASTPATH || ARCH_FASTPATH_DIRECT || !(next = fast_ipc(me, f, &why)))
        return false;
    *err = sched_handoff(why, next);
    return true;
}

#if ARCH_FASTPATH_DIRECT
/* Direct (the ports): called by the trap entry for SYS_IPC_REGS before any
 * dispatch. next's syscall ends here, as its slow path's would have
 * (trap_syscall: the results in its frame; no error to trace, nobody to
 * preempt it), and the trap returns to user mode through next's frame.
 * Our own syscall ends in fastpath_resumed if a slow path wakes us, or
 * here, run by our peer, if its fast path does. */
struct arch_frame *fastpath_ipc_trap(struct arch_frame *f)
{
    struct task *me = task_current, *next;
    enum task_block why;
    if (!FASTPATH || !(next = fast_ipc(me, f, &why)))
        return NULL;
    arch_task_resume_syscall(&me->arch);
    struct arch_frame *nf = arch_task_enter(&next->arch);
    arch_frame_set(nf, 0, OK);                  /* next's result */
    sched_handoff_direct(me, why, next);        /* await_reply, wait_receive:
                                                   sched_block, and next runs */
    return nf;
}

/* A task blocked by fastpath_ipc_trap, woken by a slow path and switched to:
 * the end of trap_syscall for it. */
void fastpath_resumed(struct arch_frame *f)
{
    struct task *me = task_current;
    error_t err = me->wake_result;
    arch_frame_set(f, 0, (uint32_t)err);
    ipc_regs_finish(me, f, err);
    /* From memory, not me and err: kept across the call for the site
     * alone, they would cost registers (kernel/trace.h, "Writing a site"). */
    trace_syscall_ret(task_current->id, SYS_IPC_REGS, task_current->wake_result);
    sched_preempt_check();
}
#endif
