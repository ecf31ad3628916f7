/* console.h - the console: output from tasks, and input from the UART's
 * receive interrupt kept in a small buffer until a task reads it. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

struct task;

/* Write len bytes from t's buffer at ubuf: the byte count or an error. */
long console_write(struct task *t, uintptr_t ubuf, size_t len);
/* Read up to len bytes into t's ubuf, blocking until at least one arrives. */
long console_read(struct task *t, uintptr_t ubuf, size_t len);
/* The UART receive interrupt: move received bytes into the buffer. */
void console_irq(void);
/* t is dying: it no longer waits for input. */
void console_task_exit(struct task *t);

#endif
