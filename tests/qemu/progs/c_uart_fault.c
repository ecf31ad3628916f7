/* c_uart_fault.c - conformance, uart_fault: a driver that faults releases
 * the UART (masked, back to the kernel, which keeps reading it), a second
 * driver acquires it and serves the client; a task without the grant
 * faults on its first touch of a register. Roles by task id. */
#include <baton_test.h>

enum { CLIENT = 1, DRV1 = 2, DRV2 = 3, NOGRANT = 4 };

static void wait_driver(task_t id)
{
    while (KINFO->console_driver != (uint32_t)id)
        sleep_ms(10);
}

static void client(void)
{
    char buf[64];
    wait_driver(DRV1);
    printf("fault: ready for input\n");
    test_read_line(buf, sizeof(buf));
    CHECK(strcmp(buf, "first line\n") == 0, "fault: the first line arrives whole");
    wait_driver(DRV2);
    printf("fault: ready for more\n");
    test_read_line(buf, sizeof(buf));
    CHECK(strcmp(buf, "second line\n") == 0, "fault: the second line arrives whole");
    CHECK_EQ(KINFO->console_driver, DRV2, "fault: ... through the second driver");
    uart_drv_quit();
}

/* Takes the line, and faults at its first interrupt, before reading. */
static void drv1(void)
{
    CHECK_EQ(irq_acquire(IRQ_UART), OK, "fault: the first driver acquires the UART");
    struct message m;
    while (ipc_recv(IPC_ANY, &m) == OK &&
           !(m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_IRQ)))
        ;
    *(volatile int *)0 = 1;
    printf("FAIL fault: the first driver survived its fault\n");
}

static void drv2(void)
{
    CHECK_EQ(irq_acquire(IRQ_UART), ERR_IN_USE, "fault: a second driver waits its turn");
    struct message m;
    CHECK_EQ(ipc_recv(DRV1, &m), ERR_ABORTED, "fault: the first driver dies");
    CHECK_EQ(console_server_init(), OK, "fault: a second driver acquires the released line");
    while (console_server_once(&m) == OK && m.type != UART_DRV_QUIT)
        ;
    printf("fault: second driver quits\n");
}

static void nogrant(void)
{
    CHECK_EQ(irq_acquire(IRQ_UART), ERR_NOT_PERMITTED, "fault: no grant, no line");
    printf("fault: nogrant touches the UART\n");
    uart_reg_read(UART_LSR);
    printf("FAIL fault: a task without the grant read the UART\n");
}

int main(void)
{
    switch (task_self()) {
    case CLIENT: client(); break;
    case DRV1: drv1(); break;
    case DRV2: drv2(); break;
    case NOGRANT: nogrant(); break;
    default: printf("FAIL fault: unexpected task id %d\n", task_self());
    }
    return 0;
}
