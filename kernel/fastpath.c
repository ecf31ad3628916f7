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
 * (where arch_vm_user_stack says), aligned to its size, is mapped readable
 * and writable for as long as the task lives (task.c maps the whole stack
 * when it creates the task).
 * Anywhere else, the slow path walks the page tables. */
static bool on_user_stack(const struct task *t, uintptr_t buf)
{
    /* One test for both: the stack is a power of two in size and aligned
     * to it, so an offset with no bit outside USER_STACK_SIZE - 32 is
     * inside and aligned to 32. */
    _Static_assert((USER_STACK_SIZE & (USER_STACK_SIZE - 1)) == 0 &&
                   USER_STACK_TOP % USER_STACK_SIZE == 0 &&
                   sizeof(struct message) == 32, "on_user_stack's test");
    uintptr_t off = buf - arch_vm_user_stack(&t->vm);
    return (off & ~(uintptr_t)(USER_STACK_SIZE - sizeof(struct message))) == 0;
}

/* deliver (ipc.c), with the message still in from's registers. With the
 * direct switch, a task waiting in the register form gets it straight in
 * the registers its syscall returns (what ipc_regs_finish would write);
 * otherwise it goes to the waiting buffer. */
static inline __attribute__((always_inline))
void deliver_regs(struct task *from, const struct arch_frame *f,
                  struct task *to)
{
    if (ARCH_FASTPATH_DIRECT && to->ipc.regs_flags) {
        struct arch_frame *tf = arch_task_frame(&to->arch);
        arch_frame_set(tf, 0, OK);
        arch_frame_set(tf, 1, (uint32_t)from->id);
        arch_frame_set(tf, 2, 0);               /* in registers, not at buf */
        for (int i = 3; i < 4 + IPC_REG_WORDS; i++)
            arch_frame_set(tf, i, arch_frame_get(f, i));
    } else {
        struct message *m = to->ipc.buf;
        m->type = (int)arch_frame_get(f, 3);
        m->src = from->id;
        for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
            m->words[i] = i < IPC_REG_WORDS ? arch_frame_get(f, 4 + i) : 0;
    }
    sched_wake_next(to, OK);                    /* deliver: sched_wake */
}

/* ipc_call(dst, m), m in registers, dst waiting. Returns dst, which runs
 * next, with me blocked awaiting its reply; or NULL: not the common case. */
static inline __attribute__((always_inline))
struct task *fast_call(struct task *me, struct arch_frame *f)
{
    struct task *dst = task_lookup((task_t)arch_frame_get(f, 1));
    uintptr_t buf = arch_frame_get(f, 2);
    if (!dst ||                                 /* check_peer: else its error (and
                                                   me, running, accepts nothing) */
        !on_user_stack(me, buf) ||              /* message_at: no page walk */
        !ipc_accepts(dst, me->id) ||            /* do_call: dst waits for us */
        !sched_picks(dst))                      /* sched_switch would run dst */
        return NULL;
    me->ipc.spill = buf;                        /* ipc_syscall_regs */
    me->ipc.regs_flags = IPC_SEND | IPC_RECV;
    trace_ipc_xfer(me->id, dst->id, TRACE_MSG_CALL);   /* do_call */
    deliver_regs(me, f, dst);                   /* do_call: deliver */
    me->ipc.peer = dst->id;                     /* await_reply */
    me->ipc.buf = &me->ipc.regmsg;
    return dst;                                 /* await_reply: sched_block */
}

/* ipc_replyrecv(dst, m), m in registers, dst awaiting our reply, and
 * nothing for us to receive: no notification, no queued sender. Returns
 * dst, which runs next, with me blocked receiving; or NULL. */
static inline __attribute__((always_inline))
struct task *fast_replyrecv(struct task *me, struct arch_frame *f)
{
    struct task *dst = task_lookup((task_t)arch_frame_get(f, 1));
    uintptr_t buf = arch_frame_get(f, 2);
    if (!dst ||                                 /* check_peer (me, running, awaits
                                                   nothing) */
        !on_user_stack(me, buf) ||              /* message_at */
        !ipc_awaits_reply(dst, me->id) ||       /* do_reply: dst waits for it */
        notify_pending(me) ||                   /* do_recv step 1: none */
        !sendq_empty(&me->ipc.senders) ||       /* do_recv step 2: none */
        !sched_picks(dst))                      /* sched_switch would run dst */
        return NULL;
    me->ipc.spill = buf;                        /* ipc_syscall_regs */
    me->ipc.regs_flags = IPC_SEND | IPC_RECV | IPC_REPLY;
    trace_ipc_xfer(me->id, dst->id, TRACE_MSG_REPLY);  /* do_reply */
    deliver_regs(me, f, dst);                   /* do_reply: deliver */
    me->ipc.peer = IPC_ANY;                     /* do_recv step 5: wait_receive */
    me->ipc.buf = &me->ipc.regmsg;
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
    sched_handoff_direct(why, next);
    arch_task_resume_syscall(&me->arch);
    struct arch_frame *nf = arch_task_enter(&next->arch);
    if (!next->ipc.regs_flags)                  /* SYS_IPC: deliver_regs wrote */
        arch_frame_set(nf, 0, OK);              /* the message, not the result */
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
