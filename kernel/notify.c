/* notify.c - notifications, and the timers delivered as notifications
 * (interrupts come through kernel/irq.c, which posts them here). Each task
 * keeps, per sender, the bits it was sent; the pending word is their OR. */
#include "notify.h"
#include "trace.h"
#include "ipc.h"
#include "task.h"
#include "sched.h"
#include "vm.h"

/* OR bits into dst's word from `from`. Never blocks. If dst waits in an
 * open receive, it takes them at once and wakes. Called by ipc_notify,
 * timers (notify_tick) and interrupts (kernel/irq.c). */
void notify_post(struct task *dst, task_t from, notifications_t bits)
{
    trace_notify_send(from, dst->id, bits);
    dst->notify_from[from] |= bits;
    dst->notify_senders |= 1u << from;
    /* Only an open receive takes notifications: a task receiving from one
     * task in particular (or awaiting a reply) is not disturbed. */
    struct message *buf = ipc_open_receive(dst);
    if (buf) {
        notify_take(dst, buf);
        sched_wake(dst, OK);
    }
}

/* Move every pending bit of t into m as one NOTIFICATIONS_MSG with the
 * set of senders; false (m untouched) if nothing is pending. */
bool notify_take(struct task *t, struct message *m)
{
    uint32_t senders = t->notify_senders, bits = 0;
    if (!senders)
        return false;            /* the usual case: one load, no loop */
    /* Lowest sender id first, so the trace lists them in a fixed order. */
    for (uint32_t left = senders; left; left &= left - 1) {
        task_t id = __builtin_ctz(left);
        trace_notify_deliver(t->id, id, t->notify_from[id]);
        bits |= t->notify_from[id];
        t->notify_from[id] = 0;
    }
    t->notify_senders = 0;
    *m = (struct message){ .type = NOTIFICATIONS_MSG, .src = 0 };
    m->notifications.data = bits;
    m->notifications.senders = senders;
    return true;
}

/* ipc_notify: ERR_INVALID_ARG for no bits, ERR_NOT_FOUND for the kernel
 * or no such task. */
error_t notify_syscall(struct task *me, task_t dst, notifications_t bits)
{
    if (bits == 0)
        return ERR_INVALID_ARG;
    struct task *t = dst == 0 ? NULL : task_lookup(dst);
    if (!t)
        return ERR_NOT_FOUND;
    notify_post(t, me->id, bits);
    return OK;
}

/* notification_rcv(from): OK and consumed if from's bits are pending,
 * ERR_WOULD_BLOCK otherwise. Never blocks. */
error_t notify_rcv(struct task *me, task_t from)
{
    if (from < 0 || from >= TASK_MAX)
        return ERR_NOT_FOUND;
    if (!me->notify_from[from])
        return ERR_WOULD_BLOCK;
    trace_notify_deliver(me->id, from, me->notify_from[from]);
    me->notify_from[from] = 0;
    me->notify_senders &= ~(1u << from);
    return OK;
}

error_t notify_timer_set(struct task *me, uint32_t ms)
{
    me->timer_tick = ms ? sched_deadline(ms) : 0;
    return OK;
}

/* Every tick: post NOTIFY_TIMER, from the kernel, to each task whose
 * one-shot timer is due. */
void notify_tick(void)
{
    for (task_t id = 1; id < TASK_MAX; id++) {
        struct task *t = task_lookup(id);
        if (t && t->timer_tick && t->timer_tick <= sched_ticks) {
            t->timer_tick = 0;
            notify_post(t, 0, NOTIFY_TIMER);
        }
    }
}

void notify_task_exit(struct task *t)
{
    t->timer_tick = 0;
}
