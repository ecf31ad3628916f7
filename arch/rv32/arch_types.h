/* arch_types.h (rv32) - the machine state the portable kernel keeps per task
 * and per address space, as kernel/arch.h asks every port to define it. */
#ifndef RV32_ARCH_TYPES_H
#define RV32_ARCH_TYPES_H

#include <stdint.h>
#include <baton/syscall.h>
#include "riscv.h"

#define ARCH_NAME "rv32"
#define ARCH_ELF_MACHINE 243  /* EM_RISCV: user programs must be RISC-V ELF */
/* Channel data small enough to travel in syscall registers: 4 words. */
#define ARCH_FASTPATH_BYTES 16
/* The IPC fast path returns to user mode as the peer, without arch_switch
 * (kernel/arch.h: arch_task_enter). */
#define ARCH_FASTPATH_DIRECT 1
/* ...and leaves with the message registers (a3..a6) of the sender, loaded
 * from its frame (trap.S, ipc_entry): the fast path need not copy them
 * (kernel/arch.h). */
#define ARCH_FASTPATH_PASS_WORDS 1

/* The user registers, saved by trap.S at the top of the task's kernel stack
 * on every trap from user mode. Field n-1 holds register xn (x0 is always
 * zero and is not saved), so trap.S can address them by register number.
 * (An interrupt in arch_idle gets one too, pushed on the kernel stack.)
 * Do not reorder: trap.S depends on this layout (checked in trap.c). */
struct arch_frame {
    uint32_t ra, sp, gp, tp;                   /* x1..x4   */
    uint32_t t0, t1, t2;                       /* x5..x7   */
    uint32_t s0, s1;                           /* x8, x9   */
    uint32_t a[8];                             /* a0..a7 = x10..x17 */
    uint32_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11; /* x18..x27 */
    uint32_t t3, t4, t5, t6;                   /* x28..x31 */
    uint32_t sepc;      /* where sret resumes: the trapping instruction */
    uint32_t sstatus;   /* mode and interrupt state sret restores */
    uint32_t pad[3];    /* keep the size a multiple of 16 (stack alignment) */
};

/* The syscall registers (<baton/syscall.h>): slot n is register an. The
 * kernel only ever passes slots 0..6. */
static inline uint32_t arch_frame_get(const struct arch_frame *f, int slot)
{
    return f->a[slot];
}

static inline void arch_frame_set(struct arch_frame *f, int slot, uint32_t value)
{
    f->a[slot] = value;
}

/* The six argument slots as an array: a1..a6 lie in order in the frame. */
static inline const uint32_t *arch_frame_args(struct arch_frame *f, uint32_t buf[6])
{
    (void)buf;
    return &f->a[1];
}

/* A task's kernel context while it is switched out: what arch_switch saves.
 * Only the callee-saved registers: the C compiler already saved the rest. */
struct arch_task {
    uint32_t ra;        /* where arch_switch returns to in this task */
    uint32_t sp;        /* its kernel stack pointer */
    uint32_t s[12];     /* s0..s11 */
    struct arch_frame *frame;   /* its user frame, at its kernel stack top */
};

/* One address space: the physical address of its Sv32 root page table,
 * and the satp value that selects it with its ASID (vm.c), made once:
 * ASID 0 when it has none of its own, and every switch to it flushes;
 * 0 once it is destroyed. */
struct arch_vm {
    uintptr_t root;
    uint32_t satp;
};

/* kernel/arch.h: a task's frame, and the IPC fast path's direct switch.
 * A trap from user mode saves its frame at the top of the task's kernel
 * stack; trap.S leaves by whatever frame trap_from_user returns. */
static inline struct arch_frame *arch_task_frame(struct arch_task *at)
{
    return at->frame;
}

void trap_resume(void);         /* trap.S: fastpath_resumed, then trap_exit */

/* The next arch_switch into at "returns" to trap_resume, sp at its frame. */
static inline void arch_task_resume_syscall(struct arch_task *at)
{
    at->ra = (uintptr_t)trap_resume;
    at->sp = (uintptr_t)at->frame;
}

/* trap_exit needs nothing but the frame: it sets sscratch from it. */
static inline struct arch_frame *arch_task_enter(struct arch_task *at)
{
    return at->frame;
}

/* kernel/arch.h: make vm the CPU's address space, inline: every switch
 * does it, and the IPC fast path twice a round trip. vm->satp selects its
 * root table and its ASID (vm.c); a NULL vm, or one gone, is the kernel's
 * own table. With an ASID of its own nothing is flushed: its cached
 * translations are its own, and still right (arch_vm_map and _unmap flush
 * what they change, in every address space). With ASID 0 (the kernel's
 * table, or no ASID was left), translations of another address space may
 * be cached under the same ASID: a full flush. */
extern uint32_t vm_kernel_satp;
#define ARCH_VM_ACTIVATE_INLINE 1
static inline void arch_vm_activate(struct arch_vm *vm)
{
    uint32_t satp = vm && vm->satp ? vm->satp : vm_kernel_satp;
    w_satp(satp);
    if (!(satp & SATP_ASID_MASK))
        sfence_vma_all();
}

/* Where a task's user code has its stack (kernel/fastpath.c): the same
 * addresses in every address space. */
static inline uintptr_t arch_vm_user_stack(const struct arch_vm *vm)
{
    (void)vm;
    return USER_STACK_TOP - USER_STACK_SIZE;
}

/* Tracepoints are patched code (kernel/trace.h, docs/arch.md "Patched
 * tracepoints"): each site is this one instruction, listed in the section
 * .trace_sites with the address of its recording code and its category.
 * While the category is off the nop falls through; trace_set_mask makes
 * it "jal x0, record" (arch/rv32/patch.c) while the category is on. */
#define ARCH_TRACE_NOP "nop"

/* trace_put(ev, subj, peer, aux, x) from a tracepoint's recording code,
 * without a C call: the arguments go on the stack and "jal t0" reaches
 * arch_trace_put_saved (patch.c), which saves every register a C call may
 * change. So the registers live across a site need not be callee-saved
 * ones, and a switched-off site costs its nop and nothing else. */
static inline __attribute__((always_inline)) void
arch_trace_put(uint32_t ev, uint32_t subj, uint32_t peer, uint32_t aux, uint32_t x)
{
    __asm__ volatile("addi sp, sp, -32\n"
                     "sw   %0, 0(sp)\n"
                     "sw   %1, 4(sp)\n"
                     "sw   %2, 8(sp)\n"
                     "sw   %3, 12(sp)\n"
                     "sw   %4, 16(sp)\n"
                     "sw   t0, 20(sp)\n"
                     "jal  t0, arch_trace_put_saved\n"
                     "lw   t0, 20(sp)\n"
                     "addi sp, sp, 32\n"
                     : : "r"(ev), "r"(subj), "r"(peer), "r"(aux), "r"(x) : "memory");
}

#endif
