/* trap.c (rv32) - what a trap means (scause), and the machine side of tasks:
 * their first frames, the syscall registers in a frame, the idle wait. */
#include <stddef.h>
#include "arch.h"
#include "printk.h"
#include "riscv.h"
#include "rv32.h"
#include "syscall.h"

/* trap.S addresses the frame by these offsets. */
_Static_assert(offsetof(struct arch_frame, a) == 9 * 4, "a0 is x10");
_Static_assert(offsetof(struct arch_frame, sepc) == 31 * 4, "FRAME_SEPC");
_Static_assert(offsetof(struct arch_frame, sstatus) == 32 * 4, "FRAME_SSTATUS");
_Static_assert(sizeof(struct arch_frame) == 36 * 4, "FRAME_SIZE");
_Static_assert(offsetof(struct arch_task, s) == 8, "arch_switch layout");
_Static_assert(SYSCALL_LIGHT == 0x1a0 && SYS_TASK_SELF == 5 && SYS_KOBJECTS == 8,
               "trap.S's LIGHT_MASK, LIGHT_FIRST and LIGHT_SPAN");
_Static_assert(EXC_ECALL_U == 8, "trap.S's EXC_ECALL_U");
_Static_assert(SYS_IPC_REGS == 15, "trap.S's SYS_IPC_REGS_NR");

void trap_init(void)
{
    w_stvec((uintptr_t)trap_entry);     /* "direct" mode: all traps here */
    w_sscratch(0);                      /* we are in the kernel */
}

static const char *exception_name(uint32_t cause)
{
    switch (cause) {
    case EXC_INST_MISALIGNED:  return "misaligned instruction fetch";
    case EXC_INST_ACCESS:      return "instruction access fault";
    case EXC_ILLEGAL:          return "illegal instruction";
    case EXC_BREAKPOINT:       return "breakpoint";
    case EXC_LOAD_MISALIGNED:  return "misaligned load";
    case EXC_LOAD_ACCESS:      return "load access fault";
    case EXC_STORE_MISALIGNED: return "misaligned store";
    case EXC_STORE_ACCESS:     return "store access fault";
    case EXC_ECALL_S:          return "ecall from supervisor mode";
    case EXC_INST_PAGE:        return "instruction page fault";
    case EXC_LOAD_PAGE:        return "load page fault";
    case EXC_STORE_PAGE:       return "store page fault";
    }
    return "unknown exception";
}

/* Interrupts, from user mode or from arch_idle(). Re-arm or complete first:
 * the kernel may switch tasks and return here only much later. */
static void interrupt(uint32_t cause)
{
    int irq;
    switch (cause & ~SCAUSE_INTERRUPT) {
    case IRQ_S_TIMER:
        timer_rearm();
        trap_timer();
        break;
    case IRQ_S_EXTERNAL:
        /* Complete at once: trap_irq may switch tasks, and a claim left
         * open would silence this source until we came back. A device that
         * still holds its line up interrupts again, but only once
         * interrupts are back on, after trap_irq has served it. */
        irq = plic_claim();
        if (irq) {
            plic_complete(irq);
            trap_irq(irq);
        }
        break;
    default:
        panic("rv32: unexpected interrupt, scause %x", (unsigned)cause);
    }
}

/* trap.S calls this on the task's kernel stack, just below its frame f,
 * and returns to user mode through the frame it returns: f. (The IPC fast
 * path, which returns another task's frame, trap.S calls itself.) */
struct arch_frame *trap_from_user(struct arch_frame *f)
{
    uint32_t cause = r_scause();
    if (cause & SCAUSE_INTERRUPT) {
        interrupt(cause);
    } else if (cause == EXC_ECALL_U) {
        trap_syscall(f);        /* trap.S moved sepc past the ecall, and tried
                                   the fast path for SYS_IPC_REGS */
    } else {
        trap_user_fault(exception_name(cause), f->sepc, r_stval());
    }
    return f;
}

/* A trap taken in supervisor mode: an interrupt in arch_idle() is fine,
 * an exception is a kernel bug. */
void trap_from_kernel(struct arch_frame *f)
{
    uint32_t cause = r_scause();
    if (cause & SCAUSE_INTERRUPT)
        interrupt(cause);
    else
        panic("rv32: %s in the kernel: scause %x sepc %x stval %x",
              exception_name(cause), (unsigned)cause, (unsigned)f->sepc,
              (unsigned)r_stval());
}

/* ---- Tasks -------------------------------------------------------------- */

static void clear_words(void *p, size_t bytes)
{
    for (uint32_t *w = p; bytes >= 4; bytes -= 4)
        *w++ = 0;
}

/* The frame sits at the top of the kernel stack, 16-byte aligned as the
 * RISC-V calling convention wants sp to be. */
static struct arch_frame *frame_below(void *kstack_top)
{
    uintptr_t top = (uintptr_t)kstack_top & ~(uintptr_t)15;
    return (struct arch_frame *)(top - sizeof(struct arch_frame));
}

/* The first arch_switch into this task "returns" to trap_exit with sp at a
 * frame that holds only entry and usp: the task starts in user mode. */
void arch_task_init_user(struct arch_task *at, void *kstack_top,
                         uintptr_t entry, uintptr_t usp)
{
    struct arch_frame *f = frame_below(kstack_top);
    clear_words(f, sizeof *f);
    f->sp = usp;
    f->sepc = entry;
    f->sstatus = SSTATUS_SPIE;  /* SPP = 0: user mode; SUM = 0 */
    clear_words(at, sizeof *at);
    at->frame = f;
    at->sp = (uintptr_t)f;
    at->ra = (uintptr_t)trap_exit;
}

/* The first arch_switch into this thread returns to kthread_start, which
 * calls fn (kept in s1) in supervisor mode with interrupts off. */
void arch_task_init_kernel(struct arch_task *at, void *kstack_top,
                           void (*fn)(void))
{
    clear_words(at, sizeof *at);
    at->frame = frame_below(kstack_top);
    at->sp = (uintptr_t)at->frame;
    at->ra = (uintptr_t)kthread_start;
    at->s[1] = (uintptr_t)fn;
}

uintptr_t arch_frame_pc(const struct arch_frame *f)
{
    return f->sepc;
}

/* wfi first, with interrupts still off: it wakes as soon as one is pending.
 * Then open a one-instruction window in which the CPU takes it, through
 * trap_entry to trap_from_kernel. No wakeup can slip in between a check and
 * the wfi, because there is no check. */
void arch_idle(void)
{
    wfi();
    intr_on();
    intr_off();
}
