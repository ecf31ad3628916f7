/* demo_echo.c - the demo's interrupt-driven echo driver: each UART receive
 * interrupt arrives as a NOTIFY_IRQ notification; the driver reads what was
 * typed, echoes it, and repeats each line on Enter. Forever (docs/demo.md). */
#include <baton.h>

static char line[64];
static int len;

/* Echo one typed character, so the typist sees it (the terminal does not),
 * and keep the line; Enter prints the whole line back. */
static void handle_char(char c)
{
    if (c == '\r' || c == '\n') {
        line[len] = '\0';
        printf("\necho: you typed \"%s\"\n", line);
        len = 0;
    } else if ((c == '\b' || c == 0x7f) && len > 0) {
        len--;
        console_write("\b \b", 3);     /* back, blank, back: erase it */
    } else if (c >= ' ' && c <= '~' && len < (int)sizeof(line) - 1) {
        line[len++] = c;
        console_write(&c, 1);
    }
}

int main(void)
{
    ASSERT_OK(irq_acquire(IRQ_UART));
    printf("echo: type a line and press Enter (Ctrl-A X quits QEMU)\n");
    for (;;) {
        struct message m;
        bzero(&m, sizeof(m));
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type != NOTIFICATIONS_MSG || !(m.notifications.data & NOTIFY_IRQ))
            continue;
        /* The interrupt only says "bytes arrived"; console_read fetches
         * them. Interrupts coalesce like any notification, so take all that
         * are buffered, not just one. */
        char buf[32];
        long n = console_read(buf, sizeof(buf));
        if (n < 0) {
            printf("echo: console_read: %s\n", err2str((error_t)n));
            continue;
        }
        for (long i = 0; i < n; i++)
            handle_char(buf[i]);
    }
}
