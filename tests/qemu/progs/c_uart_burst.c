/* c_uart_burst.c - conformance, uart_burst: 4 KiB typed into the UART
 * reach a client byte for byte and in order, through the driver task
 * (c_uart_drv.c: the console input server of user/lib/uart.c, with its
 * masked line, register reads, irq_ack and IPC replies). uart_burst.input
 * holds the bytes: 64 lines of 64, made as expected() says. */
#include <baton_test.h>

#define BURST 4096

/* Byte i of the burst: line i / 64 is "NN:" then 60 letters, then '\n'. */
static char expected(unsigned i)
{
    unsigned line = i / 64, col = i % 64;
    if (col == 0)
        return (char)('0' + line / 10);
    if (col == 1)
        return (char)('0' + line % 10);
    if (col == 2)
        return ':';
    if (col == 63)
        return '\n';
    return (char)('a' + (line * 7 + col) % 26);
}

int main(void)
{
    while (KINFO->console_driver == 0)      /* the driver acquires the UART */
        sleep_ms(10);
    printf("burst: ready for input\n");
    unsigned n = 0, bad = BURST;
    while (n < BURST) {
        char buf[CONSOLE_READ_MAX];
        long got = console_read(buf, sizeof(buf));
        if (got <= 0) {
            printf("FAIL burst: console_read returned %ld (%s)\n", got, err2str((error_t)got));
            break;
        }
        for (long i = 0; i < got && n < BURST; i++, n++)
            if (bad == BURST && buf[i] != expected(n))
                bad = n;
    }
    CHECK_EQ(n, BURST, "burst: every byte arrived");
    if (bad != BURST)
        printf("burst: first wrong byte at %u\n", bad);
    CHECK_EQ(bad, BURST, "burst: byte for byte, in order");
    printf("burst: done\n");
    uart_drv_quit();
    return 0;
}
