/* c_irq.c - conformance, ipc_irq: irq_acquire needs the manifest grant and
 * a free line; each UART receive interrupt is a NOTIFY_IRQ notification from
 * the kernel, and the bytes come with console_read (run.sh feeds ipc_irq.input). */
#include <baton_test.h>

enum { DRIVER = 1, RIVAL = 2, NOGRANT = 3 };

/* The line in tests/qemu/ipc_irq.input: longer than the UART's 16-byte FIFO. */
static const char expected[] = "baton irq test: 0123456789 abcdefghij\n";

static void driver(void)
{
    CHECK_EQ(irq_acquire(1), ERR_INVALID_ARG, "irq: acquire irq 1 (no such line)");
    CHECK_EQ(irq_acquire(-1), ERR_INVALID_ARG, "irq: acquire irq -1");
    CHECK_EQ(irq_acquire(32), ERR_INVALID_ARG, "irq: acquire irq 32");
    CHECK_EQ(irq_acquire(999), ERR_INVALID_ARG, "irq: acquire irq 999");
    CHECK_EQ(irq_acquire(IRQ_UART), OK, "irq: acquire the UART with the grant");
    printf("irq: ready for input\n");

    struct message m;
    memset(&m, 0x5a, sizeof(m));
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "irq: recv(any) wakes on input");
    CHECK_EQ(m.type, NOTIFICATIONS_MSG, "irq: the interrupt arrives as NOTIFICATIONS_MSG");
    CHECK_EQ(m.src, 0, "irq: its src is 0");
    CHECK_EQ(m.notifications.data, NOTIFY_IRQ, "irq: its bits are NOTIFY_IRQ");
    CHECK_EQ(m.notifications.senders, 1u << 0, "irq: its sender is the kernel (bit 0)");

    char buf[sizeof(expected) + 16];
    size_t n = 0;
    while (n < sizeof(expected) - 1) {
        long got = console_read(buf + n, sizeof(buf) - n);
        if (got <= 0) {
            printf("FAIL irq: console_read returned %ld (%s)\n", got, err2str((error_t)got));
            break;
        }
        n += (size_t)got;
        if (buf[n - 1] == '\n')
            break;
    }
    CHECK_EQ(n, sizeof(expected) - 1, "irq: console_read gets every byte of the line");
    CHECK(n == sizeof(expected) - 1 && memcmp(buf, expected, n) == 0,
          "irq: console_read gets the bytes that were typed");
    /* Later interrupts may have coalesced into one more notification: if
     * there is one, it is NOTIFY_IRQ from the kernel and nothing else. */
    if (ipc_recv_noblock(IPC_ANY, &m) == OK)
        CHECK(m.type == NOTIFICATIONS_MSG && m.notifications.data == NOTIFY_IRQ &&
              m.notifications.senders == 1u, "irq: a later notification is NOTIFY_IRQ too");
    printf("irq: driver done\n");
}

static void rival(void)
{
    CHECK_EQ(irq_acquire(IRQ_UART), ERR_IN_USE, "irq: a second holder gets ERR_IN_USE");
    /* Once the driver has exited (which ends our wait), the line is free. */
    struct message m;
    CHECK_EQ(ipc_recv(DRIVER, &m), ERR_ABORTED, "irq: the rival waits until the driver exits");
    CHECK_EQ(irq_acquire(IRQ_UART), OK, "irq: the line is free once its holder exits");
}

int main(void)
{
    switch (task_self()) {
    case DRIVER: driver(); break;
    case RIVAL: rival(); break;
    case NOGRANT:
        CHECK_EQ(irq_acquire(IRQ_UART), ERR_NOT_PERMITTED, "irq: acquire without the grant");
        break;
    default: printf("FAIL irq: unexpected task id %d\n", task_self());
    }
    return 0;
}
