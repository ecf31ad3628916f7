/* irq.c - device interrupts: the port decodes the line, we decide who gets
 * it. For now the UART's receive interrupt feeds the console. */
#include "arch.h"
#include "trace.h"
#include "console.h"
#include "sched.h"
#include "printk.h"
#include "notify.h"

void trap_irq(int irq)
{
    trace_irq(irq);
    /* The kernel drains the UART (a level-triggered line stays up until
     * the bytes are read); the task that acquired it hears of it as a
     * NOTIFY_IRQ notification, and fetches the bytes with console_read. */
    if (irq == arch_irq_uart()) {
        console_irq();
        notify_irq(IRQ_UART);
    }
    else
        printk("[baton] unexpected interrupt %d\n", irq);
    sched_preempt_check();
}
