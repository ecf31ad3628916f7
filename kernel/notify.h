/* notify.h - notifications: a pending word per task, kept per sender so the
 * receiver learns who notified. Never blocking; repeats coalesce. Timers and
 * interrupts arrive this way too, from the kernel (sender 0). */
#ifndef KERNEL_NOTIFY_H
#define KERNEL_NOTIFY_H

#include <stdbool.h>
#include <baton/error.h>
#include <baton/ipc.h>
#include "task.h"

struct task;

/* OR bits into dst's pending word as coming from `from` (0: the kernel);
 * a task waiting in ipc_recv(IPC_ANY) gets them at once. */
void notify_post(struct task *dst, task_t from, notifications_t bits);
/* If t has notifications pending, fill m as a NOTIFICATIONS_MSG, clear them
 * and return true. */
bool notify_take(struct task *t, struct message *m);
/* Has t notifications pending (what notify_take would take)? Inline: the
 * fast path asks on every round trip. */
static inline bool notify_pending(const struct task *t)
{
    return t->notify_senders != 0;
}

error_t notify_syscall(struct task *me, task_t dst, notifications_t bits);
/* notification_rcv(from): OK and consumed if from's are pending. */
error_t notify_rcv(struct task *me, task_t from);
error_t notify_timer_set(struct task *me, uint32_t ms);
/* Called on every timer tick: fire the timers that are due. */
void notify_tick(void);
/* t is dying: cancel its timer. */
void notify_task_exit(struct task *t);

#endif
