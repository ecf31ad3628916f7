/* task.h - tasks: one thread in its own address space, with a kernel stack.
 *
 * The task table is static: slots 1..TASK_MAX-1, slot 0 the kernel's idle
 * task. An id is the slot plus a generation (<baton/task.h>), so that a
 * slot's next task never answers to its predecessor's id. A task is created
 * from a manifest entry at boot or by a privileged task (task_spawn), and
 * destroyed when it exits, faults or is killed (task_kill). */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>
#include <stdbool.h>
#include <baton/types.h>
#include <baton/task.h>
#include <baton/error.h>
#include "arch.h"
#include "manifest.h"
#include <baton/ipc.h>
#include "ipc.h"

struct channel;

#define KSTACK_SIZE 8192
#define KSTACK_GUARD PAGE_SIZE    /* the page below each kernel stack: arch_vm_guard */

enum task_state {
    TASK_UNUSED,    /* a free slot in the table */
    TASK_RUNNING,   /* on the CPU: task_current */
    TASK_READY,     /* in a run queue */
    TASK_BLOCKED,   /* waiting; .block says for what */
    TASK_DEAD,      /* gone, its death not yet read by its supervisor */
};

/* Why a blocked task waits: one kind per way of blocking, each entered
 * through one function of the file that owns it, which alone reads and
 * writes that wait's fields below. Everyone else asks that file (ipc.h,
 * channel.h, sched.h) or sched_blocked_on(). */
enum task_block {        /* the four IPC waits stay together, SEND to REPLY */
    BLOCK_NONE,
    BLOCK_SLEEP,        /* sched.c, sched_sleep: until .wake_tick */
    BLOCK_CONSOLE,      /* console.c, console_read: for input */
    BLOCK_SEND,         /* ipc.c, wait_send: in dst's queue, until dst takes it */
    BLOCK_CALL,         /* ipc.c, wait_send: the same, for the request of a call */
    BLOCK_RECV,         /* ipc.c, wait_receive: for a message from .ipc.peer (or any) */
    BLOCK_REPLY,        /* ipc.c, await_reply: the second half of a call */
    BLOCK_CHANNEL,      /* channel.c, wait_peer: for the other end of a channel */
};

struct task {
    task_t id;
    char name[TASK_NAME_MAX];
    int priority;                 /* TASK_PRIO_MIN..MAX; idle has 0 */
    const struct manifest_task *grants;  /* ports and irqs it may use */
    uintptr_t image_end;          /* end of the program's mapped pages */
    struct arch_task arch;        /* saved kernel context */
    struct arch_vm vm;            /* address space */
    unsigned char *kstack;        /* KSTACK_SIZE bytes */

    /* Life and death (kernel/task.c). */
    task_t supervisor;            /* told of our death (NOTIFY_DEATH); 0: nobody */
    struct manifest_task spawned; /* a spawned task's grants: .grants points here */
    struct task_death death;      /* TASK_DEAD: what task_death() will report */

    /* The scheduler's (kernel/sched.c): written only there. */
    enum task_state state;
    enum task_block block;        /* while BLOCKED: why; ask sched_blocked_on() */
    error_t wake_result;          /* what the blocking call returns: sched_wake's */
    struct task *next;            /* READY: the run-queue link */
    uint64_t wake_tick;           /* BLOCK_SLEEP: the tick to wake at */

    /* Messages (kernel/ipc.c): valid in the BLOCK_SEND, _CALL, _RECV and
     * _REPLY waits, read elsewhere only through ipc.h. */
    struct ipc_wait ipc;
    struct sendq_link sendq_link; /* sendq.c: our place in a receiver's queue */

    /* Notifications (kernel/notify.c): what each sender notified (index:
     * its task id; 0 is the kernel), so we can tell the receiver who. */
    uint32_t notify_from[TASK_MAX];
    uint32_t notify_senders;      /* bit i set while notify_from[i] != 0 */
    uint64_t timer_tick;          /* timer_set(): notify at this tick; 0: off */

    /* Channels (kernel/channel.c) */
    struct channel *handles[CHANNEL_HANDLES];  /* handle h is index h-1 */
    uint8_t handle_dir[CHANNEL_HANDLES];       /* its CHANNEL_SEND/RECEIVE */
    struct channel *chan_blocked; /* BLOCK_CHANNEL: on which channel */
};

extern struct task *task_current;
/* Every task slot, indexed by id (kernel/task.c). */
extern struct task task_table[TASK_MAX];

static inline bool task_alive(const struct task *t)
{
    return t->state != TASK_UNUSED && t->state != TASK_DEAD;
}

/* The live task with this id, or NULL: out of range, unused, dead, or a
 * stale id (the slot holds a later task). Inline: IPC looks up its peer on
 * every call. */
static inline struct task *task_lookup(task_t id)
{
    int slot = TASK_SLOT(id);
    if (slot >= TASK_MAX || task_table[slot].id != id || !task_alive(&task_table[slot]))
        return NULL;
    return &task_table[slot];
}

/* The live task in table slot `slot`, or NULL: for loops over every task
 * (a slot is not an id once its task has a generation). */
static inline struct task *task_at(int slot)
{
    return task_alive(&task_table[slot]) ? &task_table[slot] : NULL;
}

/* Create a task from a manifest entry: address space, program, stack.
 * ERR_TABLE_FULL when every slot is taken. */
error_t task_create(const struct manifest_task *m, struct task **out);
/* Kill t (alive, not the current task) wherever it waits: it ends as a
 * fault would; the current task is its killer. */
void task_kill(struct task *t, const char *why);
/* Free t's slot (dead, or never started): its next task gets a new id. */
void task_release(struct task *t);
/* Destroy the current task: report why (unless NULL), free everything it
 * held, and switch to another task. Never returns. */
noreturn void task_exit(int status, const char *why);
/* Number of tasks alive, idle not counted. */
int task_count(void);
/* Dead tasks whose supervisor has not read their death yet (KOBJ_DEAD). */
int task_dead_count(void);
/* Boot: the manifest's first privileged task supervises the others. */
void task_boot_supervisor(void);
/* The system calls of docs/tasks.md: each checks that me is privileged. */
long task_sys_spawn(struct task *me, uintptr_t ureq);
error_t task_sys_kill(struct task *me, task_t id);
error_t task_sys_death(struct task *me, uintptr_t uinfo);
/* The slot of an id that names a live task or a dead one whose slot has
 * not been reused (0 for 0); -1 for a stale or impossible id. For
 * notification_rcv, which names senders by slot. */
int task_slot_of(task_t id);
/* Set up the idle task; called once at boot. */
void task_init(void);

#endif
