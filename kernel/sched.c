/* sched.c - the scheduler: one FIFO run queue per priority; the most urgent
 * non-empty queue runs, round-robin on every tick inside a priority; the idle
 * task runs when every queue is empty. */
#include "sched.h"
#include "trace.h"
#include "printk.h"

uint64_t sched_ticks;

/* queue[p] holds the READY tasks of priority p, head first. */
struct run_queue {
    struct task *head, *tail;
};
static struct run_queue queue[TASK_PRIO_MAX + 1];
/* Bit p is set while queue[p] is not empty: after almost every syscall the
 * scheduler asks whether anything more urgent is ready, and with nothing
 * ready (the usual case in a rendezvous) the answer is one load. */
unsigned sched_ready_mask;

/* Put t in its priority's run queue, at the tail (a woken or yielding task)
 * or at the head (a preempted one, which keeps its turn). */
static void enqueue(struct task *t, bool at_head)
{
    ASSERT(t->priority >= TASK_PRIO_MIN && t->priority <= TASK_PRIO_MAX);
    t->state = TASK_READY;
    t->next = NULL;
    struct run_queue *q = &queue[t->priority];
    if (!q->head) {
        q->head = q->tail = t;
        sched_ready_mask |= 1u << t->priority;
    } else if (at_head) {
        t->next = q->head;
        q->head = t;
    } else {
        q->tail->next = t;
        q->tail = t;
    }
}

/* Priority of the most urgent ready task, or 0 when none is ready. */
static int top_priority(void)
{
    int p = TASK_PRIO_MAX;
    if (!sched_ready_mask)
        return 0;
    while (!(sched_ready_mask & (1u << p)))
        p--;
    return p;
}

/* Take the oldest ready task of priority p (its queue is not empty). */
static struct task *dequeue(int p)
{
    struct task *t = queue[p].head;
    queue[p].head = t->next;
    if (!queue[p].head) {
        queue[p].tail = NULL;
        sched_ready_mask &= ~(1u << p);
    }
    t->next = NULL;
    return t;
}

void sched_ready(struct task *t)
{
    enqueue(t, false);
}


/* Leave prev for next: its address space, then its kernel context. */
static void switch_to(struct task *prev, struct task *next)
{
    sched_make_current(prev, next);
    arch_switch(&prev->arch, &next->arch);
    /* We are back: another task switched to us. */
}

/* Run the most urgent ready task. The current task must already be in a
 * queue, blocked or dead; if it is the one chosen, nothing switches. */
void sched_switch(void)
{
    struct task *prev = task_current;
    int p = top_priority();
    struct task *next = p ? dequeue(p) : task_lookup(0);
    if (next == prev) {
        prev->state = TASK_RUNNING;
        return;
    }
    if (prev->id == 0)
        prev->state = TASK_READY;   /* idle is always ready, never queued */
    switch_to(prev, next);
}

/* The current task goes to the tail of its queue: its equals run first. */
void sched_yield(void)
{
    if (task_current->id != 0)
        enqueue(task_current, false);
    sched_switch();
}

/* The one way to block. The mechanism has recorded what its task waits
 * for; `why` says which mechanism owns that wait. */
error_t sched_block(enum task_block why)
{
    struct task *t = task_current;
    ASSERT(t->id != 0);
    t->state = TASK_BLOCKED;
    t->block = why;
    sched_switch();
    /* Back: someone called sched_wake(t, result). (task_current is t
     * again; reading it keeps t out of a saved register.) */
    return task_current->wake_result;
}

/* The one way to wake: t is ready again, and its sched_block returns
 * result. */
void sched_wake(struct task *t, error_t result)
{
    ASSERT(t->state == TASK_BLOCKED);
    t->wake_result = result;      /* first: not kept across the tracepoint */
    trace_wake(t->id);
    t->block = BLOCK_NONE;
    enqueue(t, false);
}

/* The fast path's sched_block: the current task blocks for `why` and next,
 * woken by sched_wake_next, runs: what sched_switch would have chosen,
 * without the trip through the run queue. */
error_t sched_handoff(enum task_block why, struct task *next)
{
    struct task *t = task_current;
    sched_handoff_direct(t, why, next);
    arch_switch(&t->arch, &next->arch);
    return task_current->wake_result;
}

/* t (not current) leaves the scheduler for good, ready or blocked: it
 * is being killed. The mechanism it waited in has let go of it first. */
void sched_remove(struct task *t)
{
    ASSERT(t != task_current && t->id != 0);
    if (t->state == TASK_READY) {
        struct run_queue *q = &queue[t->priority];
        struct task **pp = &q->head, *prev = NULL;
        while (*pp != t) {
            prev = *pp;
            pp = &(*pp)->next;
        }
        *pp = t->next;
        if (q->tail == t)
            q->tail = prev;
        if (!q->head)
            sched_ready_mask &= ~(1u << t->priority);
    }
    t->block = BLOCK_NONE;
    t->next = NULL;
}

/* A blocked task changes what it waits for without running (a call whose
 * request was taken waits for the reply now). */
void sched_rewait(struct task *t, enum task_block why)
{
    ASSERT(t->state == TASK_BLOCKED && t != task_current && why != BLOCK_NONE);
    t->block = why;
}

/* At the end of every trap: a more urgent task that became ready runs now;
 * the preempted one keeps the head of its queue. */
void sched_preempt_check(void)
{
    struct task *t = task_current;
    if (t->state != TASK_RUNNING || top_priority() <= t->priority)
        return;
    /* Preempted, not done: keep its place at the head of its queue. */
    if (t->id != 0)
        enqueue(t, true);
    sched_switch();
}

uint64_t sched_deadline(uint32_t ms)
{
    uint32_t ticks = ms / ARCH_TICK_MS + (ms % ARCH_TICK_MS != 0);
    return sched_ticks + (ticks ? ticks : 1);
}

/* sleep(ms): the current task waits in BLOCK_SLEEP until its tick. */
void sched_sleep(uint32_t ms)
{
    task_current->wake_tick = sched_deadline(ms);
    trace_block(task_current->id, BLOCK_SLEEP);
    sched_block(BLOCK_SLEEP);
}

uint64_t sched_sleeps_until(const struct task *t)
{
    return t->block == BLOCK_SLEEP ? t->wake_tick : 0;
}

void sched_clock_tick(void)
{
    sched_ticks++;
}

void sched_wake_sleepers(void)
{
    for (int slot = 1; slot < TASK_MAX; slot++) {
        struct task *t = task_at(slot);
        if (t && t->block == BLOCK_SLEEP && t->wake_tick <= sched_ticks)
            sched_wake(t, OK);
    }
}

void sched_slice_end(void)
{
    /* Round-robin: a task of the same priority that is ready takes its
     * turn; a more urgent one would have preempted us already. The idle
     * task (priority 0) leaves as soon as anyone is ready. */
    struct task *cur = task_current;
    if (cur->state == TASK_RUNNING && top_priority() >= cur->priority &&
        top_priority() > 0)
        sched_yield();
}

/* Boot is over: switch to the first task; the boot stack is never used
 * again. */
noreturn void sched_start(void)
{
    static struct arch_task boot;   /* the boot stack's context, never resumed */
    int p = top_priority();
    struct task *next = p ? dequeue(p) : task_lookup(0);
    next->state = TASK_RUNNING;
    task_current = next;
    trace_switch(0, next->id);
    arch_vm_activate(&next->vm);
    arch_switch(&boot, &next->arch);
    panic("sched_start: the boot context was resumed");
}
