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

struct channel;

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
    BLOCK_SEND,         /* in ipc_send/ipc_call, until .ipc_peer receives */
    BLOCK_RECV,         /* in ipc_recv, from .ipc_peer (or IPC_ANY) */
    BLOCK_CHANNEL,      /* in channel_send/channel_rcv (kernel/channel.c) */
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

    /* Messages (kernel/ipc.c) */
    task_t ipc_peer;              /* BLOCK_SEND: to; BLOCK_RECV: from, or IPC_ANY */
    bool ipc_calling;             /* BLOCK_SEND: a call: await the reply after */
    bool ipc_awaiting_reply;      /* BLOCK_RECV: the second half of a call */
    struct message ipc_msg;       /* BLOCK_SEND: the message, already copied in */
    struct message *ipc_buf;      /* BLOCK_RECV: where the message goes, as
                                     the kernel sees it (vm_user_ptr) */
    error_t ipc_result;           /* set by whoever wakes a blocked task */
    struct task *senders_head;    /* tasks blocked sending to us, FIFO */
    struct task *senders_tail;
    struct task *sender_next;     /* our link in the receiver's queue */
    /* Notifications: what each sender notified (index: its task id; 0 is
     * the kernel), so we can tell the receiver who notified. */
    uint32_t notify_from[TASK_MAX];
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
