/* irq.h - interrupts and the timer, as the portable kernel sees them: the
 * port decodes a trap and calls trap_timer or trap_irq (arch.h); here a
 * device's line goes to the one task that acquired it, as a notification,
 * masked until that task acknowledges it. The lines have portable names
 * (IRQ_UART, <baton/ipc.h>); a port maps its own wires to them. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <baton/error.h>

struct task;

/* irq_acquire(irq): me becomes the line's only holder, if its manifest
 * grants it. ERR_INVALID_ARG, ERR_NOT_PERMITTED, ERR_IN_USE. */
error_t irq_acquire(struct task *me, int irq);
/* irq_ack(irq): unmask the line the kernel masked when it last notified
 * me. ERR_INVALID_ARG (no such line), ERR_NOT_PERMITTED (not my line). */
error_t irq_ack(struct task *me, int irq);
/* t is dying: its lines are masked and free for another task. */
void irq_task_exit(struct task *t);

#endif
