/* printk.h - kernel console output, assertions and panic. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdarg.h>
#include <stdnoreturn.h>

/* printf-style output to the UART (see lib/fmt.c for the formats). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "PANIC: <reason>" and stop QEMU with a failure status. */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An invariant the kernel relies on; a broken one is a kernel bug. */
#define ASSERT(cond)                                                          \
    do {                                                                      \
        if (!(cond))                                                          \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
    } while (0)

#endif
