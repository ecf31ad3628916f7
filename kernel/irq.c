/* irq.c - interrupts and the timer tick. The port decodes the trap and
 * calls trap_timer or trap_irq; this file decides what they mean: a tick
 * advances time (scheduler, timers), a device line is served and its
 * holder notified (NOTIFY_IRQ from the kernel, task 0). */
#include "irq.h"
#include "arch.h"
#include "trace.h"
#include "task.h"
#include "console.h"
#include "sched.h"
#include "notify.h"
#include "printk.h"

/* Who acquired each line, or NULL. */
static struct task *irq_holder[IRQ_LINES];

/* irq_acquire: the line's notifications go to me from now on. */
error_t irq_acquire(struct task *me, int irq)
{
    if (irq < 0 || irq >= IRQ_LINES)
        return ERR_INVALID_ARG;
    if (!(me->grants->irqs & (1u << irq)))
        return ERR_NOT_PERMITTED;
    if (irq_holder[irq])
        return ERR_IN_USE;
    irq_holder[irq] = me;
    return OK;
}

/* t is dying: its lines are free for the next task that acquires them. */
void irq_task_exit(struct task *t)
{
    for (int irq = 0; irq < IRQ_LINES; irq++)
        if (irq_holder[irq] == t)
            irq_holder[irq] = NULL;
}

/* A device interrupt: the port's line number `line`. */
void trap_irq(int line)
{
    trace_irq(line);
    /* The kernel drains the UART (a level-triggered line stays up until
     * the bytes are read); the task that acquired it hears of it as a
     * NOTIFY_IRQ notification, and fetches the bytes with console_read. */
    if (line == arch_irq_uart()) {
        console_irq();
        if (irq_holder[IRQ_UART])
            notify_post(irq_holder[IRQ_UART], 0, NOTIFY_IRQ);
    } else {
        printk("[baton] unexpected interrupt %d\n", line);
    }
    sched_preempt_check();
}

/* The timer interrupt: one tick. The order is fixed, so that a run (and
 * its trace) is the same every time: time advances, armed timers fire,
 * sleepers due wake, and last the running task's time slice may end, so
 * that what just woke can take its turn. */
void trap_timer(void)
{
    sched_clock_tick();
    notify_tick();
    sched_wake_sleepers();
    sched_slice_end();
}
