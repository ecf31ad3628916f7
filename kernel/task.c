/* task.c - creating and destroying tasks. The table is static: a slot per
 * task, each with its kernel stack, so creating a task allocates only pages
 * (its page tables, program and user stack). Tasks come from the manifest
 * at boot, or from task_spawn at run time (kernel/spawn.c); they end by
 * exit, fault or task_kill, all through task_end below. */
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
#include "console.h"
#include "printk.h"
#include <baton/string.h>
#include <baton/fmt.h>

struct task task_table[TASK_MAX];
/* Each task's kernel stack, with a guard page below it: stacks grow down,
 * and one that overflows must fault, not write into the stack below. */
static unsigned char kstacks[TASK_MAX][KSTACK_GUARD + KSTACK_SIZE]
    __attribute__((aligned(PAGE_SIZE)));
struct task *task_current;
/* How many tasks each slot has held: the generation of its next task's id,
 * so that no id is ever given to two tasks (<baton/task.h>). */
static uint32_t slot_gen[TASK_MAX];

int task_count(void)
{
    int n = 0;
    for (int slot = 1; slot < TASK_MAX; slot++)
        n += task_at(slot) != NULL;
    return n;
}

int task_dead_count(void)
{
    int n = 0;
    for (int slot = 1; slot < TASK_MAX; slot++)
        n += task_table[slot].state == TASK_DEAD;
    return n;
}

int task_slot_of(task_t id)
{
    int slot = TASK_SLOT(id);
    if (id < 0 || slot >= TASK_MAX)
        return -1;
    /* The slot's task, alive or not (a slot keeps its last id until it is
     * reused); or a slot never used, named by its first id. */
    if (task_table[slot].id == id || (slot_gen[slot] == 0 && TASK_GEN(id) == 0))
        return slot;
    return -1;
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
    /* The lowest free slot. A slot is reused only once its task is gone
     * and its death was read, and the newcomer's id has the slot's next
     * generation: whoever still holds the old id gets ERR_NOT_FOUND. */
    for (int slot = 1; slot < TASK_MAX; slot++) {
        if (task_table[slot].state == TASK_UNUSED) {
            struct task *t = &task_table[slot];
            memset(t, 0, sizeof(*t));
            t->id = (task_t)(slot_gen[slot] << TASK_GEN_SHIFT | (uint32_t)slot);
            t->kstack = kstacks[slot] + KSTACK_GUARD;
            t->image_end = USER_BASE;
            return t;
        }
    }
    return NULL;
}

/* A task from manifest entry m: its address space, program, user stack
 * and info page, then ready to run. ERR_TABLE_FULL (no slot),
 * ERR_NO_MEMORY (no pages) or the ELF loader's error, with nothing left
 * allocated. */
error_t task_create(const struct manifest_task *m, struct task **out)
{
    struct task *t = alloc_slot();
    if (!t)
        return ERR_TABLE_FULL;
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

/* Give t's slot back: its next task gets the next generation. */
void task_release(struct task *t)
{
    int slot = TASK_SLOT(t->id);
    slot_gen[slot] = (slot_gen[slot] + 1) % TASK_GEN_MAX;
    t->state = TASK_UNUSED;
}

/* t is gone: its supervisor, if alive, hears of it (NOTIFY_DEATH, from the
 * kernel) and t stays TASK_DEAD until task_death() reads the record; with
 * no one to tell, the slot is free at once. And t's own dead are freed,
 * its living orphans supervised by no one. */
static void bury(struct task *t)
{
    for (int slot = 1; slot < TASK_MAX; slot++) {
        struct task *c = &task_table[slot];
        if (c->state != TASK_UNUSED && c->supervisor == t->id) {
            c->supervisor = 0;
            if (c->state == TASK_DEAD)
                task_release(c);
        }
    }
    /* 0 is nobody here: task_lookup(0) would be the idle task. */
    struct task *sup = t->supervisor ? task_lookup(t->supervisor) : NULL;
    if (!sup) {
        task_release(t);
        return;
    }
    t->death.id = t->id;
    strlcpy(t->death.name, t->name, sizeof(t->death.name));
    t->state = TASK_DEAD;
    notify_post(sup, 0, NOTIFY_DEATH);
}

/* The end of task t, current (exit, fault) or taken out of its wait by
 * task_kill: every task blocked on it wakes with an error (ERR_ABORTED,
 * ERR_CLOSED), its ends, timer and lines are released, its memory freed.
 * t->death says how it died. One teardown for every kind of death. */
static void task_end(struct task *t, int status, const char *why)
{
    ASSERT(t->id != 0);
    trace_task_exit(t->id, status);
    if (why)
        printk("[baton] task %d (%s) killed: %s\n", t->id, t->name, why);
    else if (status != 0)
        printk("[baton] task %d (%s) exited with status %d\n", t->id, t->name, status);
    t->death.status = status;
    /* Wake whoever waits on t, close its ends, cancel its timer, free its
     * lines: first, while t is still a live task that the woken can be
     * told about (their results name why: ERR_ABORTED, ERR_CLOSED). */
    ipc_task_exit(t);
    channel_task_exit(t);
    notify_task_exit(t);
    irq_task_exit(t);
    console_task_exit(t);
    /* Leave t's address space before freeing its page tables. */
    if (t == task_current)
        arch_vm_activate(&task_table[0].vm);
    free_memory(t);
    /* From here task_lookup(t->id) fails: the slot is dead, then free for
     * the next task_create. */
    bury(t);
}

/* t, not the current task, dies now wherever it waits (task_kill): out of
 * its wait and its run queue first, then the same end as a fault. */
void task_kill(struct task *t, const char *why)
{
    ASSERT(t != task_current);
    ipc_task_cancel(t);           /* out of a receiver's send queue */
    sched_remove(t);
    t->death.cause = TASK_DEATH_KILLED;
    t->death.killer = task_current->id;
    task_end(t, -1, why);
}

/* The current task ends (exit, fault or unknown syscall). The last task to
 * go powers the machine off. */
noreturn void task_exit(int status, const char *why)
{
    struct task *t = task_current;
    if (!t->death.cause)
        t->death.cause = why ? TASK_DEATH_FAULT : TASK_DEATH_EXIT;
    task_end(t, status, why);
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
    task_current->death.cause = TASK_DEATH_FAULT;
    task_current->death.pc = (uint32_t)pc;
    task_current->death.addr = (uint32_t)addr;
    char why[96];
    fmt_snprintf(why, sizeof(why), "%s at pc %p, address %p", what,
                 (void *)pc, (void *)addr);
    task_exit(-1, why);
}
