/* baton_test.h - checks for test programs run under QEMU. Each check prints
 * one line, "PASS <name>" or "FAIL <name>: <why>", which tests/qemu/run.sh
 * counts; a FAIL line fails the test run. */
#ifndef BATON_TEST_H
#define BATON_TEST_H

#include <baton.h>

/* An address inside the kernel: mapped, but never for user mode. */
#ifdef __riscv
#define TEST_KERNEL_ADDR 0x80000000u     /* start of RAM: the kernel image */
#else
#define TEST_KERNEL_ADDR 0x00100000u     /* 1 MiB: the kernel image */
#endif

/* A message of this type with words[0] = w0, everything else zero. */
static inline struct message test_message(int type, uint32_t w0)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = type;
    m.words[0] = w0;
    return m;
}

#define CHECK(cond, name)                                                     \
    ((cond) ? (void)printf("PASS %s\n", name)                                 \
            : (void)printf("FAIL %s: %s (%s:%d)\n", name, #cond, __FILE__,    \
                           __LINE__))

/* Check that an expression returns exactly the error (or value) expected. */
#define CHECK_EQ(expr, want, name)                                            \
    do {                                                                      \
        long got__ = (long)(expr), want__ = (long)(want);                     \
        if (got__ == want__)                                                  \
            printf("PASS %s\n", name);                                        \
        else                                                                  \
            printf("FAIL %s: %s gave %ld (%s), want %ld (%s) (%s:%d)\n",     \
                   name, #expr, got__, err2str((error_t)got__), want__,        \
                   err2str((error_t)want__), __FILE__, __LINE__);             \
    } while (0)

/* The message that ends the tests' UART driver (tests/qemu/progs/c_uart_drv.c). */
#define UART_DRV_QUIT (MSG_USER + 1)

/* Tell the tests' UART driver to quit. */
static inline void uart_drv_quit(void)
{
    struct message m;
    bzero(&m, sizeof(m));
    m.type = UART_DRV_QUIT;
    if (KINFO->console_driver)
        ipc_send((task_t)KINFO->console_driver, &m);
}

/* Read one line (up to '\n') with console_read, wherever it comes from (the
 * kernel or the UART's driver task): a byte at a time, so that the next
 * line stays where it is. A failed read is a FAIL line. */
static inline void test_read_line(char *buf, size_t size)
{
    size_t n = 0;
    while (n < size - 1 && (n == 0 || buf[n - 1] != '\n')) {
        long got = console_read(buf + n, 1);
        if (got <= 0) {
            printf("FAIL console_read returned %ld (%s)\n", got, err2str((error_t)got));
            break;
        }
        n += (size_t)got;
    }
    buf[n] = '\0';
}

#endif
