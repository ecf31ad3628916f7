/* printk.c - the kernel's console output and panic(). */
#include "printk.h"
#include "arch.h"
#include "trace.h"
#include <baton/fmt.h>

static void console_put(char c, void *arg)
{
    (void)arg;
    arch_console_putc(c);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    trace_drain();          /* events that came before the text go first */
    va_start(ap, fmt);
    fmt_format(console_put, NULL, fmt, ap);
    va_end(ap);
}

/* One line straight to the UART: no formatting, no trace, nothing that
 * could be what faulted in the first panic. */
static void console_puts_raw(const char *s)
{
    while (*s)
        arch_console_putc(*s++);
}

/* How deep in panic() we are: a fault inside panic() (a bad format
 * argument, an instruction the CPU lacks, a broken UART path) comes back
 * here, and must not print PANIC forever. */
static volatile int panic_depth;

noreturn void panic(const char *fmt, ...)
{
    va_list ap;
    int depth = ++panic_depth;
    if (depth == 2) {       /* the first panic faulted: say so, and stop */
        console_puts_raw("\nPANIC: panic() itself faulted (a second panic); halting\n");
        arch_poweroff(1);
    }
    if (depth > 2)          /* even that faulted: stop without a word */
        for (;;)
            ;
    printk("\nPANIC: ");    /* (drains the trace: what led here) */
    va_start(ap, fmt);
    fmt_format(console_put, NULL, fmt, ap);
    va_end(ap);
    printk("\n");
    arch_poweroff(1);
}
