/* async.c - asynchronous messages (resea/async.h): the sender keeps a queue
 * per destination and notifies NOTIFY_ASYNC; the receiver pulls each message
 * with an ipc_call(ASYNC_MSG), which the sender answers with async_reply(). */
#include <resea/async.h>

/* The messages queued for one destination, oldest first, in a ring. */
struct async_queue {
    struct message msgs[ASYNC_QUEUE_MAX];
    int head;     /* index of the oldest message */
    int count;    /* how many are queued, 0..ASYNC_QUEUE_MAX */
};

/* One queue per task id a message can go to (entry 0, the kernel, is never
 * used). A plain array indexed by id: no allocation, no search. It lives in
 * .bss, so every queue starts empty. */
static struct async_queue queues[TASK_MAX];

/* A task we can exchange async messages with: a real task id, not the
 * kernel, not ourselves (we could never answer our own pull). */
static bool valid_peer(task_t t)
{
    return t > 0 && t < TASK_MAX && t != task_self();
}

/* dst does not exist (a notify said ERR_NOT_FOUND): nothing queued for it
 * can ever be delivered, and a task created later with the same id must
 * not receive it, so discard the queue. */
static void forget_if_gone(task_t dst, error_t err)
{
    if (err == ERR_NOT_FOUND)
        queues[dst].count = 0;
}

error_t async_send(task_t dst, struct message *m)
{
    if (m == NULL || m->type < 0)
        return ERR_INVALID_ARG;   /* a negative type means an error reply */
    if (!valid_peer(dst))
        return ERR_INVALID_TASK;
    /* LAB async BEGIN
     * queue a copy of *m for dst, newest last, at most ASYNC_QUEUE_MAX: a
     * full queue is trace_async(TRACE_EV_ASYNC_FULL, dst, count) and
     * ERR_QUEUE_FULL, nothing changed. Then tell dst: ipc_notify(dst,
     * NOTIFY_ASYNC); OK: trace_async(TRACE_EV_ASYNC_ENQUEUE, dst, new count).
     * If the notify fails, dst would never pull it: take the message back out
     * (forget_if_gone(dst, err) too) and return the error.
     * STUB (void)forget_if_gone; (void)dst; (void)m;
     * STUB return ERR_NO_SYSCALL;
     */
    struct async_queue *q = &queues[dst];
    if (q->count == ASYNC_QUEUE_MAX) {
        trace_async(TRACE_EV_ASYNC_FULL, dst, q->count);
        return ERR_QUEUE_FULL;    /* nothing queued, nothing changed */
    }

    memcpy(&q->msgs[(q->head + q->count) % ASYNC_QUEUE_MAX], m, sizeof(*m));
    q->count++;

    error_t err = ipc_notify(dst, NOTIFY_ASYNC);
    if (err == OK) trace_async(TRACE_EV_ASYNC_ENQUEUE, dst, q->count);
    if (err != OK) {
        /* dst was not told, so it would never pull this message: take it
         * back out (it is the newest) rather than leave an orphan. */
        q->count--;
        forget_if_gone(dst, err);
    }
    return err;
    /* LAB async END */
}

error_t async_recv(task_t src, struct message *m)
{
    /* LAB async BEGIN
     * pull the oldest message src queued for us: ERR_INVALID_ARG for no m,
     * ERR_INVALID_TASK for a src that is no peer (valid_peer). Clear *m, set
     * its type to ASYNC_MSG, trace_async(TRACE_EV_ASYNC_PULL, src, 0), then
     * ipc_call(src, m): the reply is the message. A reply whose type is
     * negative is src's error (ERR_EMPTY): return it. On any error, also set
     * m->type to it, so nobody mistakes *m for a message.
     * STUB (void)src; (void)m;
     * STUB return ERR_NO_SYSCALL;
     */
    if (m == NULL)
        return ERR_INVALID_ARG;
    error_t err = ERR_INVALID_TASK;
    if (valid_peer(src)) {
        /* The request carries nothing but its type: clear the rest so no
         * stale bytes of ours reach src. The reply overwrites *m. */
        bzero(m, sizeof(*m));
        m->type = ASYNC_MSG;
        trace_async(TRACE_EV_ASYNC_PULL, src, 0);
        err = ipc_call(src, m);
        if (err == OK && m->type < 0)
            err = m->type;        /* src answered with an error: ERR_EMPTY */
    }
    if (err != OK)
        m->type = err;            /* so nobody mistakes *m for a message */
    return err;
    /* LAB async END */
}

error_t async_reply(task_t dst)
{
    if (dst <= 0 || dst >= TASK_MAX)
        return ERR_INVALID_TASK;
    /* LAB async BEGIN
     * answer dst's pull (it waits in async_recv, an ipc_call to us) with
     * the oldest message queued for it: ipc_reply with it, and only if that
     * is OK take it out of the queue (a dst not waiting keeps its message),
     * trace_async(TRACE_EV_ASYNC_DELIVER, dst, the new count), and if more are
     * left notify dst again (ipc_notify(dst, NOTIFY_ASYNC): notifications
     * coalesce) and return that result (forget_if_gone on ERR_NOT_FOUND).
     * Nothing queued: reply a message of type ERR_EMPTY anyway (or dst waits
     * forever) and return ERR_EMPTY (or the reply's error).
     * STUB return ERR_NO_SYSCALL;
     */
    struct async_queue *q = &queues[dst];

    if (q->count == 0) {
        /* A stale notification, or a pull we never announced: answer
         * anyway, or dst would wait in async_recv forever. */
        struct message none = { .type = ERR_EMPTY };
        error_t err = ipc_reply(dst, &none);
        return err != OK ? err : ERR_EMPTY;
    }

    /* Reply first, remove after: if dst is not waiting (ERR_NOT_WAITING),
     * the message stays queued and a later pull still gets it. */
    error_t err = ipc_reply(dst, &q->msgs[q->head]);
    if (err != OK)
        return err;
    q->head = (q->head + 1) % ASYNC_QUEUE_MAX;
    q->count--;
    trace_async(TRACE_EV_ASYNC_DELIVER, dst, q->count);

    /* Notifications coalesce: the one dst acted on may have stood for many
     * messages. Notify again while any are left, so none is stranded. */
    if (q->count > 0) {
        err = ipc_notify(dst, NOTIFY_ASYNC);
        forget_if_gone(dst, err);
    }
    return err;
    /* LAB async END */
}

int async_pending(task_t dst)
{
    if (dst <= 0 || dst >= TASK_MAX)
        return 0;
    return queues[dst].count;
}
