/* result.c (fuzz) - what a driver task's system call returned, checked:
 * refused when it had to be, a known error code, and every message it
 * received one that was sent to it, sent once, received once, intact and
 * from the task the kernel names. The ledger of tags is kept here. Called
 * from sim_fuzz_done, on the task's user stack. */
#include <string.h>
#include "fuzz_int.h"

static int id_of(const struct fz_task *t)
{
    return (int)(t - fz.task);
}

/* ---- The ledger ------------------------------------------------------------------ */

static void outstanding_add(uint32_t tag)
{
    fz.outstanding[fz.noutstanding++] = tag;
}

static void outstanding_remove(uint32_t tag)
{
    for (uint32_t i = 0; i < fz.noutstanding; i++) {
        if (fz.outstanding[i] == tag) {
            fz.outstanding[i] = fz.outstanding[--fz.noutstanding];
            return;
        }
    }
}

/* The sender learns how its send went. A failed send must have moved
 * nothing, except a call whose server died after taking the request. A
 * reply-and-receive that would block after its reply went (IPC_NOBLOCK)
 * did send. A send orphaned by its receiver's death (check.c) is owed
 * to nobody. */
static void sent(uint32_t tag, long ret)
{
    struct fz_tag *g = &fz.tag[tag];
    if (ret == OK || (g->replyrecv && ret == ERR_WOULD_BLOCK)) {
        g->status = FZT_OK;
        if (!g->received && !g->orphaned)
            outstanding_add(tag);
        return;
    }
    g->status = FZT_FAILED;
    g->err = (int)ret;
    if (g->received && !(g->call && ret == ERR_ABORTED))
        fz_fail("message %u from %d: its send failed (%s), yet task %d received it",
                tag, g->from, fz_err(ret), g->receiver);
}

/* A receipt of tag by task me (on port, for channel data; else -1). */
static void received(uint32_t tag, int me, bool chan, int to, uint32_t size)
{
    struct fz_tag *g = tag >= 1 && tag <= fz.ntags ? &fz.tag[tag] : NULL;
    if (!g || g->chan != chan)
        fz_fail("task %d received %s %u, which was never sent", me,
                chan ? "channel data" : "message", tag);
    if (g->to != to)
        fz_fail("%s %u, sent by %d to %s %d, reached task %d (%s %d)",
                chan ? "channel data" : "message", tag, g->from,
                chan ? "port" : "task", g->to, me, chan ? "port" : "task", to);
    if (chan && g->size != size)
        fz_fail("channel data %u: %u bytes sent, %u received", tag, g->size, size);
    if (g->received)
        fz_fail("%s %u from %d delivered twice: to %d, then to %d",
                chan ? "channel data" : "message", tag, g->from, g->receiver, me);
    if (g->status == FZT_FAILED && !(g->call && g->err == ERR_ABORTED))
        fz_fail("%s %u from %d received by %d, though its send failed (%s)",
                chan ? "channel data" : "message", tag, g->from, me, fz_err(g->err));
    g->received = 1;
    g->receiver = (uint8_t)me;
    outstanding_remove(tag);
}

/* ---- Messages and notifications ---------------------------------------------------- */

static void notifications(struct fz_task *t, const struct message *m)
{
    int me = id_of(t);
    uint32_t senders = m->notifications.senders, data = m->notifications.data;
    if (!senders || !data)
        fz_fail("task %d: an empty notification message (bits %#x, senders %#x)",
                me, data, senders);
    uint32_t allowed = 0;
    for (int x = 0; x < TASK_MAX; x++) {
        if (!(senders & (1u << x)))
            continue;
        if (x == 0)
            allowed |= NOTIFY_TIMER | NOTIFY_IRQ | NOTIFY_DEATH;
        else if (!fz.notify_issued[me][x])
            fz_fail("task %d: notified by %d, which never notified it", me, x);
        allowed |= fz.notify_issued[me][x];
        fz.notify_consumed[me][x]++;
    }
    if (data & ~allowed)
        fz_fail("task %d: notification bits %#x that no sender sent", me, data & ~allowed);
}

/* Are m's words after IPC_REG_WORDS all zero (ipc.c, fits_in_regs)? */
static bool fits_in_regs(const struct message *m)
{
    for (int i = IPC_REG_WORDS; i < MESSAGE_DATA_SIZE / 4; i++)
        if (m->words[i])
            return false;
    return true;
}

/* The tag m names, if m looks like a message sent to me by another task
 * and not yet received (its type and the sender's id in words[1] agree),
 * else 0. (A failed call to itself leaves its own request at its buffer.) */
static uint32_t tag_owed_to(int me, const struct message *m)
{
    uint32_t t = m->words[0];
    if (t < 1 || t > fz.ntags || m->type != MSG_USER + 1 + (int)(t % 5))
        return 0;
    const struct fz_tag *g = &fz.tag[t];
    return !g->chan && g->to == me && g->from != me && !g->received &&
           m->words[1] == g->from ? t : 0;
}

static void message(struct fz_task *t, const struct fz_pending *p, const struct message *m)
{
    int me = id_of(t);
    if (m->src == 0 && m->type == NOTIFICATIONS_MSG && p->src == IPC_ANY) {
        notifications(t, m);
        return;
    }
    if (m->src <= 0 || m->src >= TASK_MAX || m->src == me || !fz.task[m->src].used)
        fz_fail("task %d received a message from %d, not a task that can send",
                me, m->src);
    if (p->src != IPC_ANY && m->src != p->src)
        fz_fail("task %d asked for a message from %d and got one from %d",
                me, p->src, m->src);
    t->last_src = m->src;
    uint32_t tag;
    bool fits;
    if (!fz_message_tag(m, &tag, &fits)) {
        if ((tag = tag_owed_to(me, m)))
            fz_fail("task %d received message %u from %d changed on its way: words %#x %#x "
                    "%#x %#x", me, tag, m->src, m->words[2], m->words[3], m->words[4],
                    m->words[5]);
        /* Sent from read-only memory: no tag, but someone must have sent it. */
        if (fz.untagged_recv[me] >= fz.untagged_sent[me])
            fz_fail("task %d received a message nobody sent (type %d from %d)",
                    me, m->type, m->src);
        fz.untagged_recv[me]++;
        return;
    }
    received(tag, me, false, me, 0);
    /* The kernel names the sender; the sender wrote its own id in words[1]. */
    if (fz.tag[tag].from != m->src || m->words[1] != (uint32_t)m->src)
        fz_fail("message %u: sent by %d, received as from %d (words[1] %u)",
                tag, fz.tag[tag].from, m->src, m->words[1]);
    if (fz.tag[tag].fits != fits)
        fz_fail("message %u from %d: sent %s, received %s", tag, m->src,
                fz.tag[tag].fits ? "short" : "long", fits ? "short" : "long");
}

/* The message an IPC op received: at its buffer (SYS_IPC, or a register
 * form one that did not fit, which the kernel says by leaving buf in slot
 * 2), or in the result slots, its buffer untouched. */
static struct message received_message(const struct fz_task *t, const struct fz_pending *p,
                                       const uint32_t out[6])
{
    int me = id_of(t);
    const uint8_t *at = fz_user(p->buf);
    struct message m;
    if (!p->regs || out[1] != 0) {
        if (p->regs && out[1] != p->buf)
            fz_fail("task %d: ipc_regs received into %#x, its buffer is %#x", me,
                    out[1], p->buf);
        memcpy(&m, at, sizeof(m));
        if (p->regs && (m.src != (task_t)out[0] || fits_in_regs(&m)))
            fz_fail("task %d: ipc_regs put a message from %d%s at its buffer (src %d)",
                    me, (int)out[0], fits_in_regs(&m) ? " that fits in registers" : "",
                    m.src);
        return m;
    }
    m = (struct message){ .src = (task_t)out[0], .type = (int)out[2],
                          .words = { out[3], out[4], out[5] } };
    for (unsigned i = 0; p->cls == FZ_RW && i < sizeof(m); i++)
        if (at[i] != FZ_POISON)
            fz_fail("task %d: ipc_regs received in registers, yet wrote its buffer "
                    "%#x (byte %u)", me, p->buf, i);
    return m;
}

static void ipc_result(struct fz_task *t, const struct fz_pending *p, long ret,
                       const uint32_t out[6])
{
    if (ret > 0)
        fz_fail("task %d: ipc returned %ld", id_of(t), ret);
    if (p->tag)
        sent(p->tag, ret);
    if (ret == OK && (p->flags & IPC_RECV)) {
        struct message m = received_message(t, p, out);
        fz_log("task %d: received from %d type %d words %#x %#x %#x %#x %#x %#x%s",
               id_of(t), m.src, m.type, m.words[0], m.words[1], m.words[2],
               m.words[3], m.words[4], m.words[5],
               !p->regs ? "" : out[1] ? " (at buf)" : " (in registers)");
        message(t, p, &m);
    } else if (ret == OK && !(p->flags & IPC_SEND)) {
        fz_fail("task %d: ipc with neither send nor receive succeeded", id_of(t));
    } else if (ret != OK && (p->flags & IPC_RECV) && !p->regs && p->cls == FZ_RW) {
        /* A receive that failed took nothing: a message it was owed at its
         * buffer would be lost. */
        struct message m;
        memcpy(&m, fz_user(p->buf), sizeof(m));
        uint32_t tag = tag_owed_to(id_of(t), &m);
        if (tag)
            fz_fail("task %d: its receive failed (%s), yet message %u from %d is at "
                    "its buffer", id_of(t), fz_err(ret), tag, m.words[1]);
    }
}

/* A notification sent must be pending at its receiver, unless the receiver
 * took it since (or is taking it right now), or is gone. */
static void notify_result(struct fz_task *t, const struct fz_pending *p, long ret)
{
    if (ret != OK)
        return;
    int me = id_of(t), dst = p->peer;
    const struct task *d = task_lookup(dst);
    bool pending = d && (d->notify_from[me] & p->bits) == p->bits;
    bool taken = fz.notify_consumed[dst][me] != p->consumed0;
    bool taking = fz.task[dst].inflight && fz_consumes_notifications(&fz.task[dst].op, me);
    if (d && !pending && !taken && !taking)
        fz_fail("notification %#x from %d to %d lost: not pending, never received",
                p->bits, me, dst);
}

static void notify_rcv_result(struct fz_task *t, const struct fz_pending *p, long ret)
{
    int me = id_of(t);
    if (ret != OK)
        return;
    if (p->peer > 0 && !fz.notify_issued[me][p->peer])
        fz_fail("task %d: notification_rcv(%d) took one that %d never sent",
                me, p->peer, p->peer);
    fz.notify_consumed[me][p->peer]++;
}

/* ---- Channels ------------------------------------------------------------------------ */

/* Is the end (port, dir) on its way out of task id's hands right now? */
static bool closing(int id, int port, int dir)
{
    const struct fz_task *h = &fz.task[id];
    return h->inflight && h->op.what == FZW_CLOSE && h->op.port == port &&
           (int)h->op.size == dir;
}

/* The harness's record of who holds each end, brought up to date. Ends of
 * tasks gone are released (the kernel must have closed them). */
void fz_end_released(int port, int dir)
{
    int h = fz.end_holder[port][dir];
    struct fz_task *t = &fz.task[h];
    for (int i = 0; h && i < t->nends; i++) {
        if (t->end[i].port == port && t->end[i].dir == dir) {
            t->end[i] = t->end[--t->nends];
            break;
        }
    }
    fz.end_holder[port][dir] = 0;
}

static void open_result(struct fz_task *t, const struct fz_pending *p, long ret)
{
    int me = id_of(t), port = p->port, dir = (int)p->a[1];
    if (ret != OK)
        return;
    int h;
    memcpy(&h, fz_user(p->buf), sizeof(h));
    if (h < 1 || h > CHANNEL_HANDLES)
        fz_fail("task %d: channel_open gave handle %d", me, h);
    for (int i = 0; i < t->nends; i++)
        if (t->end[i].value == h)
            fz_fail("task %d: channel_open gave handle %d, already open", me, h);
    int holder = fz.end_holder[port][dir];
    if (holder && (holder == me || (fz_alive(holder) && !closing(holder, port, dir))))
        fz_fail("port %d, %s end: opened by %d while %d holds it", port,
                dir == CHANNEL_SEND ? "send" : "receive", me, holder);
    if (holder)
        fz_end_released(port, dir);
    fz.end_holder[port][dir] = me;
    t->end[t->nends++] = (struct fz_end){ h, port, dir };
}

static void close_result(struct fz_task *t, const struct fz_pending *p, long ret)
{
    if (ret == OK && p->port >= 0 && fz.end_holder[p->port][p->size] == id_of(t))
        fz_end_released(p->port, (int)p->size);
}

/* Data received on a channel: where the kernel said, as long as it said,
 * and (8 bytes or more) data that was sent on this port, once. */
static void chan_recv_result(struct fz_task *t, const struct fz_pending *p, long ret,
                             const uint32_t out[6])
{
    int me = id_of(t);
    if (ret < 0)
        return;
    uint32_t n = (uint32_t)ret;
    if (n > p->size || n > CHANNEL_SHM_MAX)
        fz_fail("task %d: channel_rcv gave %u bytes for a buffer of %u", me, n, p->size);
    const uint8_t *data = (const uint8_t *)out;
    if (n > CHANNEL_FAST_MAX) {
        if (out[0] != USER_SHM_BASE + (uint32_t)p->port * PAGE_SIZE)
            fz_fail("task %d: channel_rcv of %u bytes on port %d put them at %#x",
                    me, n, p->port, out[0]);
        data = (const uint8_t *)(uintptr_t)out[0];
    }
    uint32_t tag;
    if (n < 8)
        return;                   /* too short to carry a tag */
    if (fz_bytes_tag(data, n, &tag)) {
        received(tag, me, true, p->port, n);
    } else {
        if (fz.untagged_chan_recv >= fz.untagged_chan_sent)
            fz_fail("task %d: %u bytes on port %d that nobody sent", me, n, p->port);
        fz.untagged_chan_recv++;
    }
}

/* ---- Every result -------------------------------------------------------------------- */

/* task_kill: OK only for a driver that is gone now; the errors name why. */
static void kill_result(struct fz_task *t, const struct fz_pending *p, long ret)
{
    int me = id_of(t), v = p->peer;
    if (!t->privileged && ret != ERR_NOT_PERMITTED)
        fz_fail("task %d: unprivileged task_kill returned %s", me, fz_err(ret));
    if (!t->privileged)
        return;
    if ((v == me || v == 0) != (ret == ERR_INVALID_TASK))
        fz_fail("task %d: task_kill(%d) returned %s", me, v, fz_err(ret));
    if (ret == OK && (v < 1 || v >= TASK_MAX || !fz.task[v].used || task_lookup(v)))
        fz_fail("task %d: task_kill(%d) returned OK, yet it was no driver or lives", me, v);
    if (ret == OK)
        fz.task[v].kill_returned = true;
    if (ret == ERR_NOT_FOUND && task_lookup(v))
        fz_fail("task %d: task_kill(%d): ERR_NOT_FOUND for a live task", me, v);
}

/* task_spawn: a new task in a free slot, or a named refusal. */
static void spawn_result(struct fz_task *t, long ret)
{
    int me = id_of(t);
    if (!t->privileged && ret != ERR_NOT_PERMITTED)
        fz_fail("task %d: unprivileged task_spawn returned %s", me, fz_err(ret));
    /* It may have run and died already: its slot still holds its id. */
    if (ret > 0 && (TASK_GEN(ret) != 0 || ret >= TASK_MAX || task_table[ret].id != ret ||
                    task_table[ret].state == TASK_UNUSED))
        fz_fail("task %d: task_spawn returned %ld, no task born in a fresh slot", me, ret);
    /* A driver from now on, though it may not run before it is killed. */
    if (ret > 0)
        fz_adopt(&task_table[ret]);
    if (ret == ERR_TABLE_FULL && task_count() + task_dead_count() != TASK_MAX - 1)
        fz_fail("task %d: ERR_TABLE_FULL with %d tasks and %d dead", me, task_count(),
                task_dead_count());
}

void fz_result(struct fz_task *t, long ret, const uint32_t out[6])
{
    const struct fz_pending *p = &t->op;
    int me = id_of(t);
    fz_log("task %d: %s -> %ld (%s)", me, fz_what_name(p->what), ret,
           ret < 0 ? fz_err(ret) : "ok");
    if (ret < ERR_NO_SYSCALL)
        fz_fail("task %d: %s returned %ld, no error code", me, fz_what_name(p->what), ret);
    if (p->must_fail && ret >= 0)
        fz_fail("task %d: %s (sys %u: %#x %#x %#x %#x) must fail, returned %ld", me,
                fz_what_name(p->what), p->sysno, p->a[0], p->a[1], p->a[2], p->a[3], ret);
    switch (p->what) {
    case FZW_IPC:        ipc_result(t, p, ret, out); break;
    case FZW_NOTIFY:     notify_result(t, p, ret); break;
    case FZW_NOTIFY_RCV: notify_rcv_result(t, p, ret); break;
    case FZW_OPEN:       open_result(t, p, ret); break;
    case FZW_CLOSE:      close_result(t, p, ret); break;
    case FZW_CHAN_SEND:
        if (ret > 0)
            fz_fail("task %d: channel_send returned %ld", me, ret);
        if (p->tag)
            sent(p->tag, ret);
        break;
    case FZW_CHAN_RECV:  chan_recv_result(t, p, ret, out); break;
    case FZW_CONSOLE:
        if (ret > (long)p->size || (p->sysno == SYS_CONSOLE_WRITE && ret >= 0 &&
                                    ret != (long)p->size))
            fz_fail("task %d: console call of %u bytes returned %ld", me, p->size, ret);
        break;
    case FZW_KILL:       kill_result(t, p, ret); break;
    case FZW_SPAWN:      spawn_result(t, ret); break;
    case FZW_DEATH:
        if (ret != (t->privileged ? ERR_BAD_ADDRESS : ERR_NOT_PERMITTED))
            fz_fail("task %d: task_death into kernel memory returned %s", me, fz_err(ret));
        break;
    case FZW_OTHER:
        if (p->sysno == SYS_TASK_SELF && ret != me)
            fz_fail("task %d: task_self returned %ld", me, ret);
        break;
    default:
        break;
    }
}
