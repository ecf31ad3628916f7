/* fmt.h - printf formatting shared by the kernel, user programs and host
 * tools: %d %i %u %x %X %p %s %c %% with flags '-' '0', a width, and the
 * 'l'/'ll'/'z' length modifiers. No floating point. */
#ifndef BATON_FMT_H
#define BATON_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Send each output character to put(c, arg); returns the characters made. */
int fmt_format(void (*put)(char c, void *arg), void *arg,
               const char *fmt, va_list ap);
/* vsnprintf/snprintf semantics: always NUL-terminates when size > 0. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
