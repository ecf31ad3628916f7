/* task.c (sim) - tasks as fibers: each task runs on its own kernel stack,
 * switched by sim/switch.S, and its user code runs natively on its user
 * stack in the window. A system call is a call into sim_syscall(), which
 * plays the part of the trap handler. */
#include <string.h>
#include "internal.h"
#include "task.h"
#include "asan.h"

uint64_t sim_trap_sp;
volatile uint8_t sim_in_user;

/* Kernel stacks are painted with this before use, so that how deep they
 * were ever used can be measured (sim_kstack_peak). */
#define STACK_PAINT 0x5a
static unsigned char *kstacks_seen[TASK_MAX + 1];
static int nkstacks;

/* A stack on which the first sim_ctx_switch to it calls fn(arg). Below the
 * 16-byte aligned top: the six callee-saved registers sim_ctx_switch pops
 * (r12 = fn, r13 = arg) and the address it returns to. */
uint64_t sim_ctx_new(void *stack_top, void (*fn)(void *), void *arg)
{
    uint64_t *sp = (uint64_t *)((uintptr_t)stack_top & ~(uintptr_t)15);
    *--sp = (uint64_t)sim_ctx_start;   /* ret */
    *--sp = 0;                         /* rbp: the end of the frame chain */
    *--sp = 0;                         /* rbx */
    *--sp = (uint64_t)fn;              /* r12 */
    *--sp = (uint64_t)arg;             /* r13 */
    *--sp = 0;                         /* r14 */
    *--sp = 0;                         /* r15 */
    return (uint64_t)sp;
}

/* Switch from the context we are in (saved into *save_sp) to new_sp, on the
 * stack [bottom, bottom+size); returns when someone switches back. */
void sim_switch_to(uint64_t *save_sp, uint64_t new_sp, const void *bottom,
                   size_t size)
{
    void *fake;
    sim_asan_start(&fake, bottom, size);
    sim_ctx_switch(save_sp, new_sp);
    sim_asan_finish(fake, NULL, NULL);
}

/* ---- Kernel stacks ------------------------------------------------------- */

/* How deep a painted stack has been used: its bytes from the bottom up that
 * still hold the paint were never touched (counted a word at a time, then
 * byte by byte). Reads poisoned frames: no ASan. */
__attribute__((no_sanitize("address")))
static size_t stack_used(const unsigned char *bottom)
{
    typedef uint64_t __attribute__((may_alias)) word;
    const uint64_t paint = 0x0101010101010101ull * STACK_PAINT;
    size_t untouched = 0;
    while (untouched + 8 <= KSTACK_SIZE && *(const word *)(bottom + untouched) == paint)
        untouched += 8;
    while (untouched < KSTACK_SIZE && bottom[untouched] == STACK_PAINT)
        untouched++;
    return KSTACK_SIZE - untouched;
}

static size_t kstack_peak;

size_t sim_kstack_peak(void)
{
    size_t peak = kstack_peak;
    for (int i = 0; i < nkstacks; i++) {
        size_t used = stack_used(kstacks_seen[i]);
        peak = used > peak ? used : peak;
    }
    return kstack_peak = peak;
}

/* Forget the stacks of the previous run (sim_run calls it first). */
void sim_tasks_reset(void)
{
    nkstacks = 0;
    kstack_peak = 0;
}

/* A kernel stack about to hold a new context: measure what its last user
 * left, make it clean for ASan, and paint it below the frame. */
static struct arch_frame *stack_setup(void *kstack_top, unsigned char **bottom)
{
    *bottom = (unsigned char *)kstack_top - KSTACK_SIZE;
    sim_kstack_peak();            /* before its paint goes */
    int i = 0;
    while (i < nkstacks && kstacks_seen[i] != *bottom)
        i++;
    if (i == nkstacks && nkstacks <= TASK_MAX)
        kstacks_seen[nkstacks++] = *bottom;
    sim_asan_unpoison(*bottom, KSTACK_SIZE);
    /* The frame takes a multiple of 16 bytes, so that the stack below it,
     * where sim_syscall_entry calls into C, is aligned as the x86-64 ABI
     * wants (-O2 code stores SSE registers to it with movaps). */
    size_t fsize = (sizeof(struct arch_frame) + 15) & ~(size_t)15;
    struct arch_frame *f = (struct arch_frame *)
        (((uintptr_t)kstack_top & ~(uintptr_t)15) - fsize);
    memset(*bottom, STACK_PAINT, (size_t)((unsigned char *)f - *bottom));
    memset(f, 0, sizeof(*f));
    return f;
}

/* ---- The first switch-in of a task ---------------------------------------- */

static noreturn void user_start(void *arg)
{
    struct arch_task *at = arg;
    sim_asan_finish(NULL, NULL, NULL);
    sim_window_sync(sim.want_vm);
    /* The kernel gave the top of the stack as it knows it: user code runs
     * at its address space's stack alias (sim/vm.c). */
    sim_user_enter(at->entry, at->usp - SIM_USTACK_LO + sim.want_vm->ustack);
}

static noreturn void kthread_start(void *arg)
{
    struct arch_task *at = arg;
    sim_asan_finish(NULL, NULL, NULL);
    at->kthread();
    panic("sim: a kernel thread returned");
}

void arch_task_init_user(struct arch_task *at, void *kstack_top,
                         uintptr_t entry, uintptr_t usp)
{
    unsigned char *bottom;
    struct arch_frame *f = stack_setup(kstack_top, &bottom);
    *at = (struct arch_task){ .frame = f, .kstack = bottom, .usp = usp };
    /* The ELF image's entry is the start of the program's data; the code
     * it stands for is a host function (sim/program.c). */
    at->entry = sim_program_entry(entry);
    if (!at->entry)
        panic("sim: no program starts at %p", (void *)entry);
    at->sp = sim_ctx_new(f, user_start, at);
}

void arch_task_init_kernel(struct arch_task *at, void *kstack_top,
                           void (*fn)(void))
{
    unsigned char *bottom;
    struct arch_frame *f = stack_setup(kstack_top, &bottom);
    *at = (struct arch_task){ .frame = f, .kstack = bottom, .kthread = fn };
    at->sp = sim_ctx_new(f, kthread_start, at);
}

void arch_switch(struct arch_task *prev, struct arch_task *next)
{
    sim.switches++;
    sim.now += SIM_SWITCH_CYCLES;
    sim.cur = next;
    sim_trap_sp = (uint64_t)next->frame;
    sim_switch_to(&prev->sp, next->sp, next->kstack, KSTACK_SIZE);
    /* Back in prev: whoever switched to us has set sim.cur again. */
}

uintptr_t arch_frame_pc(const struct arch_frame *f)
{
    return (uintptr_t)f->pc;
}

/* ---- System calls ---------------------------------------------------------- */

/* Are the user's seven slots in its own writable memory? Only a program
 * calling sim_syscall_entry by hand could get this wrong. */
static bool slots_ok(uintptr_t va)
{
    uintptr_t last = va + 7 * sizeof(uint32_t) - 1;
    unsigned need = SIM_E_VALID | VM_USER | VM_WRITE;
    /* sim_vm_entry, not arch_vm_lookup: the slots are read in the window. */
    return va >= USER_BASE && last < USER_END && sim.want_vm &&
           (sim_vm_entry(sim.want_vm, va) & need) == need &&
           (sim_vm_entry(sim.want_vm, last) & need) == need;
}

/* The trap handler of a system call, on the task's kernel stack (called by
 * sim_syscall_entry). The window shows this task's memory on the way in,
 * and again, after sim_window_sync, on the way out: only then are slots
 * read and written. In between, other tasks may run. The kernel reaches
 * the task's memory through its pages (arch_vm_lookup), not the window. */
void sim_syscall(uint32_t slots[7], uint64_t pc)
{
    struct arch_task *at = sim.cur;
    struct arch_frame *f = at->frame;
    if (!slots_ok((uintptr_t)slots)) {
        trap_user_fault("bad system call slots", pc, (uintptr_t)slots);
    }
    memcpy(f->slot, slots, sizeof(f->slot));
    f->pc = pc;
    at->syscall = f->slot[0];
    sim_boundary();
    sim.syscalls++;
    trap_syscall(f);
    ASSERT(sim.cur == at);
    sim_window_sync(sim.want_vm);
    memcpy(slots, f->slot, sizeof(f->slot));
}

/* Where sim/fault.c sends a task whose user code faulted: on its kernel
 * stack, as a trap would. */
noreturn void sim_user_fault(const char *what, uint64_t pc, uint64_t addr)
{
    trap_user_fault(what, (uintptr_t)pc, (uintptr_t)addr);
}
