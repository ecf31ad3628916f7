/* arch_types.h (sim) - the machine state the portable kernel keeps per task
 * and per address space, for the host simulator (docs/sim.md). */
#ifndef SIM_ARCH_TYPES_H
#define SIM_ARCH_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#define ARCH_NAME "sim"
/* No real machine: the simulator builds its programs' ELF images itself
 * (sim/program.c), so any fixed number that no QEMU image uses will do. */
#define ARCH_ELF_MACHINE 0x5b
/* Channel data carried in syscall slots: 4 of the 6 argument words. */
#define ARCH_FASTPATH_BYTES 16

/* The "registers" of a system call: user code puts the number and six
 * arguments in an array (user/lib/arch/sim/arch_syscall.h); the simulator
 * copies them here, to the top of the task's kernel stack, as a trap would.
 * Aligned to 16 bytes: the syscall path (sim/switch.S) runs C on the stack
 * just below it, and the ABI wants 16-byte alignment there (at -O2, SSE
 * moves fault without it). */
struct __attribute__((aligned(16))) arch_frame {
    uint32_t slot[7];   /* 0: number, then the return value; 1..6: args */
    uint32_t pad;
    uint64_t pc;        /* the host address the call returns to */
};

/* The syscall slots, as the kernel reads them (kernel/arch.h): inline, as on
 * the real ports. The kernel passes only slots 0..6. */
static inline uint32_t arch_frame_get(const struct arch_frame *f, int slot)
{
    return f->slot[slot];
}

static inline void arch_frame_set(struct arch_frame *f, int slot, uint32_t value)
{
    f->slot[slot] = value;
}

/* A task's kernel context while it is switched out (sim/switch.S pushes the
 * callee-saved registers on its kernel stack), and what its first switch-in
 * needs to enter user code. */
struct arch_task {
    uint64_t sp;                /* saved kernel stack pointer */
    struct arch_frame *frame;   /* its syscall frame, at its kernel stack top */
    unsigned char *kstack;      /* the bottom of its kernel stack */
    void (*entry)(void);        /* user tasks: the program's host entry */
    void (*kthread)(void);      /* kernel threads: the function to run */
    uint64_t usp;               /* user tasks: the first user stack pointer */
    uint32_t syscall;           /* the last system call it made */
};

/* One address space: a software two-level table, like Sv32 (sim/vm.c). */
struct arch_vm {
    uint32_t *root;         /* 1024 entries, each a leaf table or 0 */
    uint64_t gen;           /* changes whenever a mapping does (sim/window.c) */
    int window_slot;        /* its protection key slot, if it still has it */
    unsigned stack_zero;    /* bit p: its user stack page p is all zeros */
    unsigned stack_hot;     /* bit p: its user code wrote stack page p */
    bool uart;              /* granted the UART (device=uart): sim/time.c */
};

#endif
