/* syscall.c - system call dispatch: read the number and arguments from the
 * trap frame, run the handler, put the result back. Handlers validate every
 * argument themselves; an unknown number is a fault that kills the task. */
#include "syscall.h"
#include "trace.h"
#include "arch.h"
#include "task.h"
#include "sched.h"
#include "console.h"
#include "page.h"
#include "ipc.h"
#include "fastpath.h"
#include "notify.h"
#include "irq.h"
#include "channel.h"
#include <baton/fmt.h>

static long sys_console_write(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return console_write(t, a[0], a[1]);
}

static long sys_console_read(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return console_read(t, a[0], a[1]);
}

static long sys_exit(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)t; (void)f;
    task_exit((int)a[0], NULL);
}

static long sys_yield(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)t; (void)a; (void)f;
    sched_yield();
    return OK;
}

static long sys_task_self(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)a; (void)f;
    return t->id;
}

static long sys_sleep(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)t; (void)f;
    sched_sleep(a[0]);
    return OK;
}

static long sys_uptime(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)t; (void)a; (void)f;
    return (long)((uint32_t)sched_ticks * ARCH_TICK_MS);
}

static long sys_kobjects(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)t; (void)f;
    switch (a[0]) {
    case KOBJ_PAGES: return (long)page_used();
    case KOBJ_TASKS: return task_count();
    case KOBJ_CHANNELS: return channel_count();
    case KOBJ_QUEUED: return ipc_queued();
    case KOBJ_DEAD: return task_dead_count();
    }
    return ERR_INVALID_ARG;
}

static long sys_ipc(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return ipc_syscall(t, (task_t)a[0], (task_t)a[1], a[2], a[3]);
}

/* The register form: the flags ride above the number (<baton/syscall.h>). */
static long sys_ipc_regs(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)a;
    unsigned flags = arch_frame_get(f, 0) >> SYSCALL_FLAGS_SHIFT;
    error_t err;
    if (!fastpath_ipc(t, f, &err))
        err = ipc_syscall_regs(t, f, flags);
    ipc_regs_finish(t, f, err);
    return err;
}

static long sys_notify(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return notify_syscall(t, (task_t)a[0], a[1]);
}

static long sys_notify_rcv(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    /* Senders are kept by slot: a stale id (-1) is ERR_NOT_FOUND. */
    return notify_rcv(t, task_slot_of((task_t)a[0]));
}

static long sys_timer_set(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return notify_timer_set(t, a[0]);
}

static long sys_irq_acquire(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return irq_acquire(t, (int)a[0]);
}

static long sys_irq_ack(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return irq_ack(t, (int)a[0]);
}

static long sys_channel_open(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return channel_sys_open(t, a[0], a[1], a[2]);
}

static long sys_channel_close(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return channel_sys_close(t, a[0]);
}

/* (handle pointer, size, data words 0..3 or [0] = the buffer) */
static long sys_channel_send(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return channel_sys_send(t, a[0], a[1], &a[2]);
}

/* (handle pointer, buffer, buffer size) */
static long sys_channel_recv(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return channel_sys_recv(t, a[0], a[1], a[2]);
}

/* Tasks at run time (kernel/spawn.c): (request), (id), (record). */
static long sys_task_spawn(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return task_sys_spawn(t, a[0]);
}

static long sys_task_kill(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return task_sys_kill(t, (task_t)a[0]);
}

static long sys_task_death(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    return task_sys_death(t, a[0]);
}

static syscall_fn *const syscalls[SYSCALL_COUNT] = {
    [SYS_CONSOLE_WRITE] = sys_console_write,
    [SYS_CONSOLE_READ]  = sys_console_read,
    [SYS_EXIT]          = sys_exit,
    [SYS_YIELD]         = sys_yield,
    [SYS_TASK_SELF]     = sys_task_self,
    [SYS_SLEEP]         = sys_sleep,
    [SYS_UPTIME]        = sys_uptime,
    [SYS_KOBJECTS]      = sys_kobjects,
    [SYS_IPC]           = sys_ipc,
    [SYS_NOTIFY]        = sys_notify,
    [SYS_NOTIFY_RCV]    = sys_notify_rcv,
    [SYS_TIMER_SET]     = sys_timer_set,
    [SYS_IRQ_ACQUIRE]   = sys_irq_acquire,
    [SYS_IPC_REGS]      = sys_ipc_regs,
    [SYS_IRQ_ACK]       = sys_irq_ack,
    [SYS_CHANNEL_OPEN]  = sys_channel_open,
    [SYS_CHANNEL_CLOSE] = sys_channel_close,
    [SYS_CHANNEL_SEND]  = sys_channel_send,
    [SYS_CHANNEL_RECV]  = sys_channel_recv,
    [SYS_TRACE_CTL]     = trace_sys_ctl,
    [SYS_TASK_SPAWN]    = sys_task_spawn,
    [SYS_TASK_KILL]     = sys_task_kill,
    [SYS_TASK_DEATH]    = sys_task_death,
};

/* The syscall number in the word of slot 0: SYS_IPC_REGS carries its flags
 * above it. */
static inline uint32_t syscall_number(const struct arch_frame *f)
{
    return arch_frame_get(f, 0) & ((1u << SYSCALL_FLAGS_SHIFT) - 1);
}

/* Run handler n with the frame's arguments; its result goes in slot 0.
 * No handler writes slot 0, so the tracepoint reads the number back from
 * there: n, kept across the call for it alone, would cost a saved register
 * (kernel/trace.h, "Writing a site"). */
static inline __attribute__((always_inline)) void run(struct arch_frame *f, uint32_t n)
{
    uint32_t buf[SYSCALL_NARGS];
    long ret = syscalls[n](task_current, arch_frame_args(f, buf), f);
    trace_syscall_ret(task_current->id, syscall_number(f), ret);
    arch_frame_set(f, 0, (uint32_t)ret);
}

void trap_syscall(struct arch_frame *f)
{
    uint32_t word = arch_frame_get(f, 0);
    uint32_t n = syscall_number(f);
    /* Only SYS_IPC_REGS carries anything above the number: its flags. */
    if (n >= SYSCALL_COUNT || !syscalls[n] || (word != n && n != SYS_IPC_REGS)) {
        char why[40];
        fmt_snprintf(why, sizeof(why), "unknown syscall %u", word);
        task_exit(-1, why);
    }
    run(f, n);
    sched_preempt_check();
}

/* A light syscall: nobody was woken, so nobody can preempt us. */
void trap_syscall_light(struct arch_frame *f)
{
    run(f, arch_frame_get(f, 0));
}
