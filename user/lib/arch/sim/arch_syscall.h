/* arch_syscall.h (sim) - in the host simulator a system call is a function
 * call: the number and arguments go in an array on the user stack, and
 * sim_syscall_entry (sim/switch.S) carries them to the kernel and back. */
#ifndef USER_ARCH_SYSCALL_H
#define USER_ARCH_SYSCALL_H

#include <stdint.h>

/* slots[0] = number (the return value on the way back), [1..6] = args. */
void sim_syscall_entry(uint32_t slots[7]);
/* The simulator's virtual cycle counter (sim/time.c). */
uint64_t sim_user_cycles(void);
/* The simulator's UART model (sim/time.c), for a task granted it. */
uint8_t sim_user_uart_read(int reg);
void sim_user_uart_write(int reg, uint8_t v);

/* Make a system call; out (may be NULL) receives the six argument slots as
 * the kernel left them, for calls that return more than one word. */
static inline long arch_syscall(long n, uint32_t a[6], uint32_t out[6])
{
    uint32_t s[7] = { (uint32_t)n, a[0], a[1], a[2], a[3], a[4], a[5] };
    sim_syscall_entry(s);
    if (out) {
        for (int i = 0; i < 6; i++)
            out[i] = s[i + 1];
    }
    /* The kernel returns 32 bits; long is 64 here: sign-extend the errors. */
    return (long)(int32_t)s[0];
}

/* A system call with no argument (task_self, uptime_ms). */
static inline long arch_syscall0(long n)
{
    uint32_t a[6] = { 0 };
    return arch_syscall(n, a, NULL);
}

/* The top of the task's user stack (start.c): not USER_STACK_TOP here. */
extern uintptr_t sim_user_stack_top;
#define ARCH_USER_STACK_TOP sim_user_stack_top

/* Virtual cycles, not host time: the same run gives the same readings. */
static inline uint64_t arch_cycles(void)
{
    return sim_user_cycles();
}

/* A granted UART register (<baton/uart.h>). In the simulator user code is
 * host code, so a load cannot reach a device model: this hook calls it
 * (and faults as an unmapped load would, without the grant). */
static inline uint8_t arch_uart_read(int reg)
{
    return sim_user_uart_read(reg);
}

static inline void arch_uart_write(int reg, uint8_t v)
{
    sim_user_uart_write(reg, v);
}

#endif
