/* notify.c - notifications, and the timers and interrupts delivered as
 * notifications. Each task keeps, per sender, the bits it was sent; the
 * pending word is their OR. */
#include "notify.h"
#include "trace.h"
#include "ipc.h"
#include "task.h"
#include "sched.h"
#include "vm.h"

#define IRQ_COUNT 1                    /* the portable IRQ_* names */

static struct task *irq_holder[IRQ_COUNT];

void notify_post(struct task *dst, task_t from, notifications_t bits)
{
    trace_notify_send(from, dst->id, bits);
    dst->notify_from[from] |= bits;
    /* Only an open receive takes notifications: a task receiving from one
     * task in particular (or awaiting a reply) is not disturbed. */
    if (dst->state == TASK_BLOCKED && dst->block == BLOCK_RECV &&
        dst->ipc_peer == IPC_ANY) {
        notify_take(dst, dst->ipc_buf);
        ipc_wake(dst, OK);
    }
}

bool notify_take(struct task *t, struct message *m)
{
    uint32_t bits = 0, senders = 0;
    for (task_t id = 0; id < TASK_MAX; id++) {
        if (t->notify_from[id]) {
            trace_notify_deliver(t->id, id, t->notify_from[id]);
            bits |= t->notify_from[id];
            senders |= 1u << id;
            t->notify_from[id] = 0;
        }
    }
    if (!senders)
        return false;
    *m = (struct message){ .type = NOTIFICATIONS_MSG, .src = 0 };
    m->notifications.data = bits;
    m->notifications.senders = senders;
    return true;
}

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

error_t notify_rcv(struct task *me, task_t from)
{
    if (from < 0 || from >= TASK_MAX)
        return ERR_NOT_FOUND;
    if (!me->notify_from[from])
        return ERR_WOULD_BLOCK;
    trace_notify_deliver(me->id, from, me->notify_from[from]);
    me->notify_from[from] = 0;
    return OK;
}

error_t notify_timer_set(struct task *me, uint32_t ms)
{
    me->timer_tick = ms ? sched_deadline(ms) : 0;
    return OK;
}

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

error_t notify_irq_acquire(struct task *me, int irq)
{
    if (irq < 0 || irq >= IRQ_COUNT)
        return ERR_INVALID_ARG;
    if (!(me->grants->irqs & (1u << irq)))
        return ERR_NOT_PERMITTED;
    if (irq_holder[irq])
        return ERR_IN_USE;
    irq_holder[irq] = me;
    return OK;
}

bool notify_irq(int irq)
{
    if (!irq_holder[irq])
        return false;
    notify_post(irq_holder[irq], 0, NOTIFY_IRQ);
    return true;
}

void notify_task_exit(struct task *t)
{
    t->timer_tick = 0;
    for (int irq = 0; irq < IRQ_COUNT; irq++)
        if (irq_holder[irq] == t)
            irq_holder[irq] = NULL;
}
