/* ipc.c - synchronous messages addressed by task. A send meets a receive
 * (rendezvous): whichever comes first blocks. Blocked senders wait in their
 * receiver's FIFO queue with their message already copied into the kernel;
 * a call is a send whose sender then waits for the reply. */
#include "ipc.h"
#include "trace.h"
#include "task.h"
#include "sched.h"
#include "vm.h"
#include "notify.h"
#include "deadlock.h"
#include "printk.h"

void ipc_wake(struct task *t, error_t result)
{
    t->ipc_result = result;
    sched_wake(t);
}

/* ---- the queue of senders blocked on a receiver ---- */

static void queue_push(struct task *rcv, struct task *snd)
{
    snd->sender_next = NULL;
    if (rcv->senders_tail)
        rcv->senders_tail->sender_next = snd;
    else
        rcv->senders_head = snd;
    rcv->senders_tail = snd;
}

static void queue_remove(struct task *rcv, struct task *snd)
{
    struct task **pp = &rcv->senders_head, *prev = NULL;
    while (*pp && *pp != snd) {
        prev = *pp;
        pp = &(*pp)->sender_next;
    }
    ASSERT(*pp == snd);
    *pp = snd->sender_next;
    if (rcv->senders_tail == snd)
        rcv->senders_tail = prev;
    snd->sender_next = NULL;
}

/* The first queued sender that a receive from src accepts, oldest first. */
static struct task *queue_find(struct task *rcv, task_t src)
{
    struct task *s = rcv->senders_head;
    while (s && src != IPC_ANY && s->id != src)
        s = s->sender_next;
    return s;
}

int ipc_queued(void)
{
    int n = 0;
    for (task_t id = 1; id < TASK_MAX; id++) {
        struct task *t = task_lookup(id);
        n += t && t->state == TASK_BLOCKED && t->block == BLOCK_SEND;
    }
    return n;
}

/* ---- rendezvous ---- */

bool ipc_receiving_from(struct task *t, struct task *from)
{
    return t->state == TASK_BLOCKED && t->block == BLOCK_RECV &&
           (t->ipc_peer == from->id || t->ipc_peer == IPC_ANY);
}

/* Copy m, from `from`, into the receive buffer of the blocked task `to`,
 * and wake it. One copy, from the sender's memory (or the kernel's) to the
 * receiver's: both were checked when their syscalls began. The kernel, not
 * the sender, says who sent it. */
static void deliver(struct task *from, struct task *to, const struct message *m)
{
    *to->ipc_buf = *m;
    to->ipc_buf->src = from->id;
    ipc_wake(to, OK);
}

/* Block `me` until a message from src (or anyone) is delivered to buf. */
static error_t wait_message(struct task *me, task_t src, struct message *buf,
                            bool awaiting_reply)
{
    me->ipc_peer = src;
    me->ipc_buf = buf;
    me->ipc_awaiting_reply = awaiting_reply;
    trace_ipc_recv_block(me->id, src, awaiting_reply);
    sched_block(BLOCK_RECV);
    return me->ipc_result;
}

/* Send m, the sender's own buffer (for a call, also where the reply goes). */
static error_t do_send(struct task *me, struct task *dst, struct message *m,
                       unsigned flags)
{
    bool call = flags & IPC_RECV;
    bool reply = flags & IPC_REPLY;
    /* A reply only goes to a task waiting for us in particular. */
    if (reply ? (dst->state == TASK_BLOCKED && dst->block == BLOCK_RECV &&
                 dst->ipc_peer == me->id)
              : ipc_receiving_from(dst, me)) {
        trace_ipc_xfer(me->id, dst->id, reply ? TRACE_MSG_REPLY :
                       call ? TRACE_MSG_CALL : TRACE_MSG_SEND);
        deliver(me, dst, m);       /* the receiver is already waiting */
        return call ? wait_message(me, dst->id, m, true) : OK;
    }
    if (reply)
        return ERR_NOT_WAITING;
    if (flags & IPC_NOBLOCK)
        return ERR_WOULD_BLOCK;
    if (deadlock_check(me, dst))
        return ERR_DEADLOCK;
    me->ipc_msg = *m;
    me->ipc_peer = dst->id;
    me->ipc_calling = call;
    me->ipc_buf = m;
    trace_ipc_send_block(me->id, dst->id, call);
    queue_push(dst, me);
    sched_block(BLOCK_SEND);
    /* Woken by the receiver: for a call it has turned us into a receiver
     * of the reply, and we are woken again only when the reply is in. */
    return me->ipc_result;
}

/* The receiver takes a queued sender's message: a plain sender is done; a
 * caller now waits for our reply, still blocked. */
static error_t take_from_queue(struct task *me, struct task *s, struct message *buf)
{
    queue_remove(me, s);
    *buf = s->ipc_msg;
    buf->src = s->id;
    trace_ipc_xfer(s->id, me->id, s->ipc_calling ? TRACE_MSG_CALL : TRACE_MSG_SEND);
    if (!s->ipc_calling) {
        ipc_wake(s, OK);
        return OK;
    }
    s->block = BLOCK_RECV;
    s->ipc_peer = me->id;
    s->ipc_awaiting_reply = true;
    return OK;
}

static error_t do_recv(struct task *me, task_t src, struct message *buf,
                       unsigned flags)
{
    if (src == IPC_ANY && notify_take(me, buf))
        return OK;
    struct task *s = queue_find(me, src);
    if (s)
        return take_from_queue(me, s, buf);
    if (flags & IPC_NOBLOCK)
        return ERR_WOULD_BLOCK;
    if (src != IPC_ANY && deadlock_check(me, task_lookup(src)))
        return ERR_DEADLOCK;
    return wait_message(me, src, buf, false);
}

/* A peer id for me: a live task other than me and the kernel. */
static error_t check_peer(struct task *me, task_t id)
{
    if (id == me->id || id == 0)
        return ERR_INVALID_TASK;
    return task_lookup(id) ? OK : ERR_NOT_FOUND;
}

error_t ipc_syscall(struct task *me, task_t dst, task_t src, uintptr_t ubuf,
                    unsigned flags)
{
    bool send = flags & IPC_SEND, recv = flags & IPC_RECV;
    if ((flags & ~(IPC_SEND | IPC_RECV | IPC_NOBLOCK | IPC_REPLY)) ||
        (!send && !recv) || (send && recv && src != dst) ||
        ((flags & IPC_REPLY) && (!send || recv)))
        return ERR_INVALID_ARG;
    /* Check the buffer for both halves before anything moves: a call must
     * not deliver its request and then fail to take the reply. A message is
     * aligned to its size (ipc.h), so it lies in one page: one check, and
     * from then on the kernel reaches it through one pointer. */
    struct message *buf = ubuf % sizeof(struct message) ? NULL :
        vm_user_ptr(me, ubuf, sizeof(struct message), recv);
    if (!buf)
        return ERR_BAD_ADDRESS;
    if (recv && src != IPC_ANY) {
        error_t err = check_peer(me, src);
        if (err != OK)
            return err;
    }
    if (!send)
        return do_recv(me, src, buf, flags);
    error_t err = check_peer(me, dst);
    if (err != OK)
        return err;
    return do_send(me, task_lookup(dst), buf, flags);
}
void ipc_task_exit(struct task *t)
{
    while (t->senders_head) {
        struct task *s = t->senders_head;
        queue_remove(t, s);
        ipc_wake(s, ERR_ABORTED);
    }
    for (task_t id = 1; id < TASK_MAX; id++) {
        struct task *r = task_lookup(id);
        if (r && r->state == TASK_BLOCKED && r->block == BLOCK_RECV &&
            r->ipc_peer == t->id)
            ipc_wake(r, ERR_ABORTED);
    }
}
