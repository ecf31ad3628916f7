/* task.h - the ABI of tasks made at run time (docs/tasks.md): what
 * task_spawn asks for, and what a supervisor learns of a task's death.
 *
 * Task ids. An id names one task for as long as it lives and never another:
 * it is (generation << TASK_GEN_SHIFT) | slot. The slot (0..TASK_MAX-1)
 * indexes the kernel's task table; the generation counts how many tasks
 * that slot has held before, so when a slot is reused the new task gets a
 * new id and the old id is stale: every call that takes a task id (ipc_*,
 * ipc_notify, notification_rcv, task_kill) answers ERR_NOT_FOUND for it.
 * Tasks of the manifest are the first of their slots: ids 1, 2, 3... as
 * before. The trace and a NOTIFICATIONS_MSG's senders name a task by its
 * slot alone (TASK_SLOT(id)): the low byte, so 0..31 on the wire. */
#ifndef BATON_TASK_H
#define BATON_TASK_H

#include <stdint.h>
#include <baton/types.h>

#define TASK_GEN_SHIFT 8
#define TASK_SLOT(id)  ((int)((unsigned)(id) & ((1u << TASK_GEN_SHIFT) - 1)))
#define TASK_GEN(id)   ((unsigned)(id) >> TASK_GEN_SHIFT)
/* Generations wrap after this many reuses of one slot (ids stay positive). */
#define TASK_GEN_MAX   (1u << 22)

/* What a new task may use: a subset of its creator's grants. */
struct task_grants {
    uint32_t send_ports;          /* bit p: may open port p to send */
    uint32_t recv_ports;          /* bit p: may open port p to receive */
    uint32_t irqs;                /* bit i: may acquire IRQ i (IRQ_UART...) */
    uint32_t flags;               /* TASK_PRIVILEGED */
};
#define TASK_PRIVILEGED (1u << 0)  /* may spawn, kill and hear of deaths */

/* SYS_TASK_SPAWN's one argument (the library fills it from task_spawn). */
struct task_spawn_req {
    char name[TASK_NAME_MAX];     /* NUL-terminated, 1..15 characters */
    char program[32];             /* a program built into the image */
    int priority;                 /* TASK_PRIO_MIN..TASK_PRIO_MAX */
    struct task_grants grants;
};

/* How a task died. */
enum {
    TASK_DEATH_EXIT = 1,          /* it called exit(status) */
    TASK_DEATH_FAULT = 2,         /* it faulted (pc, addr), or made a bad syscall */
    TASK_DEATH_KILLED = 3,        /* task_kill by .killer */
};

/* SYS_TASK_DEATH: one death, told to the dead task's supervisor. */
struct task_death {
    task_t id;                    /* who died: stale from now on */
    int cause;                    /* TASK_DEATH_* */
    int status;                   /* exit's status; -1 for a fault or a kill */
    task_t killer;                /* TASK_DEATH_KILLED: by whom */
    uint32_t pc, addr;            /* TASK_DEATH_FAULT: where (0 for a bad syscall) */
    char name[TASK_NAME_MAX];
};

#endif
