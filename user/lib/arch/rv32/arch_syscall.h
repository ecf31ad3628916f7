/* arch_syscall.h (rv32) - the ecall instruction with Baton's register ABI:
 * a0 = number (and the return value), a1..a6 = arguments and output words. */
#ifndef USER_ARCH_SYSCALL_H
#define USER_ARCH_SYSCALL_H

#include <stdint.h>
#include <baton/syscall.h>

/* Make a system call; out (may be NULL) receives the six argument registers
 * as the kernel left them, for calls that return more than one word. The
 * kernel may change t0-t6 too (<baton/syscall.h>: SYS_IPC_REGS does
 * not save them). */
static inline long arch_syscall(long n, uint32_t a[6], uint32_t out[6])
{
    register long a0 __asm__("a0") = n;
    register uint32_t a1 __asm__("a1") = a[0];
    register uint32_t a2 __asm__("a2") = a[1];
    register uint32_t a3 __asm__("a3") = a[2];
    register uint32_t a4 __asm__("a4") = a[3];
    register uint32_t a5 __asm__("a5") = a[4];
    register uint32_t a6 __asm__("a6") = a[5];
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4),
                       "+r"(a5), "+r"(a6)
                     :
                     : "memory", "t0", "t1", "t2", "t3", "t4", "t5", "t6");
    if (out) {
        out[0] = a1; out[1] = a2; out[2] = a3;
        out[3] = a4; out[4] = a5; out[5] = a6;
    }
    return a0;
}

/* A system call with no argument that changes no register but the
 * result (task_self, uptime_ms: kernel/syscall.h's light ones). */
static inline long arch_syscall0(long n)
{
    register long a0 __asm__("a0") = n;
    __asm__ volatile("ecall" : "+r"(a0) : : "memory");
    return a0;
}

/* The cycle counter, readable in user mode: instructions under -icount. */
static inline uint64_t arch_cycles(void)
{
    uint32_t hi, lo, hi2;
    do {    /* re-read if the low half wrapped between the two reads */
        __asm__ volatile("rdcycleh %0" : "=r"(hi));
        __asm__ volatile("rdcycle %0" : "=r"(lo));
        __asm__ volatile("rdcycleh %0" : "=r"(hi2));
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

/* A granted UART register (<baton/uart.h>): its page is mapped at
 * USER_UART (docs/interrupts.md); without the grant, a load page fault. */
static inline uint8_t arch_uart_read(int reg)
{
    return *(volatile uint8_t *)(USER_UART + (uint32_t)reg);
}

static inline void arch_uart_write(int reg, uint8_t v)
{
    *(volatile uint8_t *)(USER_UART + (uint32_t)reg) = v;
}

#endif
