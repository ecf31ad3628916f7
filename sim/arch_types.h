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
/* The IPC fast path switches with arch_switch: a task's user code resumes
 * only from its own kernel stack (kernel/arch.h: arch_task_enter). */
#define ARCH_FASTPATH_DIRECT 0
#define ARCH_FASTPATH_PASS_WORDS 0

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

/* The six argument slots as an array: slots 1..6 lie in order. */
static inline const uint32_t *arch_frame_args(struct arch_frame *f, uint32_t buf[6])
{
    (void)buf;
    return &f->slot[1];
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
    uint64_t gen;           /* changes whenever a mapping does (sim/vm.c) */
    uint64_t dirty;         /* bit r: window region r changed since shown */
    int window_slot;        /* its protection key slot, if it still has it */
    uint32_t ustack;        /* where user code has its stack (sim/vm.c) */
    /* The last page looked up (sim_vm_entry) and its entry: a round trip
     * looks up its message's page several times. Invalid when ~0. */
    uint32_t tlb_va, tlb_e;
    bool uart;              /* granted the UART (device=uart): sim/time.c */
};

/* kernel/arch.h: a task's frame. (No direct switch: ARCH_FASTPATH_DIRECT
 * is 0, so the fast path needs nothing more.) */
static inline struct arch_frame *arch_task_frame(struct arch_task *at)
{
    return at->frame;
}

/* Where a task's user code has its stack: at its address space's own
 * addresses, a stack alias (sim/vm.c); the kernel knows it at
 * USER_STACK_TOP - USER_STACK_SIZE too, through arch_vm_lookup. */
static inline uintptr_t arch_vm_user_stack(const struct arch_vm *vm)
{
    return vm->ustack;
}

#endif
