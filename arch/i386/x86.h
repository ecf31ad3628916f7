/* x86.h (i386) - one tiny inline function per privileged or special
 * instruction, so that C code reads as what it does and asm stays here. */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <stdint.h>

/* Port I/O: the PC's devices (UART, PIC, PIT) live in a separate 64 KiB
 * address space reached only by in/out. */
static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* Control registers. The "memory" clobbers stop the compiler from moving
 * memory accesses across a change of address space or paging mode. */
static inline uint32_t read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr2(void)   /* the address of the last page fault */
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_cr3(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

/* Loading CR3 switches page directory and flushes the TLB. */
static inline void lcr3(uint32_t pd)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(pd) : "memory");
}

static inline uint32_t read_cr4(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr4(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Forget the cached translation of one virtual address. */
static inline void invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* Interrupt flag. */
static inline void cli(void)
{
    __asm__ volatile("cli" : : : "memory");
}

/* Enable interrupts and sleep until one arrives. sti takes effect only after
 * the next instruction, so no interrupt can slip in between the two and
 * leave hlt sleeping with nothing left to wake it. */
static inline void sti_hlt(void)
{
    __asm__ volatile("sti; hlt" : : : "memory");
}

static inline void hlt(void)
{
    __asm__ volatile("hlt");
}

/* The time-stamp counter (instructions retired under qemu -icount shift=0). */
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* Descriptor tables: lgdt and lidt take a 6-byte limit + base operand. */
struct table_ptr {
    uint16_t limit;        /* size in bytes, minus one */
    uint32_t base;
} __attribute__((packed));

static inline void lidt(const struct table_ptr *p)
{
    __asm__ volatile("lidt %0" : : "m"(*p));
}

static inline void lgdt(const struct table_ptr *p)
{
    __asm__ volatile("lgdt %0" : : "m"(*p));
}

static inline void ltr(uint16_t sel)   /* load the task register (the TSS) */
{
    __asm__ volatile("ltr %0" : : "r"(sel));
}

/* EFLAGS as a whole: pushfl/popfl are the only way to read or write it. */
static inline uint32_t read_eflags(void)
{
    uint32_t v;
    __asm__ volatile("pushfl; popl %0" : "=r"(v));
    return v;
}

static inline void write_eflags(uint32_t v)
{
    __asm__ volatile("pushl %0; popfl" : : "r"(v) : "memory", "cc");
}

/* CPUID leaf: what the processor says it is and has (cpu.c). */
static inline void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                             : "a"(leaf), "c"(0));
}

#endif
