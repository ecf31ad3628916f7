/* sched.h - the scheduler: fixed priorities, preemptive round-robin inside a
 * priority, and the idle task when no one is ready. It owns every task's
 * state and the kind of its wait (task.h); the mechanisms block and wake
 * tasks only through the functions below. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "task.h"
#include "trace.h"

/* Virtual time: timer ticks since boot (ARCH_TICK_HZ per second). */
extern uint64_t sched_ticks;

/* Why t is blocked, or BLOCK_NONE if it is not. (sched_block sets .block
 * and sched_wake clears it, so .block alone says it.) */
static inline enum task_block sched_blocked_on(const struct task *t)
{
    return t->block;
}

/* Bit p set while some task of priority p is ready (in a run queue). */
extern unsigned sched_ready_mask;

/* Would sched_switch pick t, were t woken now (at the tail of its queue)?
 * Only if no ready task is as urgent. */
static inline bool sched_picks(const struct task *t)
{
    return (sched_ready_mask >> t->priority) == 0;
}

/* The fast path (fastpath.c): sched_wake and sched_block with no run queue
 * between them, inline because they run on every round trip. The caller
 * has checked what they assume: t is blocked and sched_picks(t).
 *
 * sched_wake_next: sched_wake, but t goes in no queue: it runs next, so
 * it is never READY (sched_make_current makes it RUNNING).
 * sched_handoff_direct: the current task t blocks for `why` and next (woken
 * by sched_wake_next) runs from now on; the caller leaves the trap as
 * next itself (ARCH_FASTPATH_DIRECT, arch_task_enter).
 * sched_handoff: the same, then arch_switch to next; returns what the
 * current task's wake says, when it runs again. */
static inline void sched_wake_next(struct task *t, error_t result)
{
    t->wake_result = result;
    trace_wake(t->id);
    t->block = BLOCK_NONE;
}

/* next runs from now on, in its address space; the caller switches the
 * kernel context (sched_switch, sched_handoff) or leaves the trap as next. */
static inline void sched_make_current(struct task *prev, struct task *next)
{
    next->state = TASK_RUNNING;
    task_current = next;
    trace_switch(prev->id, next->id);
    arch_vm_activate(&next->vm);
}

static inline void sched_handoff_direct(struct task *t, enum task_block why,
                                        struct task *next)
{
    t->state = TASK_BLOCKED;
    t->block = why;
    sched_make_current(t, next);
}

error_t sched_handoff(enum task_block why, struct task *next);

/* Make t ready to run (at the tail of its priority's queue). */
void sched_ready(struct task *t);
/* Block the current task for `why` and run another. Returns when woken,
 * with the result its waker gave sched_wake: what the blocked system call
 * returns. The caller has recorded what it waits for first. */
error_t sched_block(enum task_block why);
/* Wake a blocked task: it becomes ready, and its sched_block returns
 * `result`. */
void sched_wake(struct task *t, error_t result);
/* t, ready or blocked but not current, leaves the scheduler: task_kill. */
void sched_remove(struct task *t);
/* t, blocked and not current, stays blocked but now for `why` (a call
 * whose request was taken now awaits the reply). */
void sched_rewait(struct task *t, enum task_block why);
/* The current task gives up the CPU to tasks of the same priority. */
void sched_yield(void);
/* Switch to the most urgent ready task, which may be the current one if it
 * is still RUNNING and nobody more urgent waits. */
void sched_switch(void);
/* At the end of a trap: switch if a more urgent task became ready. */
void sched_preempt_check(void);
/* The tick by which ms milliseconds will have passed: rounded up, and at
 * least the next tick. */
uint64_t sched_deadline(uint32_t ms);
/* Sleep the current task for ms milliseconds (at least one tick). */
void sched_sleep(uint32_t ms);
/* The tick a sleeping task wakes at, or 0 if t is not asleep. */
uint64_t sched_sleeps_until(const struct task *t);
/* The timer's three steps (kernel/irq.c, trap_timer): one more tick; wake
 * the sleepers whose tick has come; end the running task's time slice if
 * another of its priority (or a higher one) is ready. */
void sched_clock_tick(void);
void sched_wake_sleepers(void);
void sched_slice_end(void);
/* Leave the boot context and run the first task. Never returns. */
noreturn void sched_start(void);

#endif
