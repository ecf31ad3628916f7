/* demo_echo.c - the demo's echo: it reads what is typed with console_read,
 * which the UART's driver task answers over IPC once it runs (the kernel
 * before: docs/interrupts.md), echoes it, and repeats each line on Enter.
 * Forever (docs/demo.md). */
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
    printf("echo: type a line and press Enter (Ctrl-A X quits QEMU)\n");
    for (;;) {
        /* Blocks until something is typed: in a call to the driver (or,
         * before the driver runs, in the kernel). */
        char buf[16];
        long n = console_read(buf, sizeof(buf));
        if (n < 0) {
            printf("echo: console_read: %s\n", err2str((error_t)n));
            sleep_ms(1000);
            continue;
        }
        for (long i = 0; i < n; i++)
            handle_char(buf[i]);
    }
}
