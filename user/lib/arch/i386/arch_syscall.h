/* arch_syscall.h (i386) - int $0x80 with Baton's register ABI:
 * eax = number (and the return value); ebx ecx edx esi edi ebp = arguments
 * and output words. ebp is the frame pointer, so it is saved by hand. */
#ifndef USER_ARCH_SYSCALL_H
#define USER_ARCH_SYSCALL_H

#include <stdint.h>
#include <baton/uart.h>

#define ARCH_SYSCALL_VECTOR 0x80

/* Make a system call; out (may be NULL) receives the six argument registers
 * as the kernel left them, for calls that return more than one word. */
static inline long arch_syscall(long n, uint32_t a[6], uint32_t out[6])
{
    /* a[] and out[] are passed through memory: i386 has too few registers to
     * name all seven in constraints while ebp is also the frame pointer. */
    uint32_t regs[6] = { a[0], a[1], a[2], a[3], a[4], a[5] };
    long ret;
    __asm__ volatile(
        "push %%ebp\n\t"
        "push %%esi\n\t"           /* keep &regs: esi is about to be loaded */
        "mov 0(%%esi), %%ebx\n\t"
        "mov 4(%%esi), %%ecx\n\t"
        "mov 8(%%esi), %%edx\n\t"
        "mov 16(%%esi), %%edi\n\t"
        "mov 20(%%esi), %%ebp\n\t"
        "mov 12(%%esi), %%esi\n\t"
        "int $0x80\n\t"
        "xchg %%esi, (%%esp)\n\t"  /* esi = &regs, the out word on the stack */
        "mov %%ebx, 0(%%esi)\n\t"
        "mov %%ecx, 4(%%esi)\n\t"
        "mov %%edx, 8(%%esi)\n\t"
        "mov %%edi, 16(%%esi)\n\t"
        "mov %%ebp, 20(%%esi)\n\t"
        "pop %%ebx\n\t"
        "mov %%ebx, 12(%%esi)\n\t"
        "pop %%ebp\n\t"
        : "=a"(ret)
        : "a"(n), "S"(regs)
        : "ebx", "ecx", "edx", "edi", "memory");
    if (out) {
        for (int i = 0; i < 6; i++)
            out[i] = regs[i];
    }
    return ret;
}

/* The time-stamp counter, readable in ring 3: instructions under -icount. */
static inline uint64_t arch_cycles(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* A granted UART register (<baton/uart.h>): COM1's I/O ports, which the
 * TSS I/O map lets through for this task only; without the grant, a
 * general-protection fault. */
static inline uint8_t arch_uart_read(int reg)
{
    uint8_t v;
    __asm__ volatile("inb %w1, %0" : "=a"(v) : "Nd"((uint16_t)(UART_IO_PORT + reg)));
    return v;
}

static inline void arch_uart_write(int reg, uint8_t v)
{
    __asm__ volatile("outb %0, %w1" : : "a"(v), "Nd"((uint16_t)(UART_IO_PORT + reg)));
}

#endif
