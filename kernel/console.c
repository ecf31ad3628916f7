/* console.c - console output for tasks, and input: the UART interrupt fills a
 * ring buffer, a task blocked in console_read() is woken to take the bytes.
 * The trace shares the UART both ways: its frames go out between console
 * writes, and host commands are taken out of the input (kernel/trace.c). */
#include "console.h"
#include "arch.h"
#include "sched.h"
#include "vm.h"
#include "trace.h"
#include <baton/syscall.h>

#define INPUT_SIZE 128

static char input[INPUT_SIZE];
static unsigned in_head, in_tail;      /* free-running; head - tail = count */
static struct task *reader;            /* blocked in console_read(), or NULL */

long console_write(struct task *t, uintptr_t ubuf, size_t len)
{
    if (len > CONSOLE_WRITE_MAX)
        return ERR_TOO_LARGE;
    /* Validate it all first, so a bad buffer prints nothing at all. */
    if (!vm_user_ok(t, ubuf, len, false))
        return ERR_BAD_ADDRESS;
    trace_drain();          /* events that came before the text go first */
    char chunk[64];
    for (size_t done = 0; done < len;) {
        size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        vm_copy_from_user(t, chunk, ubuf + done, n);
        for (size_t i = 0; i < n; i++)
            arch_console_putc(chunk[i]);
        done += n;
    }
    return (long)len;
}

long console_read(struct task *t, uintptr_t ubuf, size_t len)
{
    if (!vm_user_ok(t, ubuf, len, true))
        return ERR_BAD_ADDRESS;
    if (len == 0)
        return 0;
    if (reader)
        return ERR_IN_USE;              /* one reader at a time */
    while (in_head == in_tail) {
        reader = t;
        trace_block(t->id, BLOCK_CONSOLE);
        sched_block(BLOCK_CONSOLE);
    }
    size_t n = 0;
    for (; n < len && in_tail != in_head; n++) {
        char c = input[in_tail++ % INPUT_SIZE];
        vm_copy_to_user(t, ubuf + n, &c, 1);
    }
    return (long)n;
}

/* t is dying: if it waits for input, nobody does now. */
void console_task_exit(struct task *t)
{
    if (reader == t)
        reader = NULL;
}

/* One received byte for the readers; dropped when the buffer is full. */
static void input_put(char c)
{
    if (in_head - in_tail < INPUT_SIZE)
        input[in_head++ % INPUT_SIZE] = c;
}

void console_irq(void)
{
    int c;
    while ((c = arch_console_getc()) >= 0)
        trace_rx((char)c, input_put);   /* host commands are taken out */
    if (reader && in_head != in_tail) {
        struct task *t = reader;
        reader = NULL;
        sched_wake(t, OK);
    }
}
