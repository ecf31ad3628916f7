/* sched.h - the scheduler: fixed priorities, preemptive round-robin inside a
 * priority, and the idle task when no one is ready. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "task.h"

/* Virtual time: timer ticks since boot (ARCH_TICK_HZ per second). */
extern uint64_t sched_ticks;

/* Make t ready to run (at the tail of its priority's queue). */
void sched_ready(struct task *t);
/* Block the current task for `why` and run another; returns when woken. */
void sched_block(enum task_block why);
/* Wake a blocked task: it becomes ready. */
void sched_wake(struct task *t);
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
/* Leave the boot context and run the first task. Never returns. */
noreturn void sched_start(void);
/* Take t out of the run queue or the sleep list (for task_exit). */
void sched_remove(struct task *t);

#endif
