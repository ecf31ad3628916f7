/* console.h - the console: output from tasks, and input, read from the UART
 * by the kernel until a driver task acquires it (docs/interrupts.md). */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

struct task;

/* Write len bytes from t's buffer at ubuf: the byte count or an error. */
long console_write(struct task *t, uintptr_t ubuf, size_t len);
/* Read up to len bytes into t's ubuf, blocking until at least one arrives;
 * ERR_IN_USE once the kernel's buffer is empty while a driver holds the
 * UART (then the driver serves reads). */
long console_read(struct task *t, uintptr_t ubuf, size_t len);
/* The UART receive interrupt, no driver holding it: move received bytes
 * into the buffer. */
void console_irq(void);
/* t (NULL: the kernel again) reads the UART from now on. */
void console_set_driver(struct task *t);
/* TRACE_CTL_HOST_RX: the driver's bytes, host commands taken out. */
long console_host_rx(struct task *t, uintptr_t ubuf, size_t len, size_t cap);
/* t is dying: it no longer waits for input. */
void console_task_exit(struct task *t);

#endif
