/* deadlock.c - the wait-for check run before every blocking send, call,
 * receive from one task and channel operation.
 *
 * Every blocked task waits for at most one other (deadlock_waits_for), so
 * the wait-for graph is a set of chains, and a task about to block on
 * `target` closes a cycle exactly when the chain from target leads back to
 * it. One walk answers; the refusal is traced and printed by the caller of
 * the walk, so a different walk is traced the same way. */
#include "deadlock.h"
#include "trace.h"
#include "task.h"
#include "sched.h"
#include "ipc.h"
#include "channel.h"
#include "printk.h"

/* An edge of the graph, asked of the mechanism that owns t's wait. */
struct task *deadlock_waits_for(struct task *t)
{
    enum task_block why = t ? sched_blocked_on(t) : BLOCK_NONE;
    if (why == BLOCK_CHANNEL)
        return channel_waits_for(t);
    if (why >= BLOCK_SEND && why <= BLOCK_REPLY)   /* the IPC waits */
        return ipc_waits_for(t);
    return NULL;    /* running, ready, or waiting for time or input */
}

/* Does the chain of waits from target reach me? It cannot loop without
 * reaching me, since every earlier cycle was refused; the bound is a
 * guard all the same. */
static bool closes_cycle(struct task *me, struct task *target)
{
    /* LAB deadlock BEGIN
     * say whether me, about to block waiting for target, would close a cycle
     * of the wait-for graph: follow the chain of waits from target
     * (deadlock_waits_for gives the one task a blocked task waits for, NULL
     * at a task that waits for nobody) and answer true if it reaches me.
     * Every earlier cycle was refused, so the chain ends or reaches me; bound
     * the walk all the same (TASK_MAX steps). Trace nothing: deadlock_check
     * reports the refusal.
     * STUB (void)me; (void)target;
     * STUB return false;
     */
    struct task *t = target;
    for (int steps = 0; t && t != me && steps < TASK_MAX; steps++)
        t = deadlock_waits_for(t);
    return t == me;
    /* LAB deadlock END */
}

/* Print "me -> target -> ... -> me", the cycle that was refused. Cold:
 * kept out of line so that the check's usual answer, no, stays cheap. */
static __attribute__((noinline, cold)) void refuse(struct task *me, struct task *target)
{
    trace_deadlock(me, target);
    printk("[baton] deadlock refused: %d (%s)", me->id, me->name);
    for (struct task *t = target; t && t != me; t = deadlock_waits_for(t))
        printk(" -> %d (%s)", t->id, t->name);
    printk(" -> %d (%s)\n", me->id, me->name);
}

/* The check callers run before blocking on target: if it would close a
 * cycle, record it (trace and console) and say so. The refusal is
 * reported here, outside the walk, so that any walk is traced alike. */
bool deadlock_check(struct task *me, struct task *target)
{
    if (!closes_cycle(me, target))
        return false;
    refuse(me, target);
    return true;
}
