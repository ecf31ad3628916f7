/* task.h - tasks: one thread in its own address space, with a kernel stack.
 *
 * The task table is static: ids 1..TASK_MAX-1 index it, id 0 is the kernel's
 * idle task. A task is created from a manifest entry and destroyed when it
 * exits or faults. */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>
#include <stdbool.h>
#include <baton/types.h>
#include <baton/error.h>
#include "arch.h"
#include "manifest.h"

#define KSTACK_SIZE 8192

enum task_state {
    TASK_UNUSED,    /* a free slot in the table */
    TASK_RUNNING,   /* on the CPU: task_current */
    TASK_READY,     /* in a run queue */
    TASK_BLOCKED,   /* waiting; .block says for what */
};

/* What a blocked task waits for. */
enum task_block {
    BLOCK_NONE,
    BLOCK_SLEEP,        /* until .wake_tick */
    BLOCK_CONSOLE,      /* for console input */
};

struct task {
    task_t id;
    char name[TASK_NAME_MAX];
    int priority;                 /* TASK_PRIO_MIN..MAX; idle has 0 */
    enum task_state state;
    enum task_block block;
    struct task *next;            /* run queue or wait list link */
    uint64_t wake_tick;           /* BLOCK_SLEEP: the tick to wake at */
    const struct manifest_task *grants;  /* ports and irqs it may use */
    uintptr_t image_end;          /* end of the program's mapped pages */
    struct arch_task arch;        /* saved kernel context */
    struct arch_vm vm;            /* address space */
    unsigned char *kstack;        /* KSTACK_SIZE bytes */
};

extern struct task *task_current;

/* The task with this id, or NULL if id is out of range or unused. */
struct task *task_lookup(task_t id);
/* Create a task from a manifest entry: address space, program, stack. */
error_t task_create(const struct manifest_task *m, struct task **out);
/* Destroy the current task: report why (unless NULL), free everything it
 * held, and switch to another task. Never returns. */
noreturn void task_exit(int status, const char *why);
/* Number of tasks alive, idle not counted. */
int task_count(void);
/* Set up the idle task; called once at boot. */
void task_init(void);

#endif
