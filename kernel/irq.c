/* irq.c - interrupts and the timer tick. The port decodes the trap and
 * calls trap_timer or trap_irq; this file decides what they mean: a tick
 * advances time (scheduler, timers); a device line is either served by
 * the kernel itself (the UART, while no driver holds it) or masked and
 * handed to the task that holds it, as a NOTIFY_IRQ notification from the
 * kernel (task 0); the holder unmasks it with irq_ack once it has served
 * the device (Hubris, seL4: docs/interrupts.md). */
#include "irq.h"
#include "arch.h"
#include "trace.h"
#include "task.h"
#include "console.h"
#include "sched.h"
#include "notify.h"
#include "printk.h"

/* One owner per line: who acquired it (NULL: nobody; the kernel serves
 * the UART then), and whether the kernel masked it for that holder and
 * waits for its irq_ack. Both change only with interrupts off. */
static struct task *irq_holder[IRQ_LINES];
static bool irq_masked[IRQ_LINES];

/* The port's wire for a portable line, and back (-1: none of ours). */
static int irq_wire(int irq)
{
    (void)irq;                  /* IRQ_UART is the only portable line */
    return arch_irq_uart();
}

static int irq_portable(int wire)
{
    return wire == arch_irq_uart() ? IRQ_UART : -1;
}

/* irq_acquire: the line's notifications go to me from now on. The UART
 * stops being the kernel's: its bytes are the driver's to read. */
error_t irq_acquire(struct task *me, int irq)
{
    if (irq < 0 || irq >= IRQ_LINES)
        return ERR_INVALID_ARG;
    if (!(me->grants->irqs & (1u << irq)))
        return ERR_NOT_PERMITTED;
    if (irq_holder[irq])
        return ERR_IN_USE;
    irq_holder[irq] = me;
    trace_irq_ctl(me->id, irq_wire(irq), TRACE_IRQ_ACQUIRED);
    if (irq == IRQ_UART)
        console_set_driver(me);
    return OK;
}

/* irq_ack: the holder has served its device; the line may interrupt
 * again. An ack of a line that is not masked changes nothing. */
error_t irq_ack(struct task *me, int irq)
{
    if (irq < 0 || irq >= IRQ_LINES)
        return ERR_INVALID_ARG;
    if (irq_holder[irq] != me)
        return ERR_NOT_PERMITTED;
    if (irq_masked[irq]) {
        irq_masked[irq] = false;
        trace_irq_ctl(me->id, irq_wire(irq), TRACE_IRQ_ACKED);
        arch_irq_enable(irq_wire(irq));
    }
    return OK;
}

/* t is dying: its lines are masked and free for the next task that
 * acquires them. The UART goes back to the kernel, which unmasks it and
 * reads its input again (host commands must keep working). */
void irq_task_exit(struct task *t)
{
    for (int irq = 0; irq < IRQ_LINES; irq++) {
        if (irq_holder[irq] != t)
            continue;
        arch_irq_disable(irq_wire(irq));
        irq_holder[irq] = NULL;
        irq_masked[irq] = false;
        trace_irq_ctl(t->id, irq_wire(irq), TRACE_IRQ_RELEASED);
        if (irq == IRQ_UART) {
            console_set_driver(NULL);
            arch_irq_enable(irq_wire(irq));
        }
    }
}

/* A device interrupt: the port's line number `line`, already acknowledged
 * at the controller. A held line is masked until its holder's irq_ack:
 * the device keeps its request up (or the controller latches it), so
 * nothing is lost, and nothing more arrives before the holder is ready. */
void trap_irq(int line)
{
    trace_irq(line);
    int irq = irq_portable(line);
    if (irq < 0) {
        printk("[baton] unexpected interrupt %d\n", line);
    } else if (irq_holder[irq]) {
        struct task *h = irq_holder[irq];
        arch_irq_disable(line);
        irq_masked[irq] = true;
        trace_irq_ctl(h->id, line, TRACE_IRQ_MASKED);
        notify_post(h, 0, NOTIFY_IRQ);
    } else {
        console_irq();          /* the UART, while no driver holds it */
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
