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

/* The task with this id, or NULL if id is out of range or unused. Inline:
 * IPC looks up its peer on every call. */
static inline struct task *task_lookup(task_t id)
{
    if ((unsigned)id >= TASK_MAX || task_table[id].state == TASK_UNUSED)
        return NULL;
    return &task_table[id];
}

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
