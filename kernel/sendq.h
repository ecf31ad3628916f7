/* sendq.h - the queue of senders blocked on one receiver, oldest first.
 *
 * The IPC model serves queued senders in FIFO order; this unit is that
 * order and nothing else. kernel/ipc.c touches a queue only through the
 * four functions below, so a lab can replace the linked list with any
 * other structure (a ring, an array) without reading ipc.c. */
#ifndef KERNEL_SENDQ_H
#define KERNEL_SENDQ_H

#include <stdbool.h>
#include <baton/types.h>

struct task;

/* A receiver's queue: its blocked senders, head the oldest. */
struct sendq {
    struct task *head, *tail;
};

/* A sender's place in the one queue it can be in at a time. */
struct sendq_link {
    struct task *next;
};

/* Is nobody queued? Inline: every receive asks first. */
static inline bool sendq_empty(const struct sendq *q)
{
    return !q->head;
}

/* Append t, which is not queued anywhere, as the newest sender. */
void sendq_push(struct sendq *q, struct task *t);
/* Take t, which is in q, out of it; the others keep their order. */
void sendq_remove(struct sendq *q, struct task *t);
/* The oldest queued sender whose id is src, or the oldest of all when src
 * is IPC_ANY; NULL if there is none. Leaves the queue as it is. */
struct task *sendq_find(const struct sendq *q, task_t src);
/* The i-th queued sender (0: the oldest), or NULL past the end: for
 * observers (the fuzzer's checks, debuggers) that list a queue. */
struct task *sendq_at(const struct sendq *q, int i);

#endif
