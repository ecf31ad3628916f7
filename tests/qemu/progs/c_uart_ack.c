/* c_uart_ack.c - conformance, uart_ack: the mask-notify-acknowledge cycle
 * seen by a driver that reads the UART's registers itself. An interrupt
 * that came before the driver waited is pending; while the driver has not
 * acknowledged, no second one arrives, and the other tasks run on; after
 * irq_ack the rest of the input does. irq_ack's errors. */
#include <baton_test.h>

enum { DRIVER = 1, OTHER = 2 };

/* The line in tests/qemu/uart_ack.input: longer than rv32's 16-byte FIFO. */
static const char expected[] = "abcdefghij0123456789ABCDEFGHIJ\n";

static char line[64];
static size_t len;

/* Read the receive register until it is empty. */
static void drain(void)
{
    while ((uart_reg_read(UART_LSR) & UART_LSR_RX_READY) && len < sizeof(line) - 1)
        line[len++] = (char)uart_reg_read(UART_RBR);
}

static void driver(void)
{
    CHECK_EQ(irq_ack(IRQ_UART), ERR_NOT_PERMITTED, "ack: irq_ack of a line not held");
    CHECK_EQ(irq_ack(1), ERR_INVALID_ARG, "ack: irq_ack of line 1 (no such line)");
    CHECK_EQ(irq_ack(-1), ERR_INVALID_ARG, "ack: irq_ack of line -1");
    CHECK_EQ(irq_ack(32), ERR_INVALID_ARG, "ack: irq_ack of line 32");
    CHECK_EQ(irq_acquire(IRQ_UART), OK, "ack: the driver acquires the UART");
    CHECK_EQ(irq_ack(IRQ_UART), OK, "ack: irq_ack of a line not masked changes nothing");
    printf("ack: ready for input\n");
    /* Not waiting for a message: the bytes arrive first. */
    while (!(uart_reg_read(UART_LSR) & UART_LSR_RX_READY))
        sleep_ms(10);
    struct message m;
    CHECK_EQ(ipc_recv_noblock(IPC_ANY, &m), OK, "ack: the interrupt before the wait is pending");
    CHECK(m.type == NOTIFICATIONS_MSG && m.notifications.data == NOTIFY_IRQ &&
          m.notifications.senders == 1u, "ack: it is NOTIFY_IRQ from the kernel");
    /* One byte read makes room for the next (a new edge on i386, a line
     * still up on rv32): masked, neither interrupts until the ack. */
    line[len++] = (char)uart_reg_read(UART_RBR);
    CHECK_EQ(ipc_send(OTHER, &m), OK, "ack: the other task starts counting");
    CHECK_EQ(timer_set(200), OK, "ack: a timer while the line is masked");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "ack: the driver waits, not acknowledging");
    CHECK(m.type == NOTIFICATIONS_MSG && m.notifications.data == NOTIFY_TIMER,
          "ack: only the timer: no interrupt while unacknowledged");
    drain();
    CHECK_EQ(irq_ack(IRQ_UART), OK, "ack: irq_ack unmasks the line");
    while (len == 0 || line[len - 1] != '\n') {
        if (ipc_recv(IPC_ANY, &m) != OK || !(m.notifications.data & NOTIFY_IRQ))
            break;
        drain();
        irq_ack(IRQ_UART);
    }
    line[len] = '\0';
    CHECK(strcmp(line, expected) == 0, "ack: after irq_ack the rest of the line arrives");
    CHECK_EQ(ipc_send(OTHER, &m), OK, "ack: the other task stops");
    printf("ack: driver done\n");
}

/* Runs while the driver's line is masked, until the driver says stop. */
static void other(void)
{
    CHECK_EQ(irq_ack(IRQ_UART), ERR_NOT_PERMITTED, "ack: irq_ack without the grant");
    struct message m;
    CHECK_EQ(ipc_recv(DRIVER, &m), OK, "ack: the other task is told to start");
    unsigned runs = 0;
    while (ipc_recv_noblock(DRIVER, &m) != OK) {
        runs++;
        sleep_ms(10);
    }
    CHECK(runs > 0, "ack: another task ran while the line was masked");
}

int main(void)
{
    switch (task_self()) {
    case DRIVER: driver(); break;
    case OTHER: other(); break;
    default: printf("FAIL ack: unexpected task id %d\n", task_self());
    }
    return 0;
}
