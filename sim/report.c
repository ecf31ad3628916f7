/* report.c (sim) - what every task was doing when a run stopped: for a
 * stuck system, this is the answer to "who waits for whom". */
#include "internal.h"
#include "task.h"
#include "sched.h"
#include "deadlock.h"
#include "ipc.h"

/* SYS_IPC by its flags (slot 4; SYS_IPC_REGS: above the number), as the
 * user library names the calls. */
static const char *ipc_name(uint32_t flags)
{
    bool noblock = flags & IPC_NOBLOCK;
    if (flags & IPC_REPLY)
        return flags & IPC_RECV ? "ipc_replyrecv" : "ipc_reply";
    if ((flags & IPC_SEND) && (flags & IPC_RECV))
        return "ipc_call";
    if (flags & IPC_SEND)
        return noblock ? "ipc_send_noblock" : "ipc_send";
    return noblock ? "ipc_recv_noblock" : "ipc_recv";
}

static const char *syscall_name(const struct task *t)
{
    uint32_t n = t->arch.syscall;
    if (n == SYS_IPC)
        return ipc_name(arch_frame_get(t->arch.frame, 4));
    if ((n & ((1u << SYSCALL_FLAGS_SHIFT) - 1)) == SYS_IPC_REGS)
        return ipc_name(n >> SYSCALL_FLAGS_SHIFT);
    static const char *const names[SYSCALL_COUNT] = {
        [SYS_CONSOLE_WRITE] = "console_write", [SYS_CONSOLE_READ] = "console_read",
        [SYS_EXIT] = "exit", [SYS_YIELD] = "yield", [SYS_TASK_SELF] = "task_self",
        [SYS_SLEEP] = "sleep_ms", [SYS_UPTIME] = "uptime_ms",
        [SYS_KOBJECTS] = "kobjects", [SYS_IPC] = "ipc", [SYS_NOTIFY] = "ipc_notify",
        [SYS_NOTIFY_RCV] = "notification_rcv", [SYS_TIMER_SET] = "timer_set",
        [SYS_IRQ_ACQUIRE] = "irq_acquire", [SYS_CHANNEL_OPEN] = "channel_open",
        [SYS_CHANNEL_CLOSE] = "channel_close", [SYS_CHANNEL_SEND] = "channel_send",
        [SYS_CHANNEL_RECV] = "channel_rcv",
    };
    return n < SYSCALL_COUNT && names[n] ? names[n] : "?";
}

static const char *why(const struct sim_result *r)
{
    switch (r->end) {
    case SIM_END_FINISHED:  return "every task finished";
    case SIM_END_POWEROFF:  return "the kernel stopped the machine";
    case SIM_END_STUCK:     return "stuck: no task can run, and nothing can wake one";
    case SIM_END_MAX_STEPS: return "stopped at --max-steps";
    }
    return "?";
}

/* " 3 (server)", or " 3 (gone)" for an id no task holds now. */
static void peer(FILE *f, task_t id)
{
    struct task *t = task_lookup(id);
    fprintf(f, " %d (%s)", id, t ? t->name : "gone");
}

static void blocked(FILE *f, struct task *t)
{
    struct task *other;
    switch (sched_blocked_on(t)) {
    case BLOCK_SLEEP:
        fprintf(f, "sleeping until tick %llu", (unsigned long long)sched_sleeps_until(t));
        break;
    case BLOCK_CONSOLE:
        fprintf(f, "waiting for console input");
        break;
    case BLOCK_SEND:
        fprintf(f, "sending to");
        peer(f, ipc_wait_peer(t));
        break;
    case BLOCK_CALL:
        fprintf(f, "calling: sending to");
        peer(f, ipc_wait_peer(t));
        break;
    case BLOCK_REPLY:
        fprintf(f, "calling: waiting for the reply of");
        peer(f, ipc_wait_peer(t));
        break;
    case BLOCK_RECV:
        if (ipc_wait_peer(t) == IPC_ANY) {
            fprintf(f, "receiving from any task");
        } else {
            fprintf(f, "receiving from");
            peer(f, ipc_wait_peer(t));
        }
        break;
    case BLOCK_CHANNEL:
        other = deadlock_waits_for(t);
        fprintf(f, "on a channel, ");
        if (other)
            fprintf(f, "waiting for %d (%s)", other->id, other->name);
        else
            fprintf(f, "waiting for a task to open the other end");
        break;
    default:
        fprintf(f, "blocked (%d)", (int)sched_blocked_on(t));
    }
}

static void task_line(FILE *f, struct task *t)
{
    fprintf(f, "  task %d (%s), priority %d: ", t->id, t->name, t->priority);
    if (t->state == TASK_RUNNING)
        fprintf(f, "running");
    else if (t->state == TASK_READY)
        fprintf(f, "ready to run");
    else
        blocked(f, t);
    if (t->arch.syscall == 0)
        fprintf(f, " (no system call yet)");
    else if (t->state != TASK_READY)
        fprintf(f, ", in %s", syscall_name(t));
    else
        fprintf(f, " (last system call: %s)", syscall_name(t));
    uint32_t bits = 0;
    for (int i = 0; i < TASK_MAX; i++)
        bits |= t->notify_from[i];
    if (bits)
        fprintf(f, "; notifications pending: 0x%x", bits);
    if (t->timer_tick)
        fprintf(f, "; timer set for tick %llu", (unsigned long long)t->timer_tick);
    fputc('\n', f);
}

void sim_report(FILE *f, const struct sim_result *r)
{
    fprintf(f, "baton-sim: %s", why(r));
    if (r->end == SIM_END_POWEROFF)
        fprintf(f, " with status %d%s", r->status, r->status == 1 ? " (a panic)" : "");
    fprintf(f, "; %llu system calls, %llu switches, %llu ticks (%llu ms of virtual time)\n",
            (unsigned long long)r->syscalls, (unsigned long long)r->switches,
            (unsigned long long)r->ticks,
            (unsigned long long)(r->cycles / (SIM_HZ / 1000)));
    for (task_t id = 1; id < TASK_MAX; id++) {
        struct task *t = task_lookup(id);
        if (t)
            task_line(f, t);
    }
    fflush(f);
}
