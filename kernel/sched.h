/* sched.h - the scheduler: fixed priorities, preemptive round-robin inside a
 * priority, and the idle task when no one is ready. It owns every task's
 * state and the kind of its wait (task.h); the mechanisms block and wake
 * tasks only through the functions below. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "task.h"

/* Virtual time: timer ticks since boot (ARCH_TICK_HZ per second). */
extern uint64_t sched_ticks;

/* Why t is blocked, or BLOCK_NONE if it is not. (sched_block sets .block
 * and sched_wake clears it, so .block alone says it.) */
static inline enum task_block sched_blocked_on(const struct task *t)
{
    return t->block;
}

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
