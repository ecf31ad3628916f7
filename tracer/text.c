/* text.c - an event as a line of text. One place decides how each event
 * reads, so that the dump, the viewer's event list and the tests agree. */
#include "text.h"
#include <stdio.h>
#include <string.h>
#include <baton/error.h>
#include <baton/syscall.h>

const char *tr_syscall_name(unsigned n, char *buf)
{
    static const char *const names[] = {
        [SYS_CONSOLE_WRITE] = "SYS_CONSOLE_WRITE", [SYS_CONSOLE_READ] = "SYS_CONSOLE_READ",
        [SYS_EXIT] = "SYS_EXIT", [SYS_YIELD] = "SYS_YIELD",
        [SYS_TASK_SELF] = "SYS_TASK_SELF", [SYS_SLEEP] = "SYS_SLEEP",
        [SYS_UPTIME] = "SYS_UPTIME", [SYS_KOBJECTS] = "SYS_KOBJECTS",
        [SYS_IPC] = "SYS_IPC", [SYS_NOTIFY] = "SYS_NOTIFY",
        [SYS_NOTIFY_RCV] = "SYS_NOTIFY_RCV", [SYS_TIMER_SET] = "SYS_TIMER_SET",
        [SYS_IRQ_ACQUIRE] = "SYS_IRQ_ACQUIRE", [SYS_IPC_REGS] = "SYS_IPC_REGS",
        [SYS_IRQ_ACK] = "SYS_IRQ_ACK",
        [SYS_CHANNEL_OPEN] = "SYS_CHANNEL_OPEN",
        [SYS_CHANNEL_CLOSE] = "SYS_CHANNEL_CLOSE", [SYS_CHANNEL_SEND] = "SYS_CHANNEL_SEND",
        [SYS_CHANNEL_RECV] = "SYS_CHANNEL_RECV", [SYS_TRACE_CTL] = "SYS_TRACE_CTL",
        [SYS_TASK_SPAWN] = "SYS_TASK_SPAWN", [SYS_TASK_KILL] = "SYS_TASK_KILL",
        [SYS_TASK_DEATH] = "SYS_TASK_DEATH",
    };
    if (n < sizeof(names) / sizeof(names[0]) && names[n])
        return names[n];
    snprintf(buf, 24, "syscall %u", n);
    return buf;
}

static const char *wait_name(unsigned w)
{
    static const char *const names[] = {
        "none", "sleep", "console", "send", "call", "recv", "reply", "channel",
    };
    return w < sizeof(names) / sizeof(names[0]) ? names[w] : "?";
}

/* "port 3 receive" */
static void port_text(unsigned port_byte, char *buf, size_t size)
{
    snprintf(buf, size, "port %u %s", port_byte & TRACE_PORT_MASK,
             port_byte & TRACE_PORT_RECV ? "receive" : "send");
}

/* "a -> b -> c": a deadlock's cycle, back to its start. */
static void cycle_text(const struct tr_decoder *d, const struct tr_event *e,
                       const struct tr_extra *x, char *buf, size_t size)
{
    char tmp[40];
    size_t n = (size_t)snprintf(buf, size, "refused: %s", tr_task_name(d, e->subj, tmp));
    for (size_t i = 0; i < x->n && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, " -> %s", tr_task_name(d, x->p[i], tmp));
    if (n < size)
        snprintf(buf + n, size - n, " -> %s", tr_task_name(d, e->subj, tmp));
}

/* A snapshot's task records: "a running, b blocked (recv any), ...". */
static void snapshot_text(const struct tr_decoder *d, const struct tr_extra *x,
                          char *buf, size_t size)
{
    static const char *const states[] = { "?", "running", "ready", "blocked" };
    char name[40], peer[40];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t at = 0; at + 2 <= x->n && n < size; at += 2 + x->p[at + 1]) {
        const uint8_t *r = x->p + at + 2;
        if (x->p[at] != TRACE_META_TASK || x->p[at + 1] < 5 || at + 2 + x->p[at + 1] > x->n)
            continue;
        n += (size_t)snprintf(buf + n, size - n, "%s%s %s", n ? ", " : "",
                              tr_task_name(d, r[0], name), r[2] <= 3 ? states[r[2]] : "?");
        if (r[2] == TRACE_STATE_BLOCKED && n < size)
            n += (size_t)snprintf(buf + n, size - n, " (%s %s)", wait_name(r[3]),
                                  r[3] == TRACE_WAIT_RECV && r[4] == 0 ? "any"
                                  : r[4] == TR_NO_TASK ? "-" : tr_task_name(d, r[4], peer));
    }
}

/* An error's name, or its number when it has none (a newer kernel's). */
static void error_text(int32_t err, char *buf, size_t size)
{
    const char *name = err2str(err);
    if (strcmp(name, "ERR_UNKNOWN") == 0)
        snprintf(buf, size, "error %d (unknown)", (int)err);
    else
        snprintf(buf, size, "%s", name);
}

void tr_event_details(const struct tr_decoder *d, const struct tr_event *e,
                      const struct tr_extra *x, char *buf, size_t size)
{
    char p[40], sys[24], err[40];
    const char *peer = tr_task_name(d, e->peer, p);
    switch (e->type) {
    case TRACE_EV_SWITCH: case TRACE_EV_MSG_SEND: case TRACE_EV_MSG_CALL:
    case TRACE_EV_MSG_REPLY:
        snprintf(buf, size, "-> %s", peer); return;
    case TRACE_EV_WAKE:
        snprintf(buf, size, "%s", peer); return;
    case TRACE_EV_RECV_BLOCK:
        snprintf(buf, size, "from %s", e->peer == 0 ? "any" : peer); return;
    case TRACE_EV_SEND_BLOCK: case TRACE_EV_CALL_BLOCK:
        snprintf(buf, size, "to %s", peer); return;
    case TRACE_EV_BLOCK:
        snprintf(buf, size, "%s", wait_name(e->aux)); return;
    case TRACE_EV_NOTIFY_SEND:
        snprintf(buf, size, "-> %s bits 0x%x", peer, e->a); return;
    case TRACE_EV_NOTIFY_DELIVER:
        snprintf(buf, size, "from %s bits 0x%x", e->peer == 0 ? "kernel" : peer, e->a);
        return;
    case TRACE_EV_IRQ:
        snprintf(buf, size, "line %u", e->aux); return;
    case TRACE_EV_IRQ_CTL:
        snprintf(buf, size, "line %u %s", e->aux, tr_irq_op_name(e->a)); return;
    case TRACE_EV_CHAN_OPEN: case TRACE_EV_CHAN_CLOSE: case TRACE_EV_CHAN_BLOCK:
        port_text(e->aux, buf, size); return;
    case TRACE_EV_CHAN_XFER:
        snprintf(buf, size, "-> %s port %u, %u bytes, %s", peer, e->aux & TRACE_PORT_MASK,
                 e->a, e->aux & TRACE_PORT_SHARED ? "shared" : "registers");
        return;
    case TRACE_EV_DEADLOCK:
        cycle_text(d, e, x, buf, size); return;
    case TRACE_EV_SYSCALL_ERR:
        error_text((int32_t)e->a, err, sizeof(err));
        snprintf(buf, size, "%s: %s", tr_syscall_name(e->aux, sys), err);
        return;
    case TRACE_EV_ASYNC_PULL:       /* the value is 0 today: a non-zero one shows */
        snprintf(buf, size, e->a ? "from %s value %u" : "from %s", peer, e->a); return;
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_DELIVER: case TRACE_EV_ASYNC_FULL:
        snprintf(buf, size, "-> %s depth %u", peer, e->a); return;
    case TRACE_EV_MARK:
        snprintf(buf, size, "%u", e->a); return;
    case TRACE_EV_MASK:
        snprintf(buf, size, "0x%x", e->a); return;
    case TRACE_EV_LOST:
        snprintf(buf, size, "%u events", e->a); return;
    case TRACE_EV_TASK_CREATE:
        snprintf(buf, size, "%s priority %u", peer, e->aux); return;
    case TRACE_EV_TASK_EXIT:             /* peer: its killer, if someone else ended it */
        snprintf(buf, size, "status %d%s%s", (int32_t)e->a,
                 e->peer == TR_NO_TASK ? "" : ", killed by ", e->peer == TR_NO_TASK ? "" : peer);
        return;
    case TRACE_EV_TASK_FAULT:
        snprintf(buf, size, "pc 0x%x address 0x%x", e->a, e->b); return;
    case TR_EV_SNAPSHOT:
        snapshot_text(d, x, buf, size); return;
    case TR_EV_RESTART:
        snprintf(buf, size, "the kernel started again (run %u%s): its times count from here, +%llu cycles",
                 e->a + 1, e->aux ? ", inferred: sequence and index back to 0" : "",
                 (unsigned long long)e->ts);
        return;
    default:
        snprintf(buf, size, "type %u", e->type); return;
    }
}

char *tr_event_text(const struct tr_decoder *d, const struct tr_event *e,
                    const struct tr_extra *x, char *buf, size_t size)
{
    char s[40], details[1024];
    const char *subj = tr_task_name(d, e->subj, s);
    if (e->type == TRACE_EV_NOTIFY_SEND && e->subj == 0)
        subj = "kernel";        /* timers and interrupts */
    else if (e->type == TRACE_EV_MASK && e->subj == TR_NO_TASK)
        subj = "host";          /* a command on the serial line */
    tr_event_details(d, e, x, details, sizeof(details));
    snprintf(buf, size, "%14llu %-15s %-14s %s", (unsigned long long)e->ts, subj,
             tr_event_name(e->type), details);
    return buf;
}

void tr_counts_notes(const struct tr_counts *c, char *buf, size_t size)
{
    const struct { const char *name; uint64_t n; } notes[] = {
        { "frames missing", c->seq_gaps }, { "unknown frames", c->unsupported },
        { "dropped bytes", c->dropped_bytes }, { "restarts", c->restarts },
        { "time back", c->time_back }, { "broken sets", c->broken_sets },
    };
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]) && n < size; i++)
        if (notes[i].n)
            n += (size_t)snprintf(buf + n, size - n, "  %s %llu", notes[i].name,
                                  (unsigned long long)notes[i].n);
}
