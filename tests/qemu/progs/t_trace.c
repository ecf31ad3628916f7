/* t_trace.c - the task of tests/trace/run.sh: reads a line typed on the
 * console, in the middle of which the host sends a trace command that the
 * kernel must take out; prints what it read. Booted with trace=sched, its
 * console read is a traced block. */
#include <baton_test.h>

int main(void)
{
    printf("t_trace: ready for input\n");
    char buf[64];
    size_t n = 0;
    while (n < sizeof(buf) - 1) {
        long got = console_read(buf + n, sizeof(buf) - 1 - n);
        if (got <= 0)
            break;
        n += (size_t)got;
        if (buf[n - 1] == '\n')
            break;
    }
    buf[n] = '\0';
    CHECK(strcmp(buf, "hello\n") == 0, "trace: the host command is not input");
    printf("t_trace: got %s", buf);
    return 0;
}
