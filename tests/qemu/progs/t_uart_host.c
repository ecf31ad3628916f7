/* t_uart_host.c - the tasks of tests/trace/uart.sh: the host's commands
 * (ESC _ B M<hex> ESC \, what the viewer's T key sends) are obeyed before
 * the UART's driver runs, while it runs, and after it is gone, and never
 * reach a reader. Each phase's typed line sets a trace mask of its own. */
#include <baton_test.h>

enum { CLIENT = 1, DRIVER = 2 };
#define START (MSG_USER + 2)

/* One phase: its prompt, its line, the mask its command set. */
static void phase(int k, const char *line, uint32_t mask, const char *when)
{
    char buf[32], name[80];
    printf("host: ready for input %d\n", k);
    test_read_line(buf, sizeof(buf));
    snprintf(name, sizeof(name), "host: the line without the command, %s", when);
    CHECK(strcmp(buf, line) == 0, name);
    snprintf(name, sizeof(name), "host: the command obeyed, %s", when);
    CHECK_EQ(trace_get_mask(), mask, name);
}

static void client(void)
{
    CHECK_EQ(KINFO->console_driver, 0, "host: no driver yet");
    phase(1, "one\n", 0x4, "before the driver runs");
    struct message m;
    bzero(&m, sizeof(m));
    m.type = START;
    CHECK_EQ(ipc_call(DRIVER, &m), OK, "host: the driver starts");
    CHECK_EQ(KINFO->console_driver, DRIVER, "host: the driver holds the UART");
    phase(2, "two\n", 0x1c, "with the driver");
    uart_drv_quit();
    while (KINFO->console_driver != 0)
        sleep_ms(10);
    phase(3, "three\n", 0x14, "after the driver is gone");
    printf("host: done\n");
}

static void driver(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(CLIENT, &m), OK, "host: the driver waits for its start");
    CHECK_EQ(console_server_init(), OK, "host: the driver acquires the UART");
    CHECK_EQ(ipc_reply(CLIENT, &m), OK, "host: the driver says so");
    while (console_server_once(&m) == OK && m.type != UART_DRV_QUIT)
        ;
}

int main(void)
{
    switch (task_self()) {
    case CLIENT: client(); break;
    case DRIVER: driver(); break;
    default: printf("FAIL host: unexpected task id %d\n", task_self());
    }
    return 0;
}
