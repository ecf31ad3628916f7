/* tss.h (i386) - the main task-state segment, which gdt.c sets up. Baton
 * switches tasks in software: the CPU reads only ss0:esp0 (the kernel
 * stack for a trap from ring 3) and the I/O map from it. Those two change
 * on every switch, so their setters are inline here (the IPC fast path
 * switches on every message). */
#ifndef I386_TSS_H
#define I386_TSS_H

#include <stdint.h>

/* The CPU's layout. A hardware task switch happens only into the
 * double-fault task, saving the faulting state in the main TSS's fields
 * (which trap.c then prints). */
struct tss {
    uint32_t link;            /* the TSS we came from, after a task switch */
    uint32_t esp0;            /* kernel stack for a trap from ring 3 */
    uint32_t ss0;
    uint32_t esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap;
    uint16_t iomap;           /* offset of the I/O permission bitmap */
};
_Static_assert(sizeof(struct tss) == 104, "the CPU's TSS layout");

/* The main TSS, followed by its I/O permission bitmap: one bit per port,
 * 0 = user mode may use it. It covers ports 0..IO_PORTS-1 (a port past the
 * TSS limit always faults) and ends with the 0xff byte the CPU wants. */
#define IO_PORTS   0x400
struct tss_with_map {
    struct tss tss;
    uint8_t bitmap[IO_PORTS / 8 + 1];
} __attribute__((packed));
extern struct tss_with_map main_tss;   /* gdt.c */

/* Called on every context switch: the next trap from user mode must land on
 * the kernel stack of the task that is about to run. */
static inline void tss_set_esp0(uint32_t esp0)
{
    main_tss.tss.esp0 = esp0;
}

/* The I/O map offsets an address space selects (struct arch_vm's iomap):
 * the map, for a task granted the UART (device=uart), or past the TSS
 * limit, "no map", so every in/out from any other task faults (#GP). */
#define TSS_IO_UART ((uint16_t)sizeof(struct tss))
#define TSS_IO_NONE ((uint16_t)sizeof(struct tss_with_map))

/* Called on every switch of address space: the I/O map goes with it. */
static inline void tss_set_iomap(uint16_t iomap)
{
    main_tss.tss.iomap = iomap;
}

#endif
