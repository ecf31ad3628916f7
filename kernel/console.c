/* console.c - console output for tasks, and input. Input has two owners in
 * turn: the kernel, whose UART interrupt fills a ring buffer for tasks
 * blocked in console_read(), until a driver task acquires the UART; then
 * the driver, which reads the receive register itself and serves reads
 * over IPC (docs/interrupts.md), until it dies and the kernel takes over
 * again. The trace shares the UART both ways: its frames go out between
 * console writes, and host commands are taken out of the input, by the
 * kernel or, through console_host_rx, of what the driver read. */
#include "console.h"
#include "arch.h"
#include "sched.h"
#include "vm.h"
#include "trace.h"
#include "task.h"
#include "kinfo.h"
#include <baton/syscall.h>

#define INPUT_SIZE 128
#define HOST_RX_MAX 64          /* bytes a driver filters in one call */
#define HOST_RX_GROWTH 2        /* bytes a call may give back beyond them */

static char input[INPUT_SIZE];
static unsigned in_head, in_tail;      /* free-running; head - tail = count */
static struct task *reader;            /* blocked in console_read(), or NULL */
static struct task *driver;            /* holds the UART, or NULL: the kernel */

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

/* What the kernel buffered is read first, even once a driver holds the
 * UART (those bytes were typed before it came); then, while a driver
 * holds it, ERR_IN_USE says "ask the driver" (the user library does). */
long console_read(struct task *t, uintptr_t ubuf, size_t len)
{
    if (!vm_user_ok(t, ubuf, len, true))
        return ERR_BAD_ADDRESS;
    if (len == 0)
        return 0;
    if (reader)
        return ERR_IN_USE;              /* one reader at a time */
    while (in_head == in_tail) {
        if (driver)
            return ERR_IN_USE;
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

/* The kernel's own UART interrupt (no driver): the kernel reads the
 * receive register until it is empty. */
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

/* From now on t (NULL: the kernel) reads the UART. A reader blocked on the
 * kernel's empty buffer goes to the driver; once the driver is gone, the
 * kernel reads what it left in the UART. */
void console_set_driver(struct task *t)
{
    driver = t;
    if (kinfo)
        kinfo->console_driver = t ? (uint32_t)t->id : 0;
    if (t && reader) {
        struct task *r = reader;
        reader = NULL;
        sched_wake(r, ERR_IN_USE);
    }
    if (!t)
        console_irq();
}

/* Bytes that a host command left for the driver (console_host_rx). */
static char rx_kept[HOST_RX_MAX + HOST_RX_GROWTH];
static unsigned rx_kept_len;

static void rx_keep(char c)
{
    if (rx_kept_len < sizeof(rx_kept))
        rx_kept[rx_kept_len++] = c;
}

/* The driver hands over the len bytes it read at ubuf; the kernel obeys
 * the host commands among them and leaves the rest in ubuf (cap bytes, at
 * least len + 2: an ESC held back from an earlier call may come out).
 * Returns the bytes left. Only the UART's driver may: the others could
 * forge the host's commands. */
long console_host_rx(struct task *t, uintptr_t ubuf, size_t len, size_t cap)
{
    if (t != driver)
        return ERR_NOT_PERMITTED;
    if (len > HOST_RX_MAX)
        return ERR_TOO_LARGE;
    if (cap < len + HOST_RX_GROWTH)
        return ERR_TOO_SMALL;
    if (!vm_user_ok(t, ubuf, cap, true))
        return ERR_BAD_ADDRESS;
    char in[HOST_RX_MAX];
    vm_copy_from_user(t, in, ubuf, len);
    rx_kept_len = 0;
    for (size_t i = 0; i < len; i++)
        trace_rx(in[i], rx_keep);
    vm_copy_to_user(t, ubuf, rx_kept, rx_kept_len);
    return (long)rx_kept_len;
}
