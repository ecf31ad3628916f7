/* deadlock.h - refusing to block when blocking would close a cycle of tasks
 * waiting on each other. Every blocked task waits for at most one other, so
 * the wait-for graph is a set of chains and the check is one walk. */
#ifndef KERNEL_DEADLOCK_H
#define KERNEL_DEADLOCK_H

#include <stdbool.h>

struct task;

/* The task t is blocked waiting for, or NULL (not blocked, or waiting for
 * anyone, a timer, a device). "Whom does t wait for": the one question
 * about waits that crosses mechanisms. */
struct task *deadlock_waits_for(struct task *t);
/* Would `me` blocking on `target` close a cycle? If so, trace and print
 * the cycle and return true: the caller fails with ERR_DEADLOCK, having
 * moved nothing. */
bool deadlock_check(struct task *me, struct task *target);

#endif
