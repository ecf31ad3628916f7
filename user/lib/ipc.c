/* ipc.c - messages and notifications: thin wrappers over SYS_IPC and the
 * notification system calls. All the rules live in the kernel (kernel/ipc.c).
 *
 * A message whose words after IPC_REG_WORDS are zero travels in registers
 * (SYS_IPC_REGS): the kernel never touches memory for it, and a call to a
 * waiting server takes the fast path (kernel/fastpath.c). Any other message
 * goes by address (SYS_IPC). Both forms follow the same rules. */
#include <baton.h>
#include <arch_syscall.h>

static error_t ipc(task_t dst, task_t src, struct message *m, unsigned flags)
{
    return syscall(SYS_IPC, (uint32_t)dst, (uint32_t)src, (uintptr_t)m, flags, 0, 0);
}

#ifndef ARCH_IPC_REGS
/* SYS_IPC_REGS through the port's generic syscall (i386 has its own,
 * arch_syscall.h): type and words 0..2 in, the six result registers out. */
static inline long arch_ipc_regs(uint32_t word, uint32_t peer, const uint32_t *m,
                                 uint32_t out[6])
{
    uint32_t a[6] = { peer, (uintptr_t)m, m[0], m[2], m[3], m[4] };
    return arch_syscall(word, a, out);
}
#endif

/* The register form: peer, m's type and first words in, and what was
 * received back out (in registers, or already written at m). A message
 * sent from m fitted (ipc_out), so its last words are zero already, and
 * stay so when the answer comes in registers. */
static inline __attribute__((always_inline))
error_t ipc_regs(task_t peer, struct message *m, unsigned flags)
{
    _Static_assert(IPC_REG_WORDS == 3 && offsetof(struct message, words) == 8,
                   "slots 4..6 carry words 0..2, m[2..4]");
    uint32_t r[6];
    error_t err = (error_t)arch_ipc_regs(SYS_IPC_REGS | flags << SYSCALL_FLAGS_SHIFT,
                                         (uint32_t)peer, (const uint32_t *)m, r);
    if (err != OK || !(flags & IPC_RECV) || r[1] != 0)
        return err;             /* nothing received, or it is at m already */
    m->src = (task_t)r[0];
    m->type = (int)r[2];
    int written = (flags & IPC_SEND) ? IPC_REG_WORDS : MESSAGE_DATA_SIZE / 4;
    for (int i = 0; i < written; i++)
        m->words[i] = i < IPC_REG_WORDS ? r[3 + i] : 0;
    return OK;
}

/* May the library read and write m itself? Only where that cannot fault:
 * on the caller's stack (ipc_on_stack, <baton/ipc.h>), mapped and writable
 * for as long as the task lives. Anywhere else the message goes by
 * address, so that the kernel checks it (a bad pointer is ERR_BAD_ADDRESS,
 * never a fault). */
#ifndef ARCH_USER_STACK_TOP
#define ARCH_USER_STACK_TOP USER_STACK_TOP
#endif
static inline __attribute__((always_inline))
bool on_my_stack(const struct message *m)
{
    return ipc_on_stack((uintptr_t)m, ARCH_USER_STACK_TOP - USER_STACK_SIZE);
}

/* Pick the form: registers for a message on the stack whose tail is zero
 * (a long one received still lands at m), the address otherwise. */
static inline __attribute__((always_inline))
error_t ipc_out(task_t dst, task_t src, struct message *m, unsigned flags)
{
    bool recv_only = (flags & ~IPC_NOBLOCK) == IPC_RECV;
    if (on_my_stack(m) && (recv_only || ipc_fits_in_regs(m)))
        return ipc_regs((flags & IPC_SEND) ? dst : src, m, flags);
    return ipc(dst, src, m, flags);
}

error_t ipc_send(task_t dst, struct message *m)
{
    return ipc_out(dst, 0, m, IPC_SEND);
}

error_t ipc_send_noblock(task_t dst, struct message *m)
{
    return ipc_out(dst, 0, m, IPC_SEND | IPC_NOBLOCK);
}

error_t ipc_recv(task_t src, struct message *m)
{
    return ipc_out(0, src, m, IPC_RECV);
}

error_t ipc_recv_noblock(task_t src, struct message *m)
{
    return ipc_out(0, src, m, IPC_RECV | IPC_NOBLOCK);
}

error_t ipc_call(task_t dst, struct message *m)
{
    return ipc_out(dst, dst, m, IPC_SEND | IPC_RECV);
}

error_t ipc_reply(task_t dst, struct message *m)
{
    return ipc_out(dst, 0, m, IPC_SEND | IPC_REPLY | IPC_NOBLOCK);
}

error_t ipc_replyrecv(task_t dst, struct message *m)
{
    return ipc_out(dst, IPC_ANY, m, IPC_SEND | IPC_RECV | IPC_REPLY);
}
error_t ipc_notify(task_t dst, notifications_t bits)
{
    return syscall(SYS_NOTIFY, (uint32_t)dst, bits, 0, 0, 0, 0);
}

ax_return notification_send(thread_id id)
{
    return ipc_notify(id, NOTIFY_SIGNAL);
}

ax_return notification_rcv(thread_id id)
{
    return syscall(SYS_NOTIFY_RCV, (uint32_t)id, 0, 0, 0, 0, 0);
}

error_t timer_set(uint32_t ms)
{
    return syscall(SYS_TIMER_SET, ms, 0, 0, 0, 0, 0);
}

error_t irq_acquire(int irq)
{
    return syscall(SYS_IRQ_ACQUIRE, (uint32_t)irq, 0, 0, 0, 0, 0);
}

error_t irq_ack(int irq)
{
    return syscall(SYS_IRQ_ACK, (uint32_t)irq, 0, 0, 0, 0, 0);
}
