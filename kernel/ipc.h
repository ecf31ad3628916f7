/* ipc.h - synchronous messages addressed by task (seed async-ipc.md):
 * send, receive, call, reply, each blocking or not; FIFO queues of senders. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>
#include <baton/error.h>
#include <baton/ipc.h>

struct task;

/* SYS_IPC: a send, a receive, or a call, with IPC_* flags. */
error_t ipc_syscall(struct task *me, task_t dst, task_t src, uintptr_t ubuf,
                    unsigned flags);
/* Wake a blocked task; its system call returns `result`. */
void ipc_wake(struct task *t, error_t result);
/* Is t blocked in a receive that a message from `from` would satisfy? */
bool ipc_receiving_from(struct task *t, struct task *from);
/* t is dying: wake everyone blocked sending to it, calling it, or receiving
 * from it, with ERR_ABORTED. */
void ipc_task_exit(struct task *t);
/* Senders blocked in queues right now (SYS_KOBJECTS). */
int ipc_queued(void);

#endif
