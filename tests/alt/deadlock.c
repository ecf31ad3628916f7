/* deadlock.c (alternative) - the same wait-for check as kernel/deadlock.c,
 * walked another way: it marks every task it passes in a set, and stops at
 * the first task seen twice, instead of trusting that no earlier cycle
 * exists and bounding the steps. tests/alt/run.sh puts it in place of the
 * reference: the behaviour tests must not tell the two apart. */
#include "deadlock.h"
#include "trace.h"
#include "task.h"
#include "sched.h"
#include "ipc.h"
#include "channel.h"
#include "printk.h"

struct task *deadlock_waits_for(struct task *t)
{
    switch (t ? sched_blocked_on(t) : BLOCK_NONE) {
    case BLOCK_CHANNEL:
        return channel_waits_for(t);
    case BLOCK_SEND: case BLOCK_CALL: case BLOCK_RECV: case BLOCK_REPLY:
        return ipc_waits_for(t);
    default:
        return NULL;
    }
}

/* Follow the waits from target, marking ids; me reached means a cycle. */
static bool reaches(struct task *me, struct task *target)
{
    uint64_t seen = 0;
    for (struct task *t = target; t; t = deadlock_waits_for(t)) {
        if (t == me)
            return true;
        if (seen & (1ull << TASK_SLOT(t->id)))   /* ids carry a generation */
            return false;               /* a loop that leaves me out */
        seen |= 1ull << TASK_SLOT(t->id);
    }
    return false;
}

bool deadlock_check(struct task *me, struct task *target)
{
    if (!reaches(me, target))
        return false;
    trace_deadlock(me, target);         /* the lab's named trace call */
    printk("[baton] deadlock refused: %d (%s)", me->id, me->name);
    for (struct task *t = target; t != me; t = deadlock_waits_for(t))
        printk(" -> %d (%s)", t->id, t->name);
    printk(" -> %d (%s)\n", me->id, me->name);
    return true;
}
