/* ipc.c - messages and notifications: thin wrappers over SYS_IPC and the
 * notification system calls. All the rules live in the kernel (kernel/ipc.c). */
#include <baton.h>

static error_t ipc(task_t dst, task_t src, struct message *m, unsigned flags)
{
    return syscall(SYS_IPC, (uint32_t)dst, (uint32_t)src, (uintptr_t)m, flags, 0, 0);
}

error_t ipc_send(task_t dst, struct message *m)
{
    return ipc(dst, 0, m, IPC_SEND);
}

error_t ipc_send_noblock(task_t dst, struct message *m)
{
    return ipc(dst, 0, m, IPC_SEND | IPC_NOBLOCK);
}

error_t ipc_recv(task_t src, struct message *m)
{
    return ipc(0, src, m, IPC_RECV);
}

error_t ipc_recv_noblock(task_t src, struct message *m)
{
    return ipc(0, src, m, IPC_RECV | IPC_NOBLOCK);
}

error_t ipc_call(task_t dst, struct message *m)
{
    return ipc(dst, dst, m, IPC_SEND | IPC_RECV);
}

error_t ipc_reply(task_t dst, struct message *m)
{
    return ipc(dst, 0, m, IPC_SEND | IPC_REPLY | IPC_NOBLOCK);
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
