/* c_irq.c - conformance, ipc_irq: irq_acquire needs the manifest grant and
 * a free line; each UART receive interrupt is a NOTIFY_IRQ notification from
 * the kernel, and the driver reads the bytes from the UART's registers
 * (run.sh feeds ipc_irq.input). */
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

    /* The driver reads the receive register until it is empty, then
     * acknowledges: each later interrupt is one more NOTIFY_IRQ. */
    char buf[sizeof(expected) + 16];
    size_t n = 0;
    for (;;) {
        while (n < sizeof(buf) && (uart_reg_read(UART_LSR) & UART_LSR_RX_READY))
            buf[n++] = (char)uart_reg_read(UART_RBR);
        CHECK_EQ(irq_ack(IRQ_UART), OK, "irq: irq_ack after reading");
        if (n == 0 || buf[n - 1] == '\n' || n == sizeof(buf))
            break;
        if (ipc_recv(IPC_ANY, &m) != OK || m.type != NOTIFICATIONS_MSG ||
            m.notifications.data != NOTIFY_IRQ || m.notifications.senders != 1u) {
            printf("FAIL irq: a later interrupt is NOTIFY_IRQ from the kernel\n");
            break;
        }
    }
    CHECK_EQ(n, sizeof(expected) - 1, "irq: the registers give every byte of the line");
    CHECK(n == sizeof(expected) - 1 && memcmp(buf, expected, n) == 0,
          "irq: the registers give the bytes that were typed");
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
