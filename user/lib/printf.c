/* printf.c - formatted console output for user programs. Output is gathered
 * in a line buffer so that each line leaves in one system call: lines from
 * different tasks do not interleave mid-line. */
#include <baton.h>

struct line {
    char buf[128];
    size_t len;
};

static void flush(struct line *l)
{
    if (l->len)
        console_write(l->buf, l->len);
    l->len = 0;
}

static void put(char c, void *arg)
{
    struct line *l = arg;
    l->buf[l->len++] = c;
    if (c == '\n' || l->len == sizeof(l->buf))
        flush(l);
}

int printf(const char *fmt, ...)
{
    struct line l = { .len = 0 };
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_format(put, &l, fmt, ap);
    va_end(ap);
    flush(&l);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}
