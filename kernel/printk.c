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

noreturn void panic(const char *fmt, ...)
{
    va_list ap;
    printk("\nPANIC: ");    /* (drains the trace: what led here) */
    va_start(ap, fmt);
    fmt_format(console_put, NULL, fmt, ap);
    va_end(ap);
    printk("\n");
    arch_poweroff(1);
}
