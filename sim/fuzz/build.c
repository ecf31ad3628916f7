/* build.c (fuzz) - the operations handed to driver tasks: sim_fuzz_hello
 * and sim_fuzz_next, called by the driver on its user stack. Each builder
 * takes its arguments from the input (ops.c), writes tagged messages into
 * the task's buffers, and notes what the result must be: must_fail when
 * the arguments are ones the kernel has to refuse, whatever else happens. */
#include <string.h>
#include "fuzz_int.h"
#include "internal.h"
#include <baton/uart.h>

static bool live(int id)
{
    return id > 0 && id < TASK_MAX && task_lookup(id) != NULL;
}

/* A peer the kernel must refuse: itself, the kernel, gone or never there.
 * (A live one may still die before the call runs: no prediction then.) */
static bool bad_peer(const struct fz_task *t, int id)
{
    return id == (int)(t - fz.task) || !live(id);
}

static int id_of(const struct fz_task *t)
{
    return (int)(t - fz.task);
}

/* ---- Messages ------------------------------------------------------------------ */

/* The kernel's rule (ipc.c, flags_ok): a send, a receive, or both (a
 * call: src == dst); a reply sends, alone or with a receive from anyone
 * after it (a reply-and-receive); no other bits. */
static bool bad_ipc_flags(unsigned flags, int dst, int src)
{
    bool send = flags & IPC_SEND, recv = flags & IPC_RECV;
    if (flags & ~(unsigned)(IPC_SEND | IPC_RECV | IPC_NOBLOCK | IPC_REPLY))
        return true;
    if (flags & IPC_REPLY)
        return !send || (recv && src != IPC_ANY);
    return (!send && !recv) || (send && recv && src != dst);
}

/* What both forms share: the peers, the buffer and its class, and what
 * the kernel must refuse. The register form checks its buffer only when it
 * receives (a long message received goes there); SYS_IPC always. */
static void ipc_common(struct fz_task *t, struct fz_pending *p, int dst, int src,
                       unsigned flags, uint32_t good)
{
    bool send = flags & IPC_SEND, recv = flags & IPC_RECV;
    p->what = FZW_IPC;
    p->flags = flags;
    p->peer = send ? dst : src;
    p->src = recv ? src : -1;
    p->buf = fz_pick_pointer(t, sizeof(struct message), recv, good, &p->cls);
    if (p->buf % sizeof(struct message))
        p->cls = FZ_BAD;          /* a message must be aligned to its size */
    bool checked = recv || !p->regs;
    p->must_fail = (checked && (p->cls == FZ_BAD || (recv && p->cls != FZ_RW))) ||
                   bad_ipc_flags(flags, dst, src) || (send && bad_peer(t, dst)) ||
                   (recv && src != IPC_ANY && bad_peer(t, src));
}

/* A fresh tag for the message p sends to dst (0 if the ledger is full). A
 * message of SYS_IPC fits in registers one time in three. */
static uint32_t ipc_tag(struct fz_task *t, const struct fz_pending *p, int dst)
{
    bool reply = p->flags & IPC_REPLY, recv = p->flags & IPC_RECV;
    uint32_t tag = fz_new_tag(t, false, dst, recv && !reply, 0);
    if (tag) {
        fz.tag[tag].replyrecv = reply && recv;
        fz.tag[tag].fits = p->regs || tag % 3 == 0;
    }
    return tag;
}

/* SYS_IPC: the message at buf, a copy of it sent if buf is the task's. */
static void build_ipc(struct fz_task *t, struct fz_pending *p, int dst, int src,
                      unsigned flags, uint32_t good)
{
    p->sysno = SYS_IPC;
    ipc_common(t, p, dst, src, flags, good);
    if ((flags & IPC_SEND) && p->cls == FZ_RW &&
        (p->tag = ipc_tag(t, p, dst)) != 0) {
        fz_tag_message((struct message *)fz_user(p->buf), p->tag, id_of(t),
                       fz.tag[p->tag].fits);
    } else if ((flags & IPC_SEND) && dst > 0 && dst < TASK_MAX) {
        fz.untagged_sent[dst]++;  /* read-only data: no tag to check */
        /* Or the ledger is full: then what the buffer holds (a message
         * received there, tagged) must not pass for a tagged one. */
        if (p->cls == FZ_RW)
            ((struct message *)fz_user(p->buf))->type = MSG_USER;
    }
    uint32_t a[6] = { (uint32_t)dst, (uint32_t)src, p->buf, flags };
    memcpy(p->a, a, sizeof(a));
}

/* SYS_IPC_REGS (<baton/syscall.h>): the flags above the number, the peer
 * (dst of a send, a call or a reply; src of a receive), buf, then type and
 * words 0..2 of the message in the slots. A receive into registers must
 * leave buf alone: the harness fills it with FZ_POISON to see. */
static void build_ipc_regs(struct fz_task *t, struct fz_pending *p, int dst, int src,
                           unsigned flags, uint32_t good)
{
    bool send = flags & IPC_SEND;
    struct message m = { .type = MSG_USER + 7, .words = { 0x0b0b0b0b, 1, 2 } };
    /* One peer slot: src is it, or anyone after a reply (ipc_syscall_regs). */
    int one = send ? dst : src;
    dst = one;
    src = flags & IPC_REPLY ? IPC_ANY : one;
    p->regs = true;
    p->sysno = SYS_IPC_REGS | (flags & 0xff) << SYSCALL_FLAGS_SHIFT;
    ipc_common(t, p, dst, src, flags, good);
    if (send && (p->tag = ipc_tag(t, p, dst)) != 0)
        fz_tag_message(&m, p->tag, id_of(t), true);
    else if (send && dst > 0 && dst < TASK_MAX)
        fz.untagged_sent[dst]++;  /* the ledger is full: an untagged one */
    if ((flags & IPC_RECV) && p->cls == FZ_RW)
        memset(fz_user(p->buf), FZ_POISON, sizeof(struct message));
    uint32_t a[6] = { (uint32_t)one, p->buf, (uint32_t)m.type,
                      m.words[0], m.words[1], m.words[2] };
    memcpy(p->a, a, sizeof(a));
}

/* Where a message op's buffer is: a slot of the driver's stack (mostly at
 * the address its code uses: the fast path's case), or of its data. */
static uint32_t message_buffer(const struct fz_task *t, uint8_t w)
{
    switch (w >> 2 & 7) {
    case 6:  return fz_msg_slot(t, w >> 5);
    case 7:  return fz_stack_slot(t, w >> 5, false);
    default: return fz_stack_slot(t, w >> 5, true);
    }
}

/* kind: 0 send, 1 receive, 2 call, 3 reply or reply-and-receive, 4 any
 * flags at all; in registers two times in three, else by address. */
static void build_message_op(struct fz_task *t, struct fz_pending *p, int kind)
{
    static const enum fz_want wants[] = { FZ_RECEIVER, FZ_SENDER, FZ_RECEIVER,
                                          FZ_CALLER, FZ_ANYONE };
    int peer = fz_pick_peer(t, wants[kind]);
    uint8_t v = fz_byte(), w = fz_byte();
    unsigned noblock = v % 4 == 3 ? IPC_NOBLOCK : 0;
    void (*form)(struct fz_task *, struct fz_pending *, int, int, unsigned, uint32_t) =
        w % 3 == 2 ? build_ipc : build_ipc_regs;
    uint32_t buf = message_buffer(t, w);
    switch (kind) {
    case 0: form(t, p, peer, 0, IPC_SEND | noblock, buf); break;
    case 1:                       /* from anyone, half the time */
        form(t, p, 0, v & 4 ? peer : IPC_ANY, IPC_RECV | noblock, buf);
        break;
    case 2: form(t, p, peer, peer, IPC_SEND | IPC_RECV | noblock, buf); break;
    case 3:                       /* to a caller if one waits */
        if (!(v & 4) && t->last_src)
            peer = t->last_src;
        if (!(v & 8))             /* then receive from anyone: a server's loop */
            form(t, p, peer, IPC_ANY, IPC_SEND | IPC_RECV | IPC_REPLY | noblock, buf);
        else
            form(t, p, peer, 0, IPC_SEND | IPC_REPLY | IPC_NOBLOCK, buf);
        break;
    default:                      /* anything at all, garbage bits too */
        form(t, p, peer, fz_pick_task(t), fz_byte(), buf);
        break;
    }
}

/* ---- Notifications ------------------------------------------------------------- */

static void build_notify(struct fz_task *t, struct fz_pending *p)
{
    int dst = fz_pick_task(t);
    uint8_t v = fz_byte();
    uint32_t bits = v % 4 == 0 ? 0 : v % 4 == 1 ? fz_word() : NOTIFY_USER(v % 24);
    p->what = FZW_NOTIFY;
    p->sysno = SYS_NOTIFY;
    p->peer = dst;
    p->bits = bits;
    p->must_fail = bits == 0 || !live(dst);
    if (bits && dst > 0 && dst < TASK_MAX) {
        fz.notify_issued[dst][id_of(t)] |= bits;
        p->consumed0 = fz.notify_consumed[dst][id_of(t)];
    }
    p->a[0] = (uint32_t)dst;
    p->a[1] = bits;
}

static void build_notify_rcv(struct fz_task *t, struct fz_pending *p)
{
    uint8_t v = fz_byte();
    int from = v % 4 == 0 ? (int)(v / 4) % 40 - 4 : fz_pick_task(t);
    p->what = FZW_NOTIFY_RCV;
    p->sysno = SYS_NOTIFY_RCV;
    p->peer = from;
    p->must_fail = from < 0 || from >= TASK_MAX;
    p->a[0] = (uint32_t)from;
}

/* ---- Channels ---------------------------------------------------------------------- */

/* One of t's handles, those of direction want first (-1: any). */
static int own_handle(const struct fz_task *t, uint8_t v, int want)
{
    int match[CHANNEL_HANDLES], n = 0;
    for (int i = 0; i < t->nends; i++)
        if (want < 0 || t->end[i].dir == want)
            match[n++] = t->end[i].value;
    if (n && v & 0x80)
        return match[v % n];
    return t->end[v % t->nends].value;
}

/* A handle cell holding one of t's handles or a number that is none, and a
 * pointer to it (or a bad pointer). Sets p->handle, p->port (-1 if the
 * handle is not one of t's ends, as far as the harness can tell). */
static void pick_handle(struct fz_task *t, struct fz_pending *p, enum fz_class *cls,
                        int *dir, int want)
{
    static const uint32_t odd[] = { 0, 0xffffffffu, 9, 8, 1, 2, 0x7fffffff, 0x80000000u };
    uint8_t v = fz_byte();
    int value = v % 8 != 7 && t->nends ? own_handle(t, fz_byte(), want)
                                       : (int)odd[(v / 8) % 8];
    uint32_t cell = t->area + (uint32_t)offsetof(struct fz_area, cell) +
                    (v / 32) % FZ_CELLS * (uint32_t)sizeof(channel_handle);
    uint32_t ptr = fz_pick_pointer(t, sizeof(channel_handle), false, cell, cls);
    if (*cls == FZ_RW)
        memcpy(fz_user(ptr), &value, sizeof(value));
    else if (*cls == FZ_RO)
        memcpy(&value, fz_user(ptr), sizeof(value));
    p->handle = value;
    p->port = -1;
    *dir = -1;
    for (int i = 0; i < t->nends; i++) {
        if (t->end[i].value == value) {
            p->port = t->end[i].port;
            *dir = t->end[i].dir;
        }
    }
    p->a[0] = ptr;
}

/* A port t was granted (in a direction), mostly; else any number. */
static void pick_port(const struct fz_task *t, uint32_t *port, uint32_t *dir, int force)
{
    static const uint32_t ports[] = { 0, 1, 2, 3, 4, 31, 32, 0xffffffffu };
    static const uint32_t dirs[] = { 0, 1, 2, 0xffffffffu };
    uint8_t v = fz_byte();
    *dir = force >= 0 ? (uint32_t)force : v & 1;
    uint32_t granted = *dir == CHANNEL_SEND ? t->send_ports : t->recv_ports;
    if (v < 192 && granted) {
        int n = 0, pick = (v >> 1) % __builtin_popcount(granted);
        for (*port = 0; *port < 32; (*port)++)
            if (granted & (1u << *port) && n++ == pick)
                return;
    }
    *port = ports[v % 8];
    *dir = dirs[(v >> 3) % 4];
}

static void build_open(struct fz_task *t, struct fz_pending *p, int force)
{
    uint32_t port, dir;
    pick_port(t, &port, &dir, force);
    uint32_t cell = t->area + (uint32_t)offsetof(struct fz_area, cell) +
                    fz_byte() % FZ_CELLS * (uint32_t)sizeof(channel_handle);
    p->what = FZW_OPEN;
    p->sysno = SYS_CHANNEL_OPEN;
    p->buf = fz_pick_pointer(t, sizeof(channel_handle), true, cell, &p->cls);
    uint32_t granted = dir == CHANNEL_SEND ? t->send_ports : t->recv_ports;
    p->must_fail = port >= CHANNEL_PORTS || dir > 1 || p->cls != FZ_RW ||
                   !(granted & (1u << (port % 32)));
    p->port = (int)port;
    uint32_t a[3] = { port, dir, p->buf };
    memcpy(p->a, a, sizeof(a));
}

static void build_close(struct fz_task *t, struct fz_pending *p)
{
    enum fz_class cls;
    int dir;
    p->what = FZW_CLOSE;
    p->sysno = SYS_CHANNEL_CLOSE;
    pick_handle(t, p, &cls, &dir, -1);
    p->size = (uint32_t)dir;
    p->must_fail = cls == FZ_BAD || (cls != FZ_UNKNOWN && p->port < 0);
}

/* Does t hold an end of direction dir? Without one, a channel operation
 * mostly opens one first (a send or receive on no handle teaches little). */
static bool has_end(const struct fz_task *t, int dir)
{
    for (int i = 0; i < t->nends; i++)
        if (t->end[i].dir == dir)
            return true;
    return false;
}

static void build_chan_send(struct fz_task *t, struct fz_pending *p)
{
    enum fz_class hcls;
    int dir;
    p->what = FZW_CHAN_SEND;
    p->sysno = SYS_CHANNEL_SEND;
    pick_handle(t, p, &hcls, &dir, CHANNEL_SEND);
    uint32_t size = fz_byte() & 1 ? FZ_PICK(fz_sizes) : fz_byte();
    p->size = size;
    p->a[1] = size;
    bool tagged = size >= 8 && size <= CHANNEL_SHM_MAX;
    if (size <= CHANNEL_FAST_MAX) {           /* the data rides in registers */
        uint8_t bytes[16];
        for (int i = 0; i < 16; i++)
            bytes[i] = fz_byte();
        if (tagged) {
            p->tag = fz_new_tag(t, true, p->port, false, size);
            fz_tag_bytes(bytes, size, p->tag);
        }
        memcpy(&p->a[2], bytes, sizeof(bytes));
        p->cls = FZ_RW;
    } else {
        uint32_t off = fz_byte() % 3 * 2048;
        uint32_t good = fz_data_buf(t) + (off + size <= FZ_DATA ? off : 0);
        p->buf = fz_pick_pointer(t, size, false, good, &p->cls);
        if (p->cls == FZ_UNKNOWN) {
            /* A channel's shared page holds data received once: sent on,
             * its tag would arrive twice. */
            p->buf = good;
            p->cls = fz_classify(t, good, size, false);
        }
        if (tagged && p->cls == FZ_RW) {
            p->tag = fz_new_tag(t, true, p->port, false, size);
            fz_tag_bytes(fz_user(p->buf), size, p->tag);
        } else if (tagged && p->port >= 0) {
            fz.untagged_chan_sent++;     /* read-only data: no tag */
        }
        p->a[2] = p->buf;
    }
    p->must_fail = hcls == FZ_BAD || (hcls != FZ_UNKNOWN && p->port < 0) ||
                   (p->port >= 0 && dir != CHANNEL_SEND) || size > CHANNEL_SHM_MAX ||
                   (size > CHANNEL_FAST_MAX && p->cls == FZ_BAD);
}

static void build_chan_recv(struct fz_task *t, struct fz_pending *p)
{
    enum fz_class hcls;
    int dir;
    p->what = FZW_CHAN_RECV;
    p->sysno = SYS_CHANNEL_RECV;
    pick_handle(t, p, &hcls, &dir, CHANNEL_RECEIVE);
    uint32_t size = fz_byte() & 1 ? FZ_PICK(fz_sizes) : fz_byte();
    p->size = size;
    p->buf = fz_pick_pointer(t, size, true, fz_data_buf(t), &p->cls);
    p->a[1] = p->buf;
    p->a[2] = size;
    p->must_fail = hcls == FZ_BAD || (hcls != FZ_UNKNOWN && p->port < 0) ||
                   (p->port >= 0 && dir != CHANNEL_RECEIVE) ||
                   (size > 0 && (p->cls == FZ_BAD || p->cls == FZ_RO));
}

/* A send or a receive on a channel, or first the opening of an end. */
static void build_channel_io(struct fz_task *t, struct fz_pending *p, int dir)
{
    if (!has_end(t, dir) && fz_byte() < 160)
        build_open(t, p, dir);
    else if (dir == CHANNEL_SEND)
        build_chan_send(t, p);
    else
        build_chan_recv(t, p);
}

/* ---- Everything else -------------------------------------------------------------- */

static void build_console(struct fz_task *t, struct fz_pending *p, bool read)
{
    static const uint32_t lens[] = { 0, 1, 16, 48, 4096, 4097, 0xffffffffu };
    uint32_t len = FZ_PICK(lens);
    if (read && len > 16)
        len = len == 0xffffffffu ? len : 16;
    p->what = FZW_CONSOLE;
    p->sysno = read ? SYS_CONSOLE_READ : SYS_CONSOLE_WRITE;
    p->buf = fz_pick_pointer(t, len, read, fz_data_buf(t), &p->cls);
    p->size = len;
    p->must_fail = (!read && len > CONSOLE_WRITE_MAX) ||
                   (len > 0 && (p->cls == FZ_BAD || (read && p->cls != FZ_RW)));
    p->a[0] = p->buf;
    p->a[1] = len;
}

/* A system call with no memory arguments: most simply run; a few numbers
 * that are no system call kill the task (FZW_RAW). */
static void build_simple(struct fz_task *t, struct fz_pending *p, int kind)
{
    static const uint32_t kinds[] = { KOBJ_PAGES, KOBJ_TASKS, KOBJ_CHANNELS,
                                      KOBJ_QUEUED, KOBJ_KINDS, 0xffffffffu };
    static const uint32_t ms[] = { 0, 1, 10, 25, 100 };
    /* 0x30b: SYS_NOTIFY with flags above it, which only SYS_IPC_REGS may have */
    static const uint32_t bad[] = { 0, 9, 16, 19, 24, 100, 255, 0x30b, 0xffffffffu };
    static const uint32_t irqs[] = { 0, 0, 1, 0xffffffffu };
    static const uint32_t misc[] = { SYS_YIELD, SYS_TASK_SELF, SYS_UPTIME };
    p->what = FZW_OTHER;
    switch (kind) {
    case 0: p->sysno = SYS_KOBJECTS; p->what = FZW_KOBJ;
            p->a[0] = FZ_PICK(kinds); p->must_fail = p->a[0] >= KOBJ_KINDS; break;
    case 1: p->sysno = SYS_TIMER_SET; p->a[0] = FZ_PICK(ms); break;
    case 2: p->sysno = SYS_SLEEP; p->a[0] = FZ_PICK(ms) % 50; break;
    case 3: p->sysno = fz_byte() & 1 ? SYS_IRQ_ACQUIRE : SYS_IRQ_ACK;
            p->a[0] = FZ_PICK(irqs);   /* an ack needs the line: the grant first */
            p->must_fail = p->a[0] != IRQ_UART || !(t->irqs & 1); break;
    case 4: p->sysno = FZ_PICK(bad); p->what = FZW_RAW;
            for (int i = 0; i < 6; i++)
                p->a[i] = fz_word();
            break;
    case 5: p->sysno = SYS_EXIT; p->what = FZW_EXIT;
            p->a[0] = (uint32_t)(fz_byte() - 128); break;
    default: p->sysno = FZ_PICK(misc); break;
    }
}

/* ---- Tasks at run time ------------------------------------------------------------- */

/* task_spawn of a driver program (or of nothing), with a request that is
 * good or wrong in one way: the creator's privilege, the name, the
 * priority, a flag, the program, grants it does not hold, the pointer. */
static void build_spawn(struct fz_task *t, struct fz_pending *p)
{
    uint8_t v = fz_byte(), w = fz_byte();
    /* Mostly a good priority: 0 and 8 are refused. */
    struct task_spawn_req req = { .priority = (w & 0xc0) ? 1 + w % 7 : (w & 1) * 8 };
    snprintf(req.name, sizeof(req.name), "%s", (v & 7) ? "fzs" : "");
    snprintf(req.program, sizeof(req.program), (v & 0x38) ? "fz_driver%d" : "nope%d",
             1 + (w >> 4) % FZ_PROGRAMS);
    req.grants.send_ports = t->send_ports & fz_byte();
    req.grants.recv_ports = t->recv_ports & fz_byte();
    req.grants.irqs = t->irqs & (v >> 6);
    if ((v & 0xc0) == 0xc0)       /* a port it does not hold, if there is one */
        req.grants.send_ports |= ~t->send_ports & 0xf;
    req.grants.flags = (w & 0x0f) == 0 ? 0x80 : 0;
    bool beyond = (req.grants.send_ports & ~t->send_ports) != 0;
    p->what = FZW_SPAWN;
    p->sysno = SYS_TASK_SPAWN;
    p->buf = fz_pick_pointer(t, sizeof(req), false, fz_data_buf(t), &p->cls);
    if (p->cls == FZ_RW)
        memcpy((void *)(uintptr_t)p->buf, &req, sizeof(req));
    p->must_fail = !t->privileged || p->cls == FZ_BAD ||
                   (p->cls == FZ_RW && (!req.name[0] || req.priority < TASK_PRIO_MIN ||
                                        req.priority > TASK_PRIO_MAX || req.grants.flags ||
                                        beyond || !(v & 0x38)));
    p->a[0] = p->buf;
    fz_log("task %d spawns \"%s\" running %s at priority %d, grants %#x %#x %#x %#x",
           id_of(t), req.name, req.program, req.priority, req.grants.send_ports,
           req.grants.recv_ports, req.grants.irqs, req.grants.flags);
}

/* task_kill, task_death: only the privileged task may; it kills drivers
 * (itself, the kernel and the dead are refused), and it reads no death
 * (the record goes to kernel memory: refused), so that no slot is reused
 * and a task's id stays its slot in the harness's tables. */
static void build_task_op(struct fz_task *t, struct fz_pending *p)
{
    uint8_t v = fz_byte();
    if (v % 4 == 3) {
        build_spawn(t, p);
    } else if (v % 4 == 2) {
        p->what = FZW_DEATH;
        p->sysno = SYS_TASK_DEATH;
        p->a[0] = (uint32_t)sim_phys_base();
        p->must_fail = true;
    } else {
        p->what = FZW_KILL;
        p->sysno = SYS_TASK_KILL;
        p->peer = fz_pick_task(t);
        p->a[0] = (uint32_t)p->peer;
        p->must_fail = !t->privileged || bad_peer(t, p->peer);
    }
}

/* A load or a store by user code: to its own memory it must work; to
 * memory it does not have (another task's, the kernel's, nothing) it must
 * fault, which kills the task. */
static void build_access(struct fz_task *t, struct fz_op *op, struct fz_pending *p,
                         bool write)
{
    uint8_t v = fz_byte();
    uint32_t a;
    switch (v % 10) {
    case 0:  a = t->area + (uint32_t)offsetof(struct fz_area, pad); break;
    case 1:  a = t->ro; break;
    case 2:  a = 0; break;
    case 3:  a = fz_other_program(t); break;
    case 4:  a = STACK_BOTTOM - 4; break;
    case 5:  a = USER_SHM_BASE + (v / 16 % FZ_PORTS) * PAGE_SIZE; break;
    case 6:  a = USER_KINFO - 4; break;     /* unmapped, below the info page */
    case 7:  a = t->data_start - 2; break;
    case 8:  a = t->data_end - 2; break;
    default: a = STACK_BOTTOM + 4; break;
    }
    enum fz_class cls = fz_classify(t, a, 4, write);
    p->what = write ? FZW_WRITE : FZW_READ;
    p->buf = a;
    p->cls = cls;
    p->must_fault = cls == FZ_BAD || (write && cls != FZ_RW);
    op->kind = write ? FZ_WRITE : FZ_READ;
    op->a[0] = a;
    op->a[1] = fz_word();
}

/* A read of a UART register (device input, when it is RBR): a driver's
 * access with the device grant, a fault without it. */
static void build_uart(struct fz_task *t, struct fz_op *op, struct fz_pending *p)
{
    p->what = FZW_READ;
    p->buf = USER_UART;
    p->cls = t->irqs & 1 ? FZ_RW : FZ_BAD;
    p->must_fault = !(t->irqs & 1);
    op->kind = FZ_UART;
    op->a[0] = fz_byte() & 1 ? UART_RBR : UART_LSR;
}

/* b % 32 -> what to do: messages most often. */
static const uint8_t op_table[32] = {
    0, 30, 1, 1, 1, 2, 2, 3, 3, 4, 28,     /* send, spawn/kill, recv, call, reply, raw */
    10, 10, 11, 12, 29, 13, 13, 14, 14, 15, 15,  /* notify, chan_*, uart */
    16, 17, 20, 21, 22, 23, 24, 25, 26, 27,
};

/* The message op of a run of messages (main.c): tasks of even id serve
 * (receive from anyone, reply and receive), the others are their clients
 * (call, send); one op in eight is any message op. */
static int message_kind(const struct fz_task *t, uint8_t b)
{
    if (b % 8 == 7)
        return (b >> 3) % 4;
    if (id_of(t) % 2 == 0)
        return b & 1 ? 1 : 3;
    return b & 6 ? 2 : 0;
}

static void build(struct fz_task *t, struct fz_op *op)
{
    struct fz_pending *p = &t->op;
    p->port = -1;
    uint8_t b = fz_byte();
    /* A run of messages: mostly calls to servers, and their replies. */
    uint8_t kind = fz.messages && b < 240 ? message_kind(t, b) : op_table[b % 32];
    op->kind = FZ_SYSCALL;
    switch (kind) {
    case 0: case 1: case 2: case 3: case 4: build_message_op(t, p, kind); break;
    case 10: build_notify(t, p); break;
    case 11: build_notify_rcv(t, p); break;
    case 12: build_open(t, p, -1); break;
    case 13: build_channel_io(t, p, CHANNEL_SEND); break;
    case 14: build_channel_io(t, p, CHANNEL_RECEIVE); break;
    case 15: build_close(t, p); break;
    case 16: build_console(t, p, false); break;
    case 17: build_console(t, p, true); break;
    case 26: build_access(t, op, p, true); return;
    case 27: build_access(t, op, p, false); return;
    case 29: build_uart(t, op, p); return;
    case 30: build_task_op(t, p); break;
    default: build_simple(t, p, kind - 20); break;
    }
    op->sysno = p->sysno;
    memcpy(op->a, p->a, sizeof(op->a));
    t->inflight = p->what != FZW_EXIT && p->what != FZW_RAW;
}

/* ---- The calls from the driver ------------------------------------------------------ */

static uint8_t canary_byte(const struct fz_task *t, unsigned i)
{
    return (uint8_t)(id_of(t) * 37 + i * 11 + 5);
}

/* User code runs with sim_in_user set, so that a fault kills the task; a
 * fault in the harness is the harness's own (or the kernel's) bug. */
static uint8_t enter(void)
{
    uint8_t was = sim_in_user;
    sim_in_user = 0;
    return was;
}

void sim_fuzz_hello(struct fz_area *area, const struct message *ro)
{
    uint8_t was = enter();
    struct fz_task *t = fz_me();
    t->area = (uint32_t)(uintptr_t)area;
    t->ro = (uint32_t)(uintptr_t)ro;
    if (fz_classify(t, t->area, sizeof(*area), true) != FZ_RW ||
        fz_classify(t, t->ro, 2 * sizeof(*ro), false) != FZ_RO)
        fz_fail("task %d: the driver's memory is not where its program says", id_of(t));
    /* Where the task itself has its stack (sim/vm.c: its stack alias). */
    uint8_t *stack = fz_user(STACK_CANARY);
    for (unsigned i = 0; i < FZ_CANARY; i++)
        area->canary[i] = stack[i] = canary_byte(t, i);
    t->hello = true;
    sim_in_user = was;
}

/* The bytes only the harness writes, as the task itself sees them. */
static void check_canaries(const struct fz_task *t)
{
    const struct fz_area *area = (const void *)(uintptr_t)t->area;
    const uint8_t *stack = fz_user(STACK_CANARY);
    for (unsigned i = 0; i < FZ_CANARY; i++)
        if (area->canary[i] != canary_byte(t, i) || stack[i] != canary_byte(t, i))
            fz_fail("task %d: its memory changed behind its back (canary byte %u)",
                    id_of(t), i);
}

void sim_fuzz_next(struct fz_op *op)
{
    uint8_t was = enter();
    struct fz_task *t = fz_me();
    if (t->op.must_fault)
        fz_fail("task %d: a %s at %#x did not fault", id_of(t),
                fz_what_name(t->op.what), t->op.buf);
    check_canaries(t);
    memset(op, 0, sizeof(*op));
    memset(&t->op, 0, sizeof(t->op));
    t->chan_peer = NULL;          /* a new operation, a new wait */
    if (t->ops >= FZ_OPS_MAX || fz.pos >= fz.len) {
        op->kind = FZ_STOP;       /* it returns from main: exit(0) */
        t->op.what = FZW_EXIT;
    } else {
        t->ops++;
        fz.seq++;
        build(t, op);
        fz_log("task %d op %u: %s sys %u (%#x %#x %#x %#x) class %d tag %u%s%s",
               id_of(t), fz.seq, fz_what_name(t->op.what), t->op.sysno,
               op->a[0], op->a[1], op->a[2], op->a[3], t->op.cls, t->op.tag,
               t->op.must_fail ? " must-fail" : "", t->op.must_fault ? " must-fault" : "");
    }
    sim_in_user = was;
}

void sim_fuzz_done(long ret, const uint32_t out[6])
{
    uint8_t was = enter();
    struct fz_task *t = fz_me();
    if (!t->inflight)
        fz_fail("task %d: a result for no operation", id_of(t));
    t->inflight = false;
    fz_result(t, ret, out);
    sim_in_user = was;
}
