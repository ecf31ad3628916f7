/* ipc.c - synchronous messages addressed by task.
 *
 * A send meets a receive (rendezvous): whichever comes first blocks, the
 * second copies the message and wakes the first. Blocked senders wait in
 * their receiver's queue (sendq.c), their message already copied into the
 * kernel. A call is a send whose sender then waits for the reply; a reply
 * never blocks. The file reads top to bottom as a lab would cut it:
 *
 *   the IPC waits    wait_send, wait_receive, await_reply: the only doors
 *                    into BLOCK_SEND/CALL, BLOCK_RECV and BLOCK_REPLY
 *   rendezvous       do_send, do_recv (and take_from_queue)
 *   call and reply   do_call, do_reply, do_replyrecv (a reply, then a
 *                    receive from any: a server's loop in one syscall)
 *   the system call  ipc_syscall: checks every argument, then dispatches;
 *                    ipc_syscall_regs, the same with the message in
 *                    registers (its common cases also have a fast path,
 *                    fastpath.c, which stands for these functions)
 *
 * Tracepoints that graders read (xfer, send/recv block) are emitted here,
 * outside the queue (sendq.c) and the deadlock walk (deadlock.c). */
#include "ipc.h"
#include "ipc_wait.h"
#include "trace.h"
#include "task.h"
#include "sched.h"
#include "vm.h"
#include "notify.h"
#include "deadlock.h"
#include "printk.h"

/* ---- questions other files ask (ipc.h; the inline ones in ipc_wait.h) ---- */

bool ipc_sends_to(const struct task *t, task_t dst)
{
    return ipc_in_wait(t, BLOCK_SEND, dst) || ipc_in_wait(t, BLOCK_CALL, dst);
}

struct message *ipc_open_receive(struct task *t)
{
    return ipc_in_wait(t, BLOCK_RECV, IPC_ANY) ? t->ipc.buf : NULL;
}

task_t ipc_wait_peer(const struct task *t)
{
    switch (sched_blocked_on(t)) {
    case BLOCK_SEND: case BLOCK_CALL: case BLOCK_RECV: case BLOCK_REPLY:
        return t->ipc.peer;
    default:
        return IPC_ANY;
    }
}

struct task *ipc_waits_for(const struct task *t)
{
    task_t peer = ipc_wait_peer(t);
    /* task_lookup(IPC_ANY) would be the kernel: an open receive waits
     * for no one. */
    return peer == IPC_ANY ? NULL : task_lookup(peer);
}

struct task *ipc_queued_sender(const struct task *t, int i)
{
    return sendq_at(&t->ipc.senders, i);
}

/* How many tasks wait in some receiver's queue (SYS_KOBJECTS). */

int ipc_queued(void)
{
    int n = 0;
    for (int slot = 1; slot < TASK_MAX; slot++) {
        struct task *t = task_at(slot);
        n += t && (sched_blocked_on(t) == BLOCK_SEND || sched_blocked_on(t) == BLOCK_CALL);
    }
    return n;
}

/* ---- the IPC waits: one door each ---- */

/* Block me sending m to dst: kind is BLOCK_SEND, or BLOCK_CALL for the
 * request of a call. The message is copied into the kernel now, so the
 * receiver can take it later from any address space; buf stays the
 * sender's, where a call's reply will go. Returns what the wake says. */
static error_t wait_send(struct task *me, struct task *dst, struct message *buf,
                         enum task_block kind)
{
    me->ipc.msg = *buf;
    me->ipc.buf = buf;
    me->ipc.peer = dst->id;
    trace_ipc_send_block(me->id, dst->id, kind == BLOCK_CALL);
    sendq_push(&dst->ipc.senders, me);
    return sched_block(kind);
}

/* Block me until a message from src (or IPC_ANY: anyone, or notifications)
 * is delivered into buf. */
static error_t wait_receive(struct task *me, task_t src, struct message *buf)
{
    me->ipc.peer = src;
    me->ipc.buf = buf;
    trace_ipc_recv_block(me->id, src);
    return sched_block(BLOCK_RECV);
}

/* The caller now waits for callee's reply, into the buffer its request came
 * from. Two ways in: the caller itself, right after its request was taken
 * by a waiting callee (it blocks here); or the callee, taking the request
 * of a caller queued in BLOCK_CALL (still blocked: only what it waits for
 * changes). No trace event: the call's transfer already implies the wait. */
static error_t await_reply(struct task *caller, struct task *callee, struct message *buf)
{
    /* LAB callreply BEGIN
     * make caller wait for the reply of callee into buf (caller->ipc.peer,
     * caller->ipc.buf). Two ways in: the caller itself (caller ==
     * task_current), which blocks in BLOCK_REPLY (sched_block) and returns
     * what the wake says; or the callee, taking the request of a caller still
     * blocked in BLOCK_CALL, which only changes what the caller waits for
     * (sched_rewait(caller, BLOCK_REPLY)) and returns OK. No trace event.
     * STUB (void)caller; (void)callee; (void)buf;
     * STUB return ERR_NO_SYSCALL;
     */
    caller->ipc.peer = callee->id;
    caller->ipc.buf = buf;
    if (caller != task_current) {
        sched_rewait(caller, BLOCK_REPLY);
        return OK;
    }
    return sched_block(BLOCK_REPLY);
    /* LAB callreply END */
}

/* Copy m, from `from`, into the buffer of `to`, blocked in a receive (or
 * awaiting a reply), and wake it. One copy, between two pointers checked
 * when their syscalls began. The kernel, not the sender, says who sent it. */
static void deliver(struct task *from, struct task *to, const struct message *m)
{
    *to->ipc.buf = *m;
    to->ipc.buf->src = from->id;
    sched_wake(to, OK);
}

/* ---- rendezvous: send and receive ---- */

/* ipc_send: deliver m to dst now if it is receiving from us, else queue. */
static error_t do_send(struct task *me, struct task *dst, struct message *m,
                       unsigned flags)
{
    /* LAB rendezvous BEGIN
     * deliver m to dst now if dst is receiving from us (ipc_accepts):
     * trace_ipc_xfer(me->id, dst->id, TRACE_MSG_SEND) then deliver(); return OK.
     * Otherwise: ERR_WOULD_BLOCK under IPC_NOBLOCK; ERR_DEADLOCK if
     * deadlock_check(me, dst) says the wait would close a cycle (check before
     * anything moves); else block through wait_send(..., BLOCK_SEND) and
     * return what the wake says.
     * STUB (void)me; (void)dst; (void)m; (void)flags;
     * STUB return ERR_NO_SYSCALL;
     */
    if (ipc_accepts(dst, me->id)) {            /* the receiver waits for us */
        trace_ipc_xfer(me->id, dst->id, TRACE_MSG_SEND);
        deliver(me, dst, m);
        return OK;
    }
    if (flags & IPC_NOBLOCK)
        return ERR_WOULD_BLOCK;
    if (deadlock_check(me, dst))               /* before anything moves */
        return ERR_DEADLOCK;
    return wait_send(me, dst, m, BLOCK_SEND);
    /* LAB rendezvous END */
}

/* The receiver me takes the message of s, queued on it: a plain sender is
 * done and wakes; a caller stays blocked, now awaiting our reply. */
static error_t take_from_queue(struct task *me, struct task *s, struct message *buf)
{
    /* LAB rendezvous BEGIN
     * the receiver me takes the message of s, queued on me: out of the
     * queue (sendq_remove), copied into buf with buf->src = s->id (the kernel
     * says who sent it), traced with trace_ipc_xfer(s->id, me->id, kind), kind
     * TRACE_MSG_CALL if s is blocked in BLOCK_CALL, else TRACE_MSG_SEND. A plain
     * sender wakes with OK (sched_wake); a caller stays blocked, now awaiting
     * our reply (await_reply(s, me, s->ipc.buf)).
     * STUB (void)me; (void)s; (void)buf;
     * STUB return ERR_NO_SYSCALL;
     */
    bool call = sched_blocked_on(s) == BLOCK_CALL;
    sendq_remove(&me->ipc.senders, s);
    *buf = s->ipc.msg;
    buf->src = s->id;
    trace_ipc_xfer(s->id, me->id, call ? TRACE_MSG_CALL : TRACE_MSG_SEND);
    if (call)
        return await_reply(s, me, s->ipc.buf);
    sched_wake(s, OK);
    return OK;
    /* LAB rendezvous END */
}

/* ipc_recv from src (IPC_ANY: anyone), whose task is from (NULL for
 * IPC_ANY): the first of these that applies, in this order. */
static error_t do_recv(struct task *me, task_t src, struct task *from,
                       struct message *buf, unsigned flags)
{
    /* LAB rendezvous BEGIN
     * the first of these that applies, in this order:
     * 1. src == IPC_ANY and notifications pending: notify_take(me, buf), OK;
     * 2. a sender queued on me that src allows (sendq_empty, sendq_find: the
     *    oldest one): take_from_queue;
     * 3. IPC_NOBLOCK: ERR_WOULD_BLOCK;
     * 4. from (a receive from one task) and deadlock_check(me, from):
     *    ERR_DEADLOCK;
     * 5. block: wait_receive(me, src, buf).
     * STUB (void)me; (void)src; (void)from; (void)buf; (void)flags;
     * STUB (void)take_from_queue; (void)wait_receive;
     * STUB return ERR_NO_SYSCALL;
     */
    /* 1. Pending notifications, for an open receive only: they never wait
     *    in a queue, so taking them first cannot starve a sender, and a
     *    receive from one task must not be disturbed by them. */
    if (src == IPC_ANY && notify_take(me, buf))
        return OK;
    /* 2. A sender already queued on us: the oldest that src allows. */
    struct task *s = sendq_empty(&me->ipc.senders) ? NULL
                   : sendq_find(&me->ipc.senders, src);
    if (s)
        return take_from_queue(me, s, buf);
    /* 3. Nothing here. A poll returns; it never waits, so it cannot be
     *    part of a deadlock and needs no check. */
    if (flags & IPC_NOBLOCK)
        return ERR_WOULD_BLOCK;
    /* 4. Waiting for one task could close a cycle; waiting for anyone
     *    cannot (anyone may still send). */
    if (from && deadlock_check(me, from))
        return ERR_DEADLOCK;
    return wait_receive(me, src, buf);
    /* LAB rendezvous END */
}

/* ---- call and reply ---- */

/* ipc_call: send m to dst, then wait for its reply in m. Atomic: once the
 * request is taken, nothing but dst's reply (or its death) ends the wait. */
static error_t do_call(struct task *me, struct task *dst, struct message *m,
                       unsigned flags)
{
    /* LAB callreply BEGIN
     * send m to dst, then wait for the reply in m, atomically. dst
     * receiving from us (ipc_accepts): trace_ipc_xfer(me->id, dst->id,
     * TRACE_MSG_CALL), deliver(), then await_reply. Otherwise: ERR_WOULD_BLOCK
     * under IPC_NOBLOCK, ERR_DEADLOCK if deadlock_check(me, dst), else block as
     * a caller: wait_send(..., BLOCK_CALL) (the receiver moves us on to the
     * reply when it takes the request).
     * STUB (void)me; (void)dst; (void)m; (void)flags;
     * STUB return ERR_NO_SYSCALL;
     */
    if (ipc_accepts(dst, me->id)) {            /* the server waits for us */
        trace_ipc_xfer(me->id, dst->id, TRACE_MSG_CALL);
        deliver(me, dst, m);
        return await_reply(me, dst, m);
    }
    if (flags & IPC_NOBLOCK)
        return ERR_WOULD_BLOCK;
    if (deadlock_check(me, dst))
        return ERR_DEADLOCK;
    return wait_send(me, dst, m, BLOCK_CALL);
    /* LAB callreply END */
}

/* ipc_reply: never blocks. It goes only to a task waiting for a message
 * from us in particular: one awaiting our reply, or in ipc_recv(us). */
static error_t do_reply(struct task *me, struct task *dst, struct message *m)
{
    /* LAB callreply BEGIN
     * never block. Only to a task waiting for a message from me in
     * particular: one awaiting my reply (ipc_awaits_reply) or in ipc_recv(me)
     * (ipc_in_wait(dst, BLOCK_RECV, me->id)); anyone else: ERR_NOT_WAITING.
     * Then trace_ipc_xfer(me->id, dst->id, TRACE_MSG_REPLY), deliver(), OK.
     * STUB (void)me; (void)dst; (void)m;
     * STUB return ERR_NO_SYSCALL;
     */
    if (!ipc_awaits_reply(dst, me->id) && !ipc_in_wait(dst, BLOCK_RECV, me->id))
        return ERR_NOT_WAITING;
    trace_ipc_xfer(me->id, dst->id, TRACE_MSG_REPLY);
    deliver(me, dst, m);
    return OK;
    /* LAB callreply END */
}

/* ipc_replyrecv: reply to dst, then receive from anyone, in one syscall: a
 * server's loop. A reply that fails ends it with that error, nothing
 * received (the server learns that dst no longer waits). */
static error_t do_replyrecv(struct task *me, struct task *dst, struct message *m,
                            unsigned flags)
{
    error_t err = do_reply(me, dst, m);
    if (err != OK)
        return err;
    return do_recv(me, IPC_ANY, NULL, m, flags);
}

/* ---- the system call ---- */

/* The flags of SYS_IPC and SYS_IPC_REGS: IPC_SEND, IPC_RECV or both (a
 * call, src == dst); IPC_REPLY with IPC_SEND alone (a reply) or with both
 * (a reply-and-receive, src == IPC_ANY); IPC_NOBLOCK with any. */
static bool flags_ok(task_t dst, task_t src, unsigned flags)
{
    bool send = flags & IPC_SEND, recv = flags & IPC_RECV;
    if (flags & ~(IPC_SEND | IPC_RECV | IPC_NOBLOCK | IPC_REPLY))
        return false;
    if (flags & IPC_REPLY)
        return send && (!recv || src == IPC_ANY);
    return (send || recv) && !(send && recv && src != dst);
}

/* The peer named by id, for me: a live task other than me and the kernel.
 * ERR_INVALID_TASK for me or the kernel, ERR_NOT_FOUND for no such task. */
static error_t check_peer(struct task *me, task_t id, struct task **peer)
{
    if (id == me->id || id == 0)
        return ERR_INVALID_TASK;
    *peer = task_lookup(id);
    return *peer ? OK : ERR_NOT_FOUND;
}

/* Both forms, once the message buffer is known good: check the one peer
 * (the destination of a send, a call or a reply, or the source of a
 * receive from one task), then dispatch. */
static error_t ipc_start(struct task *me, task_t dst, task_t src,
                         struct message *buf, unsigned flags)
{
    bool send = flags & IPC_SEND, recv = flags & IPC_RECV;
    struct task *peer = NULL;
    if (send || src != IPC_ANY) {
        error_t err = check_peer(me, send ? dst : src, &peer);
        if (err != OK)
            return err;
    }
    if (!send)
        return do_recv(me, src, peer, buf, flags);
    if (flags & IPC_REPLY)
        return recv ? do_replyrecv(me, peer, buf, flags) : do_reply(me, peer, buf);
    if (recv)
        return do_call(me, peer, buf, flags);
    return do_send(me, peer, buf, flags);
}

/* A message buffer of me at ubuf, written to if write: aligned to its size
 * (ipc.h), so it lies in one page, one check; from then on the kernel
 * reaches it through one pointer. NULL if it is not me's to use. */
static struct message *message_at(struct task *me, uintptr_t ubuf, bool write)
{
    if (ubuf % sizeof(struct message))
        return NULL;
    return vm_user_ptr(me, ubuf, sizeof(struct message), write);
}

/* SYS_IPC. Every argument is checked before anything moves; the buffer for
 * both halves, so a call cannot deliver its request and then fail to take
 * the reply. */
error_t ipc_syscall(struct task *me, task_t dst, task_t src, uintptr_t ubuf,
                    unsigned flags)
{
    me->ipc.regs_flags = 0;                     /* not the register form */
    if (!flags_ok(dst, src, flags))
        return ERR_INVALID_ARG;
    struct message *buf = message_at(me, ubuf, flags & IPC_RECV);
    if (!buf)
        return ERR_BAD_ADDRESS;
    return ipc_start(me, dst, src, buf, flags);
}

/* SYS_IPC_REGS: the message comes from registers into me->ipc.regmsg, and
 * the same rules run on it there; ipc_regs_finish puts what was received
 * back into registers. */
error_t ipc_syscall_regs(struct task *me, struct arch_frame *f, unsigned flags)
{
    task_t peer = (task_t)arch_frame_get(f, 1);
    task_t src = (flags & IPC_REPLY) ? IPC_ANY : peer;
    if (!flags_ok(peer, src, flags))
        return ERR_INVALID_ARG;
    me->ipc.spill = arch_frame_get(f, 2);
    if ((flags & IPC_RECV) && !message_at(me, me->ipc.spill, true))
        return ERR_BAD_ADDRESS;
    struct message *m = &me->ipc.regmsg;
    m->type = (int)arch_frame_get(f, 3);
    m->src = 0;
    for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
        m->words[i] = i < IPC_REG_WORDS ? arch_frame_get(f, 4 + i) : 0;
    me->ipc.regs_flags = flags;
    return ipc_start(me, peer, src, m, flags);
}

void ipc_regs_finish(struct task *t, struct arch_frame *f, error_t err)
{
    const struct message *m = &t->ipc.regmsg;
    if (err != OK || !(t->ipc.regs_flags & IPC_RECV))
        return;
    arch_frame_set(f, 1, (uint32_t)m->src);
    if (!ipc_fits_in_regs(m)) {
        /* The whole of it at buf, checked when the syscall began: a
         * task's pages stay mapped as long as it lives. */
        *message_at(t, t->ipc.spill, true) = *m;
        return;
    }
    arch_frame_set(f, 2, 0);
    arch_frame_set(f, 3, (uint32_t)m->type);
    for (int i = 0; i < IPC_REG_WORDS; i++)
        arch_frame_set(f, 4 + i, m->words[i]);
}

/* ---- a task dies ---- */

/* t is dying: nobody may wait for it. Its queued senders and callers
 * wake with ERR_ABORTED (their message reached no one), and so do the
 * tasks receiving from it or awaiting its reply. */
void ipc_task_exit(struct task *t)
{
    /* LAB deadlock BEGIN
     * t is dying: nobody may wait for it. Wake with ERR_ABORTED (sched_wake)
     * every sender and caller queued on t (taking each out of t's queue), and
     * every task receiving from t in particular (BLOCK_RECV, peer t) or
     * awaiting its reply (ipc_awaits_reply).
     * STUB (void)t;
     */
    struct task *s;
    /* Its queued senders and callers: the message never reaches anyone. */
    while ((s = sendq_find(&t->ipc.senders, IPC_ANY))) {
        sendq_remove(&t->ipc.senders, s);
        sched_wake(s, ERR_ABORTED);
    }
    /* Tasks receiving from it in particular, or awaiting its reply. */
    for (int slot = 1; slot < TASK_MAX; slot++) {
        struct task *r = task_at(slot);
        if (r && (ipc_in_wait(r, BLOCK_RECV, t->id) || ipc_awaits_reply(r, t->id)))
            sched_wake(r, ERR_ABORTED);
    }
    /* LAB deadlock END */
}

/* t is being killed while it waits: if it is queued to send or call, it
 * leaves the receiver's queue (its message reaches no one). Its other
 * waits hold nothing of it. */
void ipc_task_cancel(struct task *t)
{
    enum task_block why = sched_blocked_on(t);
    struct task *dst = task_lookup(t->ipc.peer);
    if ((why == BLOCK_SEND || why == BLOCK_CALL) && dst)
        sendq_remove(&dst->ipc.senders, t);
}
