/* arch_types.h (i386) - the machine state the portable kernel stores for the
 * port: a task's kernel context, the trap frame, an address space. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdint.h>
#include <baton/syscall.h>
#include "tss.h"
#include "x86.h"

#define ARCH_NAME "i386"
/* Channel data carried in syscall registers: 4 of the 6 argument words. */
#define ARCH_FASTPATH_BYTES 16
/* The IPC fast path returns to user mode as the peer, without arch_switch
 * (kernel/arch.h: arch_task_enter). */
#define ARCH_FASTPATH_DIRECT 1
/* ...and takes the peer's registers from its frame alone (popal). */
#define ARCH_FASTPATH_PASS_WORDS 0
/* The e_machine of the user programs kernel/elf.c accepts: EM_386. */
#define ARCH_ELF_MACHINE 3

/* A task's kernel context while it is switched out. Everything else it needs
 * (callee-saved registers, return address) is pushed on its kernel stack. */
struct arch_task {
    uint32_t esp;          /* saved kernel stack pointer (switch.S) */
    uint32_t kstack_top;   /* loaded into TSS.esp0 when the task runs */
};

/* The registers a trap saves on the kernel stack, lowest address first: the
 * reverse of the order trapentry.S and the CPU push them. Change one and you
 * must change the other. */
struct arch_frame {
    /* pushal */
    uint32_t edi, esi, ebp;
    uint32_t esp_pushal;   /* the kernel esp at pushal time; popal skips it */
    uint32_t ebx, edx, ecx, eax;
    /* segment registers: a 32-bit push may leave the upper half as garbage */
    uint16_t gs, gs_pad, fs, fs_pad, es, es_pad, ds, ds_pad;
    /* the entry stub */
    uint32_t vector;       /* 0..31 exception, 32..47 IRQ, 0x80 syscall */
    uint32_t error;        /* the CPU's error code, or 0 */
    /* the CPU */
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;      /* only when the trap came from user mode */
};

/* The syscall registers (<baton/syscall.h>): eax, then the arguments in
 * ebx ecx edx esi edi ebp. The kernel passes only constant slots 0..6, so
 * once inlined each switch folds into a single load or store. */
static inline uint32_t *arch_frame_slot(struct arch_frame *f, int slot)
{
    switch (slot) {
    case 0:  return &f->eax;
    case 1:  return &f->ebx;
    case 2:  return &f->ecx;
    case 3:  return &f->edx;
    case 4:  return &f->esi;
    case 5:  return &f->edi;
    default: return &f->ebp;
    }
}

static inline uint32_t arch_frame_get(const struct arch_frame *f, int slot)
{
    return *arch_frame_slot((struct arch_frame *)f, slot);
}

static inline void arch_frame_set(struct arch_frame *f, int slot, uint32_t value)
{
    *arch_frame_slot(f, slot) = value;
}

/* The six argument slots as an array: pushal leaves them out of order, so
 * they are copied into buf. */
static inline const uint32_t *arch_frame_args(struct arch_frame *f, uint32_t buf[6])
{
    for (int i = 0; i < 6; i++)
        buf[i] = arch_frame_get(f, i + 1);
    return buf;
}

/* An address space: the physical address of its page directory. */
struct arch_vm {
    uint32_t pd;
    uint16_t iomap;         /* the TSS I/O map offset while active: TSS_IO_NONE,
                               or TSS_IO_UART to let COM1's ports through */
};

/* kernel/arch.h: a task's frame, and the IPC fast path's direct switch.
 * A trap from user mode always starts on an empty kernel stack, so the
 * user frame is the topmost thing on it. */
static inline struct arch_frame *arch_task_frame(struct arch_task *at)
{
    return (struct arch_frame *)at->kstack_top - 1;
}

void trap_resume(void);          /* trapentry.S: fastpath_resumed, then iret */

/* The next switch_stacks into at pops four registers (any values) and
 * "returns" to trap_resume, with esp at its frame. */
static inline void arch_task_resume_syscall(struct arch_task *at)
{
    uint32_t *sp = (uint32_t *)arch_task_frame(at);
    *--sp = (uint32_t)trap_resume;
    at->esp = (uint32_t)(sp - 4);
}

/* What arch_switch loads besides the stack: the TSS's kernel stack for the
 * next trap from user mode. */
static inline struct arch_frame *arch_task_enter(struct arch_task *at)
{
    tss_set_esp0(at->kstack_top);
    return arch_task_frame(at);
}

/* kernel/arch.h: make vm the CPU's address space. Loading CR3 flushes
 * every translation but the kernel's global pages (with CR4.PGE on, vm.c);
 * the I/O map goes with the address space. Inline: every switch does it,
 * and the IPC fast path twice a round trip. */
#define ARCH_VM_ACTIVATE_INLINE 1
static inline void arch_vm_activate(struct arch_vm *vm)
{
    lcr3(vm->pd);
    tss_set_iomap(vm->iomap);
}

/* Where a task's user code has its stack (kernel/fastpath.c): the same
 * addresses in every address space. */
static inline uintptr_t arch_vm_user_stack(const struct arch_vm *vm)
{
    (void)vm;
    return USER_STACK_TOP - USER_STACK_SIZE;
}

/* Tracepoints are patched code (kernel/trace.h, docs/arch.md "Patched
 * tracepoints"): each site is this one 5-byte instruction, listed in the
 * section .trace_sites with the address of its recording code and its
 * category. While the category is off the nop falls through;
 * trace_set_mask makes it "jmp rel32" (arch/i386/patch.c) while it is on.
 * The nop is "lea 0(%esi,%eiz,1),%esi" with a DS prefix: the 0f 1f nops
 * are P6 instructions, and this port runs on a Pentium. */
#define ARCH_TRACE_NOP ".byte 0x3e, 0x8d, 0x74, 0x26, 0x00"

/* trace_put(ev, subj, peer, aux, x) from a tracepoint's recording code,
 * as a call that changes no register: arch_trace_put_saved (patch.c)
 * keeps eax, ecx and edx, which a C call may change. So the registers
 * live across a site need not be callee-saved ones, and a switched-off
 * site costs its nop and nothing else. ("ri": an operand addressed
 * through esp would move with the pushes.) */
static inline __attribute__((always_inline)) void
arch_trace_put(uint32_t ev, uint32_t subj, uint32_t peer, uint32_t aux, uint32_t x)
{
    __asm__ volatile("pushl %4\n"
                     "pushl %3\n"
                     "pushl %2\n"
                     "pushl %1\n"
                     "pushl %0\n"
                     "call  arch_trace_put_saved\n"
                     "addl  $20, %%esp\n"
                     : : "ri"(ev), "ri"(subj), "ri"(peer), "ri"(aux), "ri"(x) : "memory");
}

#endif
