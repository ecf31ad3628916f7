/* arch_syscall.h (i386) - int $0x80 with Baton's register ABI:
 * eax = number (and the return value); ebx ecx edx esi edi ebp = arguments
 * and output words. ebp is the frame pointer, so it is saved by hand. */
#ifndef USER_ARCH_SYSCALL_H
#define USER_ARCH_SYSCALL_H

#include <stdint.h>
#include <baton/uart.h>

#define ARCH_SYSCALL_VECTOR 0x80

/* Make a system call; out (may be NULL) receives the six argument registers
 * as the kernel left them, for calls that return more than one word.
 * i386 has one register too few to name all seven in constraints while ebp
 * is the frame pointer: ebp goes in and out through memory (a[5] in, read
 * through edi before edi gets its own word; out by xchg with the saved ebp
 * and a pop, which computes an esp-based address after it moves esp). */
static inline long arch_syscall(long n, uint32_t a[6], uint32_t out[6])
{
    uint32_t b = a[0], c = a[1], d = a[2], S = a[3], D = (uintptr_t)a, bp;
    __asm__ volatile(
        "push %%ebp\n\t"
        "mov 20(%%edi), %%ebp\n\t"
        "mov 16(%%edi), %%edi\n\t"
        "int $0x80\n\t"
        "xchg %%ebp, (%%esp)\n\t"  /* ebp back; the kernel's word on the stack */
        "pop %[bp]"
        : "+a"(n), "+b"(b), "+c"(c), "+d"(d), "+S"(S), "+D"(D), [bp] "=m"(bp)
        :
        : "memory");
    if (out) {
        out[0] = b; out[1] = c; out[2] = d;
        out[3] = S; out[4] = D; out[5] = bp;
    }
    return n;
}

/* SYS_IPC_REGS (<baton/syscall.h>) with the message's type and words 0..2
 * loaded straight from m (type at m[0], words from m[2]) into edx, esi,
 * edi and ebp, and the six result registers back in out[]. Naming ebp
 * needs code built without a frame pointer: the Makefile builds
 * user/lib/ipc.c so (-fomit-frame-pointer -DUSER_NO_FRAME_POINTER). With a
 * frame pointer, ipc.c goes through arch_syscall and its ebp dance. */
#ifdef USER_NO_FRAME_POINTER
#define ARCH_IPC_REGS 1
static inline long arch_ipc_regs(uint32_t word, uint32_t peer, const uint32_t *m,
                                 uint32_t out[6])
{
    register uint32_t bp __asm__("ebp") = m[4];
    uint32_t b = peer, c = (uintptr_t)m, d = m[0], S = m[2], D = m[3];
    __asm__ volatile("int $0x80"
                     : "+a"(word), "+b"(b), "+c"(c), "+d"(d), "+S"(S), "+D"(D),
                       "+r"(bp)
                     :
                     : "memory");
    out[0] = b; out[1] = c; out[2] = d;
    out[3] = S; out[4] = D; out[5] = bp;
    return (long)(int32_t)word;
}
#endif

/* A system call with no argument that changes no register but the
 * result (task_self, uptime_ms: kernel/syscall.h's light ones). */
static inline long arch_syscall0(long n)
{
    __asm__ volatile("int $0x80" : "+a"(n) : : "memory");
    return n;
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
