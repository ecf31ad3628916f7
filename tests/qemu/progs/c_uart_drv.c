/* c_uart_drv.c - the UART driver of the conformance tests: the console
 * input server of user/progs/uart.c (user/lib/uart.c), which also ends
 * when a task sends it UART_DRV_QUIT, so that a test run can finish. */
#include <baton_test.h>

int main(void)
{
    CHECK_EQ(console_server_init(), OK, "drv: the driver acquires the UART");
    for (;;) {
        struct message m;
        error_t err = console_server_once(&m);
        if (err != OK)
            printf("FAIL drv: receive: %s\n", err2str(err));
        if (err == OK && m.type == UART_DRV_QUIT)
            break;
    }
    printf("drv: driver quits\n");
    return 0;
}
