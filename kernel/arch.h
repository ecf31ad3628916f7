/* arch.h - the one interface between the portable kernel and a port.
 *
 * arch/rv32, arch/i386 and sim/ each implement every hook declared here; the
 * code in kernel/ calls nothing else that is machine specific. The hooks are
 * grouped as a student meets them: boot, console, memory and MMU, tasks and
 * context switch, traps, timer and interrupts, power, cycle counter.
 *
 * Each port also provides <arch_types.h> (on its include path) defining:
 *   struct arch_task   per-task machine state (saved kernel stack pointer...)
 *   struct arch_frame  the user registers saved on a trap
 *   struct arch_vm     one address space (root page-table address)
 *   ARCH_NAME          "rv32" or "i386"
 *   ARCH_ELF_MACHINE   the ELF e_machine of user programs (243 or 3)
 *   ARCH_FASTPATH_BYTES  channel data that fits in syscall registers
 *   arch_frame_get(), arch_frame_set()  (static inline; see below) */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdnoreturn.h>
#include <baton/error.h>
#include <baton/syscall.h>
#include <arch_types.h>

#define PAGE_SIZE 4096u

/* User virtual memory (USER_BASE, USER_STACK_TOP...) is the same on every
 * port; <baton/syscall.h> defines it, since user programs depend on it too. */

/* ---- Boot ----------------------------------------------------------------
 * The port's entry code sets up a stack, the console, traps and the kernel's
 * own mappings, then calls kernel_main() (kernel/main.c), which never returns.
 */
noreturn void kernel_main(void);

/* The free physical memory the kernel may hand out, page aligned: everything
 * between the end of the kernel image and the end of RAM. */
void arch_mem_range(uintptr_t *start, uintptr_t *end);

/* ---- Console (the UART) ------------------------------------------------- */
void arch_console_putc(char c);        /* blocks until the UART takes it */
int  arch_console_getc(void);          /* a received byte, or -1: never blocks */

/* ---- MMU -----------------------------------------------------------------
 * Physical memory is mapped 1:1 in the kernel, so a physical address is also
 * a kernel pointer. Page-table pages come from page_alloc() (kernel/page.h). */
enum {
    VM_READ  = 1 << 0,
    VM_WRITE = 1 << 1,
    VM_EXEC  = 1 << 2,
    VM_USER  = 1 << 3,
};

/* A new address space holding the kernel's (supervisor-only) mappings. */
error_t arch_vm_init(struct arch_vm *vm);
/* Map one page at user address va to physical page pa with VM_* flags. */
error_t arch_vm_map(struct arch_vm *vm, uintptr_t va, uintptr_t pa, unsigned flags);
/* Remove the mapping at va; returns the page it mapped, or 0. */
uintptr_t arch_vm_unmap(struct arch_vm *vm, uintptr_t va);
/* The physical page mapped at va and its VM_* flags, or 0 if unmapped. */
uintptr_t arch_vm_lookup(struct arch_vm *vm, uintptr_t va, unsigned *flags);
/* Free the page-table pages (not the pages they map: the kernel owns those). */
void arch_vm_destroy(struct arch_vm *vm);
/* Make vm the address space of the CPU (and flush stale translations). */
#ifndef ARCH_VM_ACTIVATE_INLINE   /* or inline, in the port's arch_types.h */
void arch_vm_activate(struct arch_vm *vm);
#endif
/* Give vm the registers of device `dev` (IRQ_UART, <baton/ipc.h>), for a
 * task granted it (manifest device=uart), and nothing else: rv32 maps the
 * UART's page at USER_UART (user, read/write), i386 lets its I/O ports
 * through the TSS I/O map while vm is active, the simulator lets the user
 * library reach its UART model (docs/interrupts.md). */
error_t arch_vm_device(struct arch_vm *vm, int dev);
/* Make the kernel page at va (page aligned, in the kernel's own map of RAM)
 * fault on any access: the guard below a kernel stack, so that a stack
 * that overflows stops at once instead of running into its neighbour.
 * Called by task_init, before any address space is made. i386 unmaps it;
 * rv32 and the simulator do nothing yet (docs/arch.md). */
void arch_vm_guard(uintptr_t va);

/* ---- Tasks and the context switch ----------------------------------------
 * Every task has a kernel stack; a trap from user mode saves the user
 * registers (struct arch_frame) at its top. A context switch swaps kernel
 * stacks: it returns in the other task, which later returns to user mode. */

/* Prepare a user task: its first switch-in enters user mode at entry with
 * stack pointer usp. kstack_top is the top of its kernel stack. */
void arch_task_init_user(struct arch_task *at, void *kstack_top,
                         uintptr_t entry, uintptr_t usp);
/* Prepare a kernel thread (the idle task) that runs fn(). */
void arch_task_init_kernel(struct arch_task *at, void *kstack_top,
                           void (*fn)(void));
/* Save the running task's kernel context in prev, resume next. */
void arch_switch(struct arch_task *prev, struct arch_task *next);
/* Each port defines these in <arch_types.h>, static inline: the IPC fast
 * path (kernel/fastpath.c) uses them on every round trip.
 *   struct arch_frame *arch_task_frame(struct arch_task *at);
 * The saved user registers of a task (valid while it is in the kernel).
 *   uintptr_t arch_vm_user_stack(const struct arch_vm *vm);
 * Where the user code of vm has its stack (USER_STACK_SIZE bytes, aligned
 * to that): the fast path takes a message buffer there without a walk.
 *   void arch_task_resume_syscall(struct arch_task *at);
 *   struct arch_frame *arch_task_enter(struct arch_task *at);
 * The fast path's direct switch, on ports that define ARCH_FASTPATH_DIRECT
 * to 1; the simulator does not, and its fast path uses arch_switch.
 * arch_task_resume_syscall: the task of `at` is blocked in the fast path
 * with nothing on its kernel stack; make the next arch_switch into it run
 * fastpath_resumed(its frame), then return to user mode.
 * arch_task_enter: the trap that is running returns to user mode as the
 * task of `at` instead: load what arch_switch would have (i386: its
 * TSS.esp0) and return its frame, through which the trap exits.
 * ARCH_FASTPATH_PASS_WORDS, 1 or 0: does that exit take the message slots
 * (3..6: the type and words 0..2) from the sender's frame, so that the
 * fast path need not copy them into the peer's? (rv32 does.) */

/* Syscall registers of a saved frame, by slot (see <baton/syscall.h>):
 * slot 0 is the number on entry and the return value on exit, 1..6 args.
 * Each port defines these two in <arch_types.h>, static inline: every
 * syscall reads seven slots, and as calls they cost more than the IPC
 * logic itself (see docs/ipc.md, "What a round trip costs").
 *   uint32_t arch_frame_get(const struct arch_frame *f, int slot);
 *   void     arch_frame_set(struct arch_frame *f, int slot, uint32_t value);
 * and the six argument slots as an array, in the frame where they lie in
 * order (rv32, the simulator), else copied into buf (i386):
 *   const uint32_t *arch_frame_args(struct arch_frame *f, uint32_t buf[6]);
 */
uintptr_t arch_frame_pc(const struct arch_frame *f);

/* ---- Traps: what a port calls in the portable kernel ---------------------
 * A port's trap handler decodes the cause and calls exactly one of these with
 * interrupts off. When it returns, the port returns to user mode in whatever
 * task is now current (it may differ: the kernel may have switched). */
void trap_syscall(struct arch_frame *f);                  /* kernel/syscall.c */
/* A light syscall (kernel/syscall.h: syscall_is_light): no scheduler work,
 * and a port may have saved only the registers C code clobbers. */
void trap_syscall_light(struct arch_frame *f);            /* kernel/syscall.c */
/* Kills the current task: never returns to it (the kernel switches away). */
noreturn void trap_user_fault(const char *what, uintptr_t pc, uintptr_t addr);
void trap_timer(void);                                    /* kernel/irq.c */
void trap_irq(int irq);                                   /* kernel/irq.c */

/* ---- Timer and interrupts ------------------------------------------------ */
#define ARCH_TICK_MS TICK_MS          /* <baton/syscall.h> */
#define ARCH_TICK_HZ (1000 / ARCH_TICK_MS)
void arch_timer_init(void);            /* periodic trap_timer() at TICK_HZ */
void arch_irq_enable(int irq);         /* unmask a device interrupt line */
void arch_irq_disable(int irq);
int  arch_irq_uart(void);              /* the UART's receive interrupt line */
/* Wait for an interrupt with interrupts enabled (the idle task). Returns
 * after the interrupt was handled, with interrupts off again. */
void arch_idle(void);

/* ---- Patched tracepoints ------------------------------------------------
 * Only in a port whose <arch_types.h> defines ARCH_TRACE_NOP (the nop of
 * a site) and arch_trace_put() (kernel/trace.h): trace_set_mask calls
 * these for every site of a category that changes. Make the instruction
 * at site a jump to target (on) or the nop it was built as (off); then,
 * once all are done, make the new code the one the CPU fetches. Kernel
 * text is written in place: both ports map it writable by the kernel
 * only. */
void arch_trace_patch(uintptr_t site, uintptr_t target, int on);
void arch_trace_patched(void);

/* ---- Power and time ------------------------------------------------------ */
/* Stop QEMU with status: 0 is success, anything else a failure. */
noreturn void arch_poweroff(int status);
/* A free-running counter: instructions retired under -icount shift=0. */
uint64_t arch_cycles(void);

#endif
