/* ipc.h - synchronous messages addressed by task (seed async-ipc.md):
 * send and receive meet in a rendezvous; a call is a send followed by the
 * wait for its reply. Blocked senders wait in FIFO queues (sendq.h).
 *
 * ipc.c owns the four IPC waits (BLOCK_SEND, BLOCK_CALL, BLOCK_RECV,
 * BLOCK_REPLY) and their fields, struct ipc_wait: other files ask the
 * questions below instead of reading them. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>
#include <baton/error.h>
#include <baton/ipc.h>
#include "sendq.h"

struct task;
struct arch_frame;

/* A task's message state, valid only in the wait that says so. */
struct ipc_wait {
    task_t peer;             /* SEND, CALL: the receiver; RECV: the source,
                                or IPC_ANY; REPLY: the task called */
    struct message *buf;     /* RECV, REPLY: where the message goes; SEND,
                                CALL: the sender's own buffer. A kernel
                                pointer to user memory (vm_user_ptr). */
    struct message msg;      /* SEND, CALL: the message, copied in */
    struct sendq senders;    /* tasks blocked sending to us, oldest first */
    /* The register form (SYS_IPC_REGS), for the syscall in progress: its
     * message lives here, in the kernel, while it waits; the receive ends in
     * registers, or at .spill (the address of the caller's own buffer,
     * checked when the syscall began) when it does not fit. flags: its IPC_* flags, 0 when
     * the syscall in progress is not the register form. */
    struct message regmsg;
    uintptr_t spill;
    unsigned regs_flags;
};

/* SYS_IPC: a send, a receive, a call, a reply or a reply-and-receive, with
 * IPC_* flags; the message at ubuf. */
error_t ipc_syscall(struct task *me, task_t dst, task_t src, uintptr_t ubuf,
                    unsigned flags);
/* SYS_IPC_REGS: the same with the message in the frame's registers
 * (<baton/syscall.h>); sets every result register but the return value. */
error_t ipc_syscall_regs(struct task *me, struct arch_frame *f, unsigned flags);
/* The end of a register-form IPC syscall of t, whose wait ended with err:
 * the message received into t's frame f. Not the return value (slot 0):
 * the caller stores it (syscall.c, run: the number stays there until
 * then). The slow path calls it on the way out; the fast path, for a task
 * it resumes. */
void ipc_regs_finish(struct task *t, struct arch_frame *f, error_t err);

/* ipc_accepts, ipc_awaits_reply: in ipc_wait.h, inline. */
/* Is t blocked sending (or calling) to dst, its message not yet taken? */
bool ipc_sends_to(const struct task *t, task_t dst);
/* The buffer of t if t is blocked in an open receive (IPC_ANY), the only
 * receive that notifications end; NULL otherwise. */
struct message *ipc_open_receive(struct task *t);
/* The task that t's IPC wait names: the receiver, the source (IPC_ANY for
 * an open receive) or the callee; IPC_ANY if t is in no IPC wait. */
task_t ipc_wait_peer(const struct task *t);
/* The task t waits for in an IPC wait, or NULL: not in one, or an open
 * receive, which waits for no one in particular (deadlock.c). */
struct task *ipc_waits_for(const struct task *t);
/* The senders queued on t, oldest first (i from 0), for observers. */
struct task *ipc_queued_sender(const struct task *t, int i);

/* t is dying: wake everyone blocked sending to it, calling it, receiving
 * from it or awaiting its reply, with ERR_ABORTED. */
void ipc_task_exit(struct task *t);
/* t, blocked and being killed, leaves the send queue it waits in. */
void ipc_task_cancel(struct task *t);
/* Senders blocked in queues right now (SYS_KOBJECTS). */
int ipc_queued(void);

#endif
