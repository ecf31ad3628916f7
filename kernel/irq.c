/* irq.c - device interrupts: the port decodes the line, we decide who gets
 * it. For now the UART's receive interrupt feeds the console. */
#include "arch.h"
#include "console.h"
#include "sched.h"
#include "printk.h"

void trap_irq(int irq)
{
    if (irq == arch_irq_uart())
        console_irq();
    else
        printk("[baton] unexpected interrupt %d\n", irq);
    sched_preempt_check();
}
