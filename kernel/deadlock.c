/* deadlock.c - the wait-for check run before every blocking send, call,
 * receive from one task and channel operation. */
#include "deadlock.h"
#include "trace.h"
#include "task.h"
#include "channel.h"
#include "printk.h"

struct task *deadlock_waits_for(struct task *t)
{
    if (!t || t->state != TASK_BLOCKED)
        return NULL;
    switch (t->block) {
    case BLOCK_SEND:
        return task_lookup(t->ipc_peer);
    case BLOCK_RECV:
        return t->ipc_peer == IPC_ANY ? NULL : task_lookup(t->ipc_peer);
    case BLOCK_CHANNEL:
        return channel_waits_for(t);
    default:
        return NULL;
    }
}

/* Print "me -> target -> ... -> me", the cycle that was refused. */
static void print_cycle(struct task *me, struct task *target)
{
    printk("[baton] deadlock refused: %d (%s)", me->id, me->name);
    for (struct task *t = target; t && t != me; t = deadlock_waits_for(t))
        printk(" -> %d (%s)", t->id, t->name);
    printk(" -> %d (%s)\n", me->id, me->name);
}

bool deadlock_check(struct task *me, struct task *target)
{
    /* Walk the chain from target. It cannot loop without reaching me: every
     * earlier cycle was refused. The bound is a guard all the same. */
    int steps = 0;
    for (struct task *t = target; t && steps <= TASK_MAX; t = deadlock_waits_for(t), steps++) {
        if (t == me) {
            trace_deadlock(me, target);
            print_cycle(me, target);
            return true;
        }
    }
    return false;
}
