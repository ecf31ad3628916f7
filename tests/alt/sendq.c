/* sendq.c (alternative) - the blocked-senders queue as a ring of task
 * pointers (see sendq.h). Removing from the middle closes the gap by
 * moving the younger senders one slot towards the oldest. */
#include "sendq.h"
#include "task.h"
#include "printk.h"

/* The slot of the i-th oldest sender. */
static unsigned at(const struct sendq *q, int i)
{
    return (q->first + (unsigned)i) % TASK_MAX;
}

void sendq_push(struct sendq *q, struct task *t)
{
    ASSERT(q->count < TASK_MAX);
    q->slot[at(q, q->count)] = t;
    q->count++;
}

void sendq_remove(struct sendq *q, struct task *t)
{
    int i = 0;
    while (i < q->count && q->slot[at(q, i)] != t)
        i++;
    ASSERT(i < q->count);
    for (; i + 1 < q->count; i++)
        q->slot[at(q, i)] = q->slot[at(q, i + 1)];
    q->count--;
    if (q->count == 0)
        q->first = 0;
}

struct task *sendq_find(const struct sendq *q, task_t src)
{
    for (int i = 0; i < q->count; i++) {
        struct task *s = q->slot[at(q, i)];
        if (src == IPC_ANY || s->id == src)
            return s;
    }
    return NULL;
}

struct task *sendq_at(const struct sendq *q, int i)
{
    return i >= 0 && i < q->count ? q->slot[at(q, i)] : NULL;
}
