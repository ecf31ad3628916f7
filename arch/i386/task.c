/* task.c (i386) - a task's kernel stack: what a new one holds so that the
 * first switch to it starts it, the switch itself, and the saved user
 * registers of the syscall ABI (<baton/syscall.h>). */
#include "arch.h"
#include "printk.h"
#include "i386.h"

_Static_assert(sizeof(struct arch_frame) == 19 * 4, "trapentry.S's layout");

void switch_stacks(uint32_t *save_esp, uint32_t new_esp);   /* switch.S */

/* What switch_stacks() pops when it switches to a task for the first time:
 * four callee-saved registers (all 0), then the address it returns to. */
static uint32_t *push_switch_frame(uint32_t *sp, uint32_t resume_at)
{
    *--sp = resume_at;
    for (int i = 0; i < 4; i++)
        *--sp = 0;        /* ebp, ebx, esi, edi */
    return sp;
}

/* Lay out the kernel stack as if the task had trapped in from user mode at
 * entry and then switched away: the first switch "returns" to trap_return,
 * which pops this frame and irets to user mode. */
void arch_task_init_user(struct arch_task *at, void *kstack_top,
                         uintptr_t entry, uintptr_t usp)
{
    struct arch_frame *f = (struct arch_frame *)kstack_top - 1;
    *f = (struct arch_frame){
        .ds = USER_DS, .es = USER_DS, .fs = USER_DS, .gs = USER_DS,
        .eip = entry, .cs = USER_CS, .eflags = EFLAGS_IF | EFLAGS_ALWAYS1,
        .esp = usp, .ss = USER_DS,
    };
    at->kstack_top = (uint32_t)kstack_top;
    at->esp = (uint32_t)push_switch_frame((uint32_t *)f, (uint32_t)trap_return);
}

static noreturn void kernel_thread_returned(void)
{
    panic("i386: a kernel thread returned");
}

/* A kernel thread starts in fn, in ring 0 with interrupts off (as the
 * kernel always runs); fn "returns" to kernel_thread_returned. */
void arch_task_init_kernel(struct arch_task *at, void *kstack_top,
                           void (*fn)(void))
{
    uint32_t *sp = kstack_top;
    *--sp = (uint32_t)kernel_thread_returned;
    at->kstack_top = (uint32_t)kstack_top;
    at->esp = (uint32_t)push_switch_frame(sp, (uint32_t)fn);
}

void arch_switch(struct arch_task *prev, struct arch_task *next)
{
    tss_set_esp0(next->kstack_top);
    switch_stacks(&prev->esp, next->esp);
}

uintptr_t arch_frame_pc(const struct arch_frame *f)
{
    return f->eip;
}
