/* check.c (fuzz) - the kernel's invariants, read from its own tables at
 * every system call boundary (the simulator's step hook, on the calling
 * task's kernel stack, where the kernel is consistent) and at the end of a
 * run: no task waits on a dead one, queues are well formed, no rendezvous
 * or notification is missed, the wait-for graph has no cycle, every page in
 * use is accounted for, and no message sent is lost. */
#include <string.h>
#include "fuzz_int.h"
#include "internal.h"
#include "deadlock.h"
#include "channel.h"
#include "ipc.h"
#include "sched.h"
#include "page.h"

#define SHM_END      (USER_SHM_BASE + CHANNEL_PORTS * PAGE_SIZE)

bool fz_alive(int id)
{
    return id > 0 && id < TASK_MAX && task_lookup(id) != NULL;
}

/* Is a task in a system call that receives a message (a task id), or data
 * on a port (chan)? A message sent and not yet reported received must be
 * on its way to such a task. */
bool fz_receiving(int id, bool chan, int port)
{
    if (!chan)
        return fz_alive(id) && fz.task[id].inflight && fz.task[id].op.what == FZW_IPC &&
               (fz.task[id].op.flags & IPC_RECV);
    for (int k = 1; k <= fz.ntasks; k++)
        if (fz.task[k].inflight && fz.task[k].op.what == FZW_CHAN_RECV &&
            fz.task[k].op.port == port)
            return true;
    return false;
}

/* ---- Deaths ------------------------------------------------------------------ */

/* Could killed task t have taken g (a message to it, or data on the port
 * it was receiving from) without reporting it? */
static bool taken_by(const struct fz_task *t, int id, const struct fz_tag *g)
{
    return g->chan ? t->inflight && t->op.what == FZW_CHAN_RECV && t->op.port == g->to
                   : g->to == id;
}

/* What a killed task had received and not yet reported is gone with it:
 * messages to it, and data on a port it was receiving from. So may be
 * what is still on its way to it from a sender that has not reported
 * yet (a reply-and-receive reports only once its receive ends; a sender
 * preempted on its way out): such a send is orphaned, and its sent() adds
 * nothing to the ledger. */
static void drop_killed(int id)
{
    const struct fz_task *t = &fz.task[id];
    for (uint32_t i = 0; i < fz.noutstanding;) {
        if (taken_by(t, id, &fz.tag[fz.outstanding[i]]))
            fz.outstanding[i] = fz.outstanding[--fz.noutstanding];
        else
            i++;
    }
    for (int k = 1; k <= fz.ntasks; k++) {
        const struct fz_task *s = &fz.task[k];
        struct fz_tag *g = s->inflight && s->op.tag ? &fz.tag[s->op.tag] : NULL;
        if (g && !g->received && taken_by(t, id, g))
            g->orphaned = 1;
    }
}

/* Tasks gone since the last look: did they die of what they did, or were
 * they killed (their death record says so: the fuzzer reads none)? Their
 * ends are released in the harness's record (the kernel closed them). */
static void check_deaths(void)
{
    for (int id = 1; id <= fz.ntasks; id++) {
        struct fz_task *t = &fz.task[id];
        if (t->dead || task_lookup(id))
            continue;
        t->dead = true;
        const struct task *k = &task_table[id];
        /* Its supervisor, if it died too since the last look, freed its
         * record (kernel/task.c, bury): then the kill's result says. */
        t->killed = (k->state == TASK_DEAD && k->death.cause == TASK_DEATH_KILLED) ||
                    t->kill_returned;
        if (t->killed) {
            drop_killed(id);
            t->inflight = false;
            t->op.must_fault = false;
        }
        bool access = t->op.what == FZW_WRITE || t->op.what == FZW_READ;
        if (access && !t->op.must_fault && t->op.cls != FZ_UNKNOWN)
            fz_fail("task %d died of a %s at %#x, its own memory", id,
                    fz_what_name(t->op.what), t->op.buf);
        if (t->inflight)
            fz_fail("task %d died in %s (sys %u), which cannot kill", id,
                    fz_what_name(t->op.what), t->op.sysno);
        for (int p = 0; p < FZ_PORTS; p++)
            for (int dir = 0; dir < 2; dir++)
                if (fz.end_holder[p][dir] == id)
                    fz_end_released(p, dir);
    }
}

/* ---- Tasks and queues --------------------------------------------------------------- */

static bool in_queue(const struct task *r, const struct task *s)
{
    for (int i = 0; i < TASK_MAX; i++)
        if (ipc_queued_sender(r, i) == s)
            return true;
    return false;
}

/* r's queue of blocked senders: each one blocked sending (or calling) to
 * r, none twice. Returns its length. */
static int check_queue(const struct task *r)
{
    int n = 0;
    for (const struct task *s; (s = ipc_queued_sender(r, n)); n++) {
        if (n >= TASK_MAX)
            fz_fail("task %d: its queue of senders loops", r->id);
        if (!ipc_sends_to(s, r->id))
            fz_fail("task %d is queued on %d but not sending to it (state %d, "
                    "block %d, peer %d)", s->id, r->id, s->state,
                    sched_blocked_on(s), ipc_wait_peer(s));
    }
    return n;
}

static void check_recv(const struct task *t)
{
    task_t src = ipc_wait_peer(t);
    if (src != IPC_ANY) {
        const struct task *p = task_lookup(src);
        if (!p || p == t)
            fz_fail("task %d is blocked receiving from %d, which is %s", t->id,
                    src, p ? "itself" : "gone");
    }
    for (int i = 0; ipc_queued_sender(t, i); i++)
        if (src == IPC_ANY || ipc_queued_sender(t, i)->id == src)
            fz_fail("task %d waits for a message from %d while %d's waits in its queue",
                    t->id, src, ipc_queued_sender(t, i)->id);
    if (src == IPC_ANY)
        for (int x = 0; x < TASK_MAX; x++)
            if (t->notify_from[x])
                fz_fail("task %d waits in ipc_recv(IPC_ANY) with notifications "
                        "%#x from %d pending", t->id, t->notify_from[x], x);
}

/* A task blocked on a channel may wait for the other end to be opened; but
 * once someone holds it, that one cannot let go (close, die) without
 * waking the task: the holder it saw stays until it is woken. */
static void check_channel_peer(const struct task *t, const struct task *holder)
{
    struct fz_task *f = &fz.task[t->id];
    if (f->chan_peer && holder != f->chan_peer)
        fz_fail("task %d still waits on a channel whose other end %d let go of",
                t->id, f->chan_peer->id);
    f->chan_peer = holder;
}

/* The task t's IPC wait names must be alive and not t itself. */
static const struct task *check_ipc_peer(const struct task *t, const char *doing)
{
    const struct task *p = task_lookup(ipc_wait_peer(t));
    if (!p || p == t)
        fz_fail("task %d is blocked %s %d, which is %s", t->id, doing,
                ipc_wait_peer(t), p ? "itself" : "gone");
    return p;
}

static void check_blocked(const struct task *t, const struct task *chan_waiter[])
{
    const struct task *p;
    switch (sched_blocked_on(t)) {
    case BLOCK_SEND:
    case BLOCK_CALL:
        p = check_ipc_peer(t, "sending to");
        if (!in_queue(p, t))
            fz_fail("task %d is blocked sending to %d but not in its queue", t->id, p->id);
        break;
    case BLOCK_RECV:
        check_recv(t);
        break;
    case BLOCK_REPLY:
        check_ipc_peer(t, "awaiting the reply of");
        break;
    case BLOCK_CHANNEL:
        if (channel_blocked_port(t) < 0)
            fz_fail("task %d is blocked on no channel", t->id);
        p = channel_waits_for((struct task *)t);
        if (p && (p->state == TASK_UNUSED || p == t))
            fz_fail("task %d is blocked on a channel whose other end %s holds", t->id,
                    p == t ? "it itself" : "a dead task");
        check_channel_peer(t, p);
        for (int i = 1; i < t->id; i++)
            if (chan_waiter[i] && channel_blocked_port(chan_waiter[i]) == channel_blocked_port(t))
                fz_fail("tasks %d and %d both wait on one channel", i, t->id);
        break;
    case BLOCK_SLEEP:
    case BLOCK_CONSOLE:
        break;
    default:
        fz_fail("task %d is blocked for no reason (%d)", t->id, sched_blocked_on(t));
    }
}

/* t's pending notifications: from tasks, only bits they sent it; from the
 * kernel (sender 0), only its timer and interrupt bits. */
static void check_pending(const struct task *t)
{
    for (int x = 0; x < TASK_MAX; x++) {
        uint32_t sent = x ? fz.notify_issued[t->id][x] : NOTIFY_TIMER | NOTIFY_IRQ | NOTIFY_DEATH;
        if (t->notify_from[x] & ~sent)
            fz_fail("task %d has notification bits %#x pending from %d, which never "
                    "sent them", t->id, t->notify_from[x] & ~sent, x);
    }
}

static void check_tasks(void)
{
    const struct task *chan_waiter[TASK_MAX] = { 0 };
    int queued = 0, sending = 0;
    for (int id = 1; id < TASK_MAX; id++) {
        const struct task *t = &task_table[id];
        if (!task_alive(t))       /* unused, or dead and kept for its supervisor */
            continue;
        if (t->id != id || (t->state == TASK_RUNNING) != (t == task_current))
            fz_fail("task %d: state %d, id %d, current %d", id, t->state, t->id,
                    task_current->id);
        queued += check_queue(t);
        check_pending(t);
        enum task_block why = sched_blocked_on(t);
        if ((t->state == TASK_BLOCKED) != (why != BLOCK_NONE))
            fz_fail("task %d: state %d with wait %d", id, t->state, why);
        if (t->state != TASK_BLOCKED)
            continue;
        if (fz.task[id].hello && !fz.task[id].inflight)
            fz_fail("task %d is blocked outside any system call (%d)", id, why);
        sending += why == BLOCK_SEND || why == BLOCK_CALL;
        if (why == BLOCK_CHANNEL)
            chan_waiter[id] = t;
        check_blocked(t, chan_waiter);
    }
    if (queued != sending)
        fz_fail("%d tasks blocked sending, %d in queues", sending, queued);
}

/* ---- The wait-for graph ------------------------------------------------------------- */

static void check_waits(void)
{
    for (int id = 1; id < TASK_MAX; id++) {
        struct task *start = task_lookup(id);
        int steps = 0;
        for (struct task *w = deadlock_waits_for(start); w; w = deadlock_waits_for(w)) {
            if (w == start || ++steps > TASK_MAX)
                fz_fail("a cycle in the wait-for graph through task %d", id);
        }
    }
}

/* ---- Pages -------------------------------------------------------------------------- */

/* The pages t's address space holds: its table pages and every page
 * mapped in it, the channels' shared pages apart (counted per channel).
 * Cached until the address space changes. */
static long task_pages(struct task *k)
{
    struct fz_task *t = &fz.task[k->id];
    if (t->pages_gen == k->vm.gen && t->pages)
        return t->pages;
    long pages = 1, shm = 0;                  /* the root table */
    for (unsigned i = 0; i < 1024; i++) {
        const uint32_t *leaf = sim_vm_leaf(&k->vm, i);
        if (!leaf)
            continue;
        pages++;
        for (unsigned j = 0; j < 1024; j++) {
            uint32_t va = i << 22 | j << 12;
            if (!(leaf[j] & SIM_E_VALID))
                continue;
            if (va == USER_KINFO)       /* the kernel's page, in every task */
                continue;
            if (va >= USER_SHM_BASE && va < SHM_END)
                shm++;
            else
                pages++;
        }
    }
    t->pages = pages;
    t->shm_maps = shm;
    t->pages_gen = k->vm.gen;
    return pages;
}

/* Pages in use = the boot's own + every task's + one per open channel. */
static void check_pages(void)
{
    long owned = 0;
    for (int id = 1; id < TASK_MAX; id++) {
        struct task *k = task_lookup(id);
        if (!k || !k->vm.root)
            continue;
        owned += task_pages(k);
        long receive_ends = 0;
        for (int h = 0; h < CHANNEL_HANDLES; h++)
            receive_ends += k->handles[h] && k->handle_dir[h] == CHANNEL_RECEIVE;
        if (fz.task[id].shm_maps != receive_ends)
            fz_fail("task %d holds %ld receive ends but maps %ld shared pages", id,
                    receive_ends, fz.task[id].shm_maps);
    }
    long base = (long)page_used() - owned - channel_count();
    if (fz_baseline_pages < 0)
        fz_baseline_pages = base;
    if (base != fz_baseline_pages)
        fz_fail("pages: %zu in use, %ld held by tasks, %d channels open: %ld pages "
                "unaccounted for (%ld at boot)", page_used(), owned, channel_count(),
                base, fz_baseline_pages);
}

/* The canaries, as the kernel sees a task's memory: through its tables. */
static void check_kernel_view(void)
{
    for (int id = 1; id <= fz.ntasks; id++) {
        struct task *k = task_lookup(id);
        const struct fz_task *t = &fz.task[id];
        if (!k || !t->hello)
            continue;
        uint32_t at[2] = { t->area + (uint32_t)offsetof(struct fz_area, canary),
                           STACK_CANARY };
        for (int c = 0; c < 2; c++) {
            uintptr_t pa = arch_vm_lookup(&k->vm, at[c] & ~(PAGE_SIZE - 1), NULL);
            const uint8_t *b = (const uint8_t *)pa + at[c] % PAGE_SIZE;
            for (unsigned i = 0; pa && i < FZ_CANARY; i++)
                if (b[i] != (uint8_t)(id * 37 + i * 11 + 5))
                    fz_fail("task %d: the kernel sees its canary at %#x changed",
                            id, at[c] + i);
            if (!pa)
                fz_fail("task %d: its memory at %#x is not mapped", id, at[c]);
        }
    }
}

/* Every message sent (the sender was told OK) and not reported received
 * is in the hands of a receiver that has not reported yet. */
static void check_outstanding(void)
{
    for (uint32_t i = 0; i < fz.noutstanding; i++) {
        const struct fz_tag *g = &fz.tag[fz.outstanding[i]];
        if (fz_receiving(g->to, g->chan, g->to))
            continue;
        const struct fz_task *r = g->chan ? NULL : &fz.task[g->to];
        fz_fail("%s %u from %d to %s %d lost: sent, never received, and no "
                "receiver is on its way (%s%s%s)", g->chan ? "channel data" : "message",
                fz.outstanding[i], g->from, g->chan ? "port" : "task", g->to,
                !r ? "a port" : r->dead ? (r->killed ? "it was killed" : "it died")
                              : "it lives",
                r && r->inflight ? ", in " : "",
                r && r->inflight ? fz_what_name(r->op.what) : "");
    }
}

void fz_check_all(void)
{
    check_deaths();
    check_tasks();
    check_waits();
    check_pages();
    check_kernel_view();
    check_outstanding();
}

void fz_step_hook(void *arg)
{
    (void)arg;
    if (!fz.failed)
        fz_check_all();
}

/* After the run: the state it ended in must be one the kernel allows. */
void fz_check_end(const struct sim_result *res)
{
    if (res->end == SIM_END_POWEROFF)
        fz_fail("the kernel stopped the machine with status %d%s", res->status,
                res->status == 1 ? " (a panic)" : "");
    fz_check_all();
    if (res->end == SIM_END_FINISHED &&
        (task_count() || channel_count() || ipc_queued()))
        fz_fail("every task finished, but %d tasks, %d channels, %d queued senders "
                "remain", task_count(), channel_count(), ipc_queued());
    for (int id = 1; res->end == SIM_END_STUCK && id < TASK_MAX; id++) {
        const struct task *k = task_lookup(id);
        if (k && (k->state != TASK_BLOCKED || sched_blocked_on(k) == BLOCK_SLEEP || k->timer_tick))
            fz_fail("stuck, yet task %d can run or be woken (state %d, block %d)",
                    id, k->state, sched_blocked_on(k));
    }
}
