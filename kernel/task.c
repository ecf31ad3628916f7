/* task.c - creating and destroying tasks. The table is static: a slot per
 * id, each with its kernel stack, so creating a task allocates only pages
 * (its page tables, program and user stack). */
#include "task.h"
#include "trace.h"
#include "kinfo.h"
#include "sched.h"
#include "elf.h"
#include "vm.h"
#include "page.h"
#include "ipc.h"
#include "notify.h"
#include "irq.h"
#include "channel.h"
#include "printk.h"
#include <baton/string.h>
#include <baton/fmt.h>

struct task task_table[TASK_MAX];
/* Each task's kernel stack, with a guard page below it: stacks grow down,
 * and one that overflows must fault, not write into the stack below. */
static unsigned char kstacks[TASK_MAX][KSTACK_GUARD + KSTACK_SIZE]
    __attribute__((aligned(PAGE_SIZE)));
struct task *task_current;

int task_count(void)
{
    int n = 0;
    for (int id = 1; id < TASK_MAX; id++)
        n += task_table[id].state != TASK_UNUSED;
    return n;
}

/* The idle task: id 0, runs in the kernel when no task is ready. When the
 * last task is gone there is nothing left to wait for. */
static noreturn void idle_main(void)
{
    for (;;) {
        trace_drain();
        arch_idle();
        sched_preempt_check();
    }
}

void task_init(void)
{
    struct task *idle = &task_table[0];
    idle->id = 0;
    strlcpy(idle->name, "idle", sizeof(idle->name));
    for (int id = 0; id < TASK_MAX; id++)
        arch_vm_guard((uintptr_t)kstacks[id]);
    idle->kstack = kstacks[0] + KSTACK_GUARD;
    idle->state = TASK_READY;
    if (arch_vm_init(&idle->vm) != OK)
        panic("task_init: no memory for the kernel address space");
    arch_task_init_kernel(&idle->arch, idle->kstack + KSTACK_SIZE, idle_main);
}

/* Give back every page t holds: program, stack, then its page tables. */
static void free_memory(struct task *t)
{
    vm_free_range(t, USER_BASE, t->image_end - USER_BASE);
    vm_free_range(t, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE);
    arch_vm_destroy(&t->vm);
}

/* A free slot of the table, zeroed, or NULL when all are taken. */
static struct task *alloc_slot(void)
{
    /* The lowest free id. An id is reused only once its task is gone, and
     * task_exit has ended every wait that named it first, so no blocked
     * task can mistake the newcomer for the one it waited for. */
    for (int id = 1; id < TASK_MAX; id++) {
        if (task_table[id].state == TASK_UNUSED) {
            struct task *t = &task_table[id];
            memset(t, 0, sizeof(*t));
            t->id = id;
            t->kstack = kstacks[id] + KSTACK_GUARD;
            t->image_end = USER_BASE;
            return t;
        }
    }
    return NULL;
}

/* A task from manifest entry m: its address space, program, user stack
 * and info page, then ready to run. ERR_NO_MEMORY (no slot or pages) or
 * the ELF loader's error, with nothing left allocated. */
error_t task_create(const struct manifest_task *m, struct task **out)
{
    struct task *t = alloc_slot();
    if (!t)
        return ERR_NO_MEMORY;
    strlcpy(t->name, m->name, sizeof(t->name));
    t->priority = m->priority;
    t->grants = m;
    error_t err = arch_vm_init(&t->vm);
    if (err != OK)
        return err;
    uintptr_t entry = 0;
    err = elf_load(t, m->elf, (size_t)(m->elf_end - m->elf), &entry);
    if (err == OK)
        err = vm_alloc_range(t, USER_STACK_TOP - USER_STACK_SIZE,
                             USER_STACK_SIZE, VM_READ | VM_WRITE);
    if (err == OK)
        err = kinfo_map(t);
    if (err == OK && (m->irqs & (1u << IRQ_UART)))
        err = arch_vm_device(&t->vm, IRQ_UART);
    if (err != OK) {
        free_memory(t);
        return err;
    }
    /* Its first switch "returns" into user mode at the entry point. */
    arch_task_init_user(&t->arch, t->kstack + KSTACK_SIZE, entry, USER_STACK_TOP);
    trace_task_create(task_current ? task_current->id : 0, t->id, t->priority, t->name);
    sched_ready(t);
    *out = t;
    return OK;
}

/* The current task ends (exit, fault or unknown syscall): every task
 * blocked on it wakes with an error (ERR_ABORTED, ERR_CLOSED), its ends,
 * timer and lines are released, its memory freed. The last task to go
 * powers the machine off. */
noreturn void task_exit(int status, const char *why)
{
    struct task *t = task_current;
    ASSERT(t->id != 0);
    trace_task_exit(t->id, status);
    if (why)
        printk("[baton] task %d (%s) killed: %s\n", t->id, t->name, why);
    else if (status != 0)
        printk("[baton] task %d (%s) exited with status %d\n", t->id, t->name, status);
    /* Wake whoever waits on t, close its ends, cancel its timer, free its
     * lines: first, while t is still a live task that the woken can be
     * told about (their results name why: ERR_ABORTED, ERR_CLOSED). */
    ipc_task_exit(t);
    channel_task_exit(t);
    notify_task_exit(t);
    irq_task_exit(t);
    /* Leave t's address space before freeing its page tables. */
    arch_vm_activate(&task_table[0].vm);
    free_memory(t);
    /* From here task_lookup(t->id) fails: the slot is free for the next
     * task_create. */
    t->state = TASK_UNUSED;
    if (task_count() == 0) {
        printk("[baton] all tasks finished\n");
        arch_poweroff(0);
    }
    /* t was running, so it is in no run queue: nothing can switch back. */
    sched_switch();
    panic("task_exit: a dead task was resumed");
}

/* The port's fault handler: a user task touched what it may not. One line
 * on the console, then it dies like an exit. */
noreturn void trap_user_fault(const char *what, uintptr_t pc, uintptr_t addr)
{
    trace_task_fault(task_current->id, pc, addr);
    char why[96];
    fmt_snprintf(why, sizeof(why), "%s at pc %p, address %p", what,
                 (void *)pc, (void *)addr);
    task_exit(-1, why);
}
