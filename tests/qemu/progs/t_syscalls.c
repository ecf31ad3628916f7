/* t_syscalls.c - every system call with good arguments, then with bad ones:
 * kernel pointers, unmapped pointers, wrapping ranges, huge sizes, read-only
 * buffers. Each bad call must return an error; the kernel must survive. */
#include <baton_test.h>

static char rw_buf[64];
static const char ro_buf[64] = "read-only data";

int main(void)
{
    task_t me = task_self();
    CHECK(me >= 1 && me < TASK_MAX, "task_self gives a user task id");
    CHECK_EQ(console_write("syscalls: hello\n", 16), 16, "console_write returns its length");
    CHECK_EQ(console_write(rw_buf, 0), 0, "console_write of 0 bytes");
    uint32_t t0 = uptime_ms();
    CHECK_EQ(sleep_ms(30), OK, "sleep_ms returns OK");
    CHECK(uptime_ms() - t0 >= 30, "uptime advances across a sleep");
    CHECK_EQ(sleep_ms(0), OK, "sleep_ms(0) returns OK");
    CHECK(kobjects(KOBJ_PAGES) > 0, "kobjects counts pages");
    CHECK(kobjects(KOBJ_TASKS) >= 1, "kobjects counts tasks");
    CHECK_EQ(kobjects(99), ERR_INVALID_ARG, "kobjects with an unknown kind");

    /* Bad pointers: the kernel, below user space, unmapped, wrapping. */
    CHECK_EQ(console_write((void *)0x80001000u, 8), ERR_BAD_ADDRESS, "write from a kernel address (rv32 RAM)");
    CHECK_EQ(console_write((void *)0x00101000u, 8), ERR_BAD_ADDRESS, "write from a kernel address (i386 image)");
    CHECK_EQ(console_write(NULL, 8), ERR_BAD_ADDRESS, "write from NULL");
    CHECK_EQ(console_write((void *)0x45000000u, 8), ERR_BAD_ADDRESS, "write from unmapped user memory");
    CHECK_EQ(console_write((void *)0xfffffff0u, 0x20), ERR_BAD_ADDRESS, "write from a range that wraps");
    CHECK_EQ(console_write(rw_buf, 0xffffffffu), ERR_TOO_LARGE, "write of a huge size");
    CHECK_EQ(console_write(rw_buf, CONSOLE_WRITE_MAX + 1), ERR_TOO_LARGE, "write one byte over the limit");
    CHECK_EQ(console_write((void *)(USER_STACK_TOP - 16), 32), ERR_BAD_ADDRESS, "write running off the top of the stack");
    CHECK_EQ(console_read((void *)0x80001000u, 8), ERR_BAD_ADDRESS, "read into a kernel address");
    CHECK_EQ(console_read((void *)ro_buf, 8), ERR_BAD_ADDRESS, "read into read-only memory");
    CHECK_EQ(console_read((void *)main, 8), ERR_BAD_ADDRESS, "read into program text");
    CHECK_EQ(console_read((void *)0x45000000u, 8), ERR_BAD_ADDRESS, "read into unmapped memory");
    CHECK_EQ(console_read(rw_buf, 0xffffffffu), ERR_BAD_ADDRESS, "read of a huge size");
    CHECK_EQ(console_read(rw_buf, 0), 0, "read of 0 bytes");
    CHECK_EQ(syscall(SYS_KOBJECTS, 0xffffffffu, 0, 0, 0, 0, 0), ERR_INVALID_ARG, "kobjects with a huge kind");

    printf("syscalls: survived\n");
    return 0;
}
