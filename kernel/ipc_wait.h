/* ipc_wait.h - the questions about a task's IPC wait that are asked on
 * every round trip (by ipc.c and the fast path, fastpath.c): inline, so
 * that asking costs a load or two and no call. ipc.c owns these waits;
 * ipc.h has the other questions. */
#ifndef KERNEL_IPC_WAIT_H
#define KERNEL_IPC_WAIT_H

#include <stdbool.h>
#include "task.h"
#include "sched.h"

/* Is t blocked in an IPC wait of this kind, naming peer? */
static inline bool ipc_in_wait(const struct task *t, enum task_block kind,
                               task_t peer)
{
    return sched_blocked_on(t) == kind && t->ipc.peer == peer;
}

/* Is t blocked in a receive that a message from `from` would end? */
static inline bool ipc_accepts(const struct task *t, task_t from)
{
    return sched_blocked_on(t) == BLOCK_RECV &&
           (t->ipc.peer == from || t->ipc.peer == IPC_ANY);
}

/* Is t blocked in a call to `callee`, waiting for its reply? */
static inline bool ipc_awaits_reply(const struct task *t, task_t callee)
{
    return ipc_in_wait(t, BLOCK_REPLY, callee);
}

#endif
