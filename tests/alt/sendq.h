/* sendq.h (alternative) - the queue of senders blocked on one receiver, as
 * a fixed ring of task pointers in the receiver instead of a linked list
 * through the senders. Same contract as kernel/sendq.h: tests/alt/run.sh
 * puts it in place of the reference to show that the behaviour tests
 * accept any correct queue. */
#ifndef KERNEL_SENDQ_H
#define KERNEL_SENDQ_H

#include <stdbool.h>
#include <stdint.h>
#include <baton/types.h>

struct task;

/* A receiver's queue: count senders from slot[first], wrapping. A task
 * can wait in one queue at a time, so TASK_MAX slots are always enough. */
struct sendq {
    struct task *slot[TASK_MAX];
    uint8_t first, count;
};

/* Nothing lives in the sender: the ring holds it all. (C wants a member.) */
struct sendq_link {
    uint8_t unused;
};

static inline bool sendq_empty(const struct sendq *q)
{
    return q->count == 0;
}

void sendq_push(struct sendq *q, struct task *t);
void sendq_remove(struct sendq *q, struct task *t);
struct task *sendq_find(const struct sendq *q, task_t src);
struct task *sendq_at(const struct sendq *q, int i);

#endif
