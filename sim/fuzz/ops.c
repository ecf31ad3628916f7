/* ops.c (fuzz) - what a driver task does next, decoded from the fuzzer's
 * bytes: a system call with chosen arguments (good and bad task ids,
 * pointers, sizes, handles, flags), or a memory access that must or must
 * not fault. Messages a task sends carry a fresh tag, so that result.c and
 * check.c can tell every message apart. Called from user code, on the
 * task's user stack (sim_fuzz_hello, sim_fuzz_next). */
#include <string.h>
#include "fuzz_int.h"
#include "internal.h"
#include "program.h"
#include "ipc.h"
#include "ipc_wait.h"

/* ---- The input ------------------------------------------------------------ */

/* The next byte of input; 0 once it is used up (then tasks stop). */
uint8_t fz_byte(void)
{
    return fz.pos < fz.len ? fz.in[fz.pos++] : 0;
}

uint32_t fz_word(void)
{
    uint32_t w = fz_byte();
    w |= (uint32_t)fz_byte() << 8;
    w |= (uint32_t)fz_byte() << 16;
    return w | (uint32_t)fz_byte() << 24;
}

uint32_t fz_pick(const uint32_t *table, size_t n)
{
    return table[fz_byte() % n];
}

/* A task spawned at run time runs a driver program: it becomes a driver
 * of the run, with the grants the kernel gave it, when its spawn returns
 * (fz_adopt) or, if it runs first, at its first call (fz_me). Its id is its
 * slot (the fuzzer never reads a death, so no slot is reused while spawns
 * happen). */
static void adopt(struct fz_task *t, const struct task *k)
{
    for (int n = 1; n <= FZ_PROGRAMS; n++) {
        char name[16];
        snprintf(name, sizeof(name), "fz_driver%d", n);
        const struct sim_program *p = sim_program_find(name);
        size_t size;
        if (p && sim_program_image(p, &size) == k->grants->elf) {
            *t = (struct fz_task){ .used = true, .prog = n,
                                   .send_ports = k->grants->send_ports,
                                   .recv_ports = k->grants->recv_ports,
                                   .irqs = k->grants->irqs };
            fz_layout(t, p);
            if (k->id > fz.ntasks)
                fz.ntasks = k->id;
            return;
        }
    }
}

void fz_adopt(const struct task *k)
{
    struct fz_task *t = &fz.task[k->id];
    if (!t->used && k->grants == &k->spawned)
        adopt(t, k);
}

struct fz_task *fz_me(void)
{
    int id = task_current->id;
    if (id <= 0 || id >= TASK_MAX)
        fz_fail("a task that is not a driver called the harness");
    struct fz_task *t = &fz.task[id];
    fz_adopt(task_current);
    if (!t->used)
        fz_fail("a task that is not a driver called the harness");
    return t;
}

/* ---- Message patterns -------------------------------------------------------- */

static uint32_t mix(uint32_t tag, uint32_t i)
{
    uint32_t z = tag * 0x9e3779b1u + i * 0x85ebca6bu + 0x27d4eb2fu;
    z = (z ^ (z >> 15)) * 0x2c1b3c6du;
    return z ^ (z >> 13);
}

void fz_tag_message(struct message *m, uint32_t tag, int from, bool fits)
{
    m->type = MSG_USER + 1 + (int)(tag % 5);
    m->src = 0x5eed;              /* the kernel must overwrite it */
    m->words[0] = tag;
    m->words[1] = (uint32_t)from;
    for (uint32_t i = 2; i < 6; i++)
        m->words[i] = fits && i >= IPC_REG_WORDS ? 0 : mix(tag, i);
}

bool fz_message_tag(const struct message *m, uint32_t *tag, bool *fits)
{
    uint32_t t = m->words[0];
    if (m->type != MSG_USER + 1 + (int)(t % 5))
        return false;
    bool zero = true, pattern = true;
    for (uint32_t i = 2; i < 6; i++) {
        if (i < IPC_REG_WORDS && m->words[i] != mix(t, i))
            return false;
        zero &= i < IPC_REG_WORDS || m->words[i] == 0;
        pattern &= m->words[i] == mix(t, i);
    }
    if (!zero && !pattern)
        return false;
    *tag = t;
    *fits = zero;
    return true;
}

/* Channel data: the tag, then a pattern of it (other constants than a
 * message's, so that neither passes for the other). */
static uint8_t byte_of(uint32_t tag, uint32_t i)
{
    return (uint8_t)(mix(tag ^ 0xc4a7u, i / 4) >> (8 * (i % 4)));
}

void fz_tag_bytes(uint8_t *p, uint32_t size, uint32_t tag)
{
    for (uint32_t i = 0; i < size; i++)
        p[i] = i < 4 ? (uint8_t)(tag >> (8 * i)) : byte_of(tag, i);
}

bool fz_bytes_tag(const uint8_t *p, uint32_t size, uint32_t *tag)
{
    if (size < 8)
        return false;
    uint32_t t = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
    for (uint32_t i = 4; i < size; i++)
        if (p[i] != byte_of(t, i))
            return false;
    *tag = t;
    return true;
}

uint32_t fz_new_tag(struct fz_task *t, bool chan, int to, bool call, uint32_t size)
{
    if (fz.ntags + 1 >= FZ_TAGS_MAX)
        return 0;
    uint32_t id = ++fz.ntags;
    fz.tag[id] = (struct fz_tag){ .status = FZT_ISSUED, .from = (uint8_t)(t - fz.task),
                                  .chan = chan, .call = call, .to = (int16_t)to,
                                  .size = size };
    return id;
}

void *fz_user(uint32_t va)
{
    return (void *)sim_vm_alias(sim.want_vm, va);
}

/* ---- A task's memory, as its program lays it out --------------------------- */

#define SHM_END      (USER_SHM_BASE + CHANNEL_PORTS * PAGE_SIZE)

static enum fz_class page_class(const struct fz_task *t, uint32_t page)
{
    if (page >= t->ro_start && page < t->data_start)
        return FZ_RO;
    if ((page >= t->data_start && page < t->data_end) ||
        (page >= STACK_BOTTOM && page < USER_STACK_TOP))
        return FZ_RW;
    if (page >= USER_SHM_BASE && page < SHM_END)
        return FZ_UNKNOWN;
    return FZ_BAD;
}

/* The address the kernel has for t's user address va: the same, but for
 * its stack alias (sim/vm.c). Another task's stack alias is nothing (0). */
static uint32_t canonical(const struct fz_task *t, uint32_t va)
{
    return (uint32_t)sim_vm_canonical(&task_table[t - fz.task].vm, va);
}

/* The class of [va, va+len) for a read (or a write) by task t. */
enum fz_class fz_classify(const struct fz_task *t, uint32_t va, uint32_t len,
                          bool write)
{
    if (len == 0)
        return FZ_RW;
    va = canonical(t, va);
    if (len > (1u << 20) || (uint64_t)va + len > USER_END)
        return FZ_BAD;
    bool ro = false, unknown = false;
    for (uint64_t p = va & ~(PAGE_SIZE - 1); p < (uint64_t)va + len; p += PAGE_SIZE) {
        enum fz_class c = page_class(t, (uint32_t)p);
        if (c == FZ_BAD)
            return FZ_BAD;
        ro |= c == FZ_RO;
        unknown |= c == FZ_UNKNOWN;
    }
    if (unknown)
        return FZ_UNKNOWN;
    if (ro)
        return write ? FZ_BAD : FZ_RO;
    return FZ_RW;
}

uint32_t fz_msg_slot(const struct fz_task *t, unsigned k)
{
    return t->area + (uint32_t)offsetof(struct fz_area, msg) +
           (k % FZ_SLOTS) * (uint32_t)sizeof(struct message);
}

uint32_t fz_data_buf(const struct fz_task *t)
{
    return t->area + (uint32_t)offsetof(struct fz_area, data);
}

uint32_t fz_stack_slot(const struct fz_task *t, unsigned k, bool alias)
{
    uint32_t va = STACK_SLOTS + (k % FZ_SLOTS) * (uint32_t)sizeof(struct message);
    return alias ? (uint32_t)sim_vm_alias(&task_table[t - fz.task].vm, va) : va;
}

/* Is [va, va+len) in memory the harness may write (its buffers)? The rest
 * of a task's writable memory is its code's: never handed to the kernel. */
static bool harness_memory(const struct fz_task *t, uint32_t va, uint32_t len)
{
    va = canonical(t, va);
    uint64_t end = (uint64_t)va + len;
    uint32_t cells = t->area + (uint32_t)offsetof(struct fz_area, cell);
    return (va >= fz_msg_slot(t, 0) && end <= fz_msg_slot(t, FZ_SLOTS - 1) + 32) ||
           (va >= fz_data_buf(t) && end <= fz_data_buf(t) + (uint64_t)FZ_DATA) ||
           (va >= cells && end <= cells + sizeof(channel_handle) * FZ_CELLS) ||
           (va >= STACK_BOTTOM && end <= STACK_BOTTOM + 32) ||
           (va >= STACK_SLOTS && end <= STACK_SLOTS + FZ_SLOTS * sizeof(struct message));
}

/* The data of another driver program than t's: not mapped in t. */
uint32_t fz_other_program(const struct fz_task *t)
{
    char name[16];
    snprintf(name, sizeof(name), "fz_driver%d", t->prog % FZ_PROGRAMS + 1);
    const struct sim_program *p = sim_program_find(name);
    return p ? (uint32_t)(uintptr_t)p->data : 0;
}

/* A message slot on the stack of another task than t, at the address that
 * task's code uses: t has no such address (the fast path must not take it
 * for t's own stack). */
static uint32_t other_stack(const struct fz_task *t, uint8_t v)
{
    int id = 1 + v % (TASK_MAX - 1);
    if (&fz.task[id] == t)
        id = id % (TASK_MAX - 1) + 1;
    return (uint32_t)sim_vm_alias(&task_table[id].vm, STACK_SLOTS + v % FZ_SLOTS * 32u);
}

/* A pointer for a buffer of len bytes, good or bad, and its class. A
 * pointer into t's own memory outside the harness's buffers (its stack,
 * its library's data) becomes a harness buffer: the kernel may write
 * through it, and user code is host code, so corrupting it is no test. */
uint32_t fz_pick_pointer(const struct fz_task *t, uint32_t len, bool write,
                         uint32_t good, enum fz_class *cls)
{
    uint8_t v = fz_byte();
    uint32_t p;
    /* The good buffer most of the time: calls must succeed too. */
    switch (v < 176 ? 0 : 1 + (v - 176) % 14) {
    case 0:  p = good; break;
    case 1:  p = STACK_BOTTOM; break;
    case 2:  p = t->ro + (v & 0x20 ? 32 : 0); break;
    case 3:  p = v & 1 ? 0 : 32; break;
    case 4:  p = (uint32_t)sim_phys_base(); break;     /* kernel memory */
    case 5:  p = fz_other_program(t); break;
    case 6:  p = USER_SHM_BASE + (fz_byte() % FZ_PORTS) * PAGE_SIZE; break;
    case 7:  p = v & 1 ? USER_KINFO - 32 : 0xffffffe0u; break;
    case 8:  p = good + 1 + fz_byte() % 31; break;     /* misaligned */
    case 9:  p = t->data_end - 16; break;              /* into unmapped */
    case 10: p = t->data_start - 16; break;            /* read-only, then not */
    case 11: p = STACK_BOTTOM - 32; break;             /* below the stack */
    case 12: p = other_stack(t, fz_byte()); break;     /* another task's */
    default: p = fz_word(); break;
    }
    *cls = fz_classify(t, p, len, write);
    if (*cls == FZ_RW && !harness_memory(t, p, len)) {
        p = good;
        *cls = fz_classify(t, p, len, write);
    }
    return p;
}

/* ---- Choices ---------------------------------------------------------------- */

/* A task id: mostly a driver (itself, a live one or a dead one), else one
 * that never exists, the kernel, or nonsense. */
int fz_pick_task(const struct fz_task *t)
{
    return fz_pick_peer(t, FZ_ANYONE);
}

/* Does task k wait for what `want` offers it, from task self? */
static bool waits_for(const struct task *k, int self, enum fz_want want)
{
    if (!k)
        return false;
    switch (want) {
    case FZ_RECEIVER:
        return ipc_accepts(k, self);
    case FZ_SENDER:
        return ipc_sends_to(k, self);
    case FZ_CALLER:
        return ipc_awaits_reply(k, self);
    default:
        return false;
    }
}

/* A task id, half the time one that waits for what t is about to do (a
 * receiver for a send, a sender for a receive, a caller for a reply), if
 * there is one: blocking calls then meet, and runs go deeper. The kernel's
 * table only guides the choice here; it is never what a result is checked
 * against. */
int fz_pick_peer(const struct fz_task *t, enum fz_want want)
{
    uint8_t v = fz_byte();
    int self = (int)(t - fz.task);
    if (want != FZ_ANYONE && v < 128) {
        int found[TASK_MAX], n = 0;
        for (int id = 1; id <= fz.ntasks; id++)
            if (id != self && waits_for(task_lookup(id), self, want))
                found[n++] = id;
        if (n)
            return found[v % n];
        v = (uint8_t)(v * 2);     /* none waits: pick as for anyone */
    }
    if (v < 200) {                /* another driver, alive or not */
        int k = 1 + v % (fz.ntasks - 1);
        k = k >= self ? k + 1 : k;
        /* A run of messages talks to the living (the next one, if any). */
        for (int i = 0; fz.messages && i < fz.ntasks && (k == self || !task_lookup(k)); i++)
            k = k % fz.ntasks + 1;
        return k;
    }
    if (v < 212)
        return self;
    const int odd[] = { 0, (int)(t - fz.task), fz.ntasks + 1, 31, 32, 33, -1,
                        0x7fffffff, (int)0x80000000u, 255, 1000, -32 };
    return odd[v % 12];
}

const uint32_t fz_sizes[FZ_NSIZES] = { 0, 1, 4, 7, 8, 12, 16, 17, 24, 32, 64, 100, 1000,
                                  4095, 4096, 4097, 8192, 0xffffffffu, 0x80000001u };

const char *fz_what_name(enum fz_what w)
{
    static const char *const names[] = {
        [FZW_NONE] = "none", [FZW_IPC] = "ipc", [FZW_NOTIFY] = "notify",
        [FZW_NOTIFY_RCV] = "notification_rcv", [FZW_OPEN] = "channel_open",
        [FZW_CLOSE] = "channel_close", [FZW_CHAN_SEND] = "channel_send",
        [FZW_CHAN_RECV] = "channel_rcv", [FZW_CONSOLE] = "console",
        [FZW_KOBJ] = "kobjects", [FZW_OTHER] = "other", [FZW_EXIT] = "exit",
        [FZW_RAW] = "bad syscall", [FZW_WRITE] = "write", [FZW_READ] = "read",
        [FZW_KILL] = "task_kill", [FZW_SPAWN] = "task_spawn", [FZW_DEATH] = "task_death",
    };
    return names[w];
}

/* Would op, in flight, take from's notifications (so they may be gone)? */
bool fz_consumes_notifications(const struct fz_pending *op, int from)
{
    if (op->what == FZW_NOTIFY_RCV)
        return op->peer == from;
    /* A receive from any: ipc_recv(IPC_ANY) or a reply-and-receive. */
    return op->what == FZW_IPC && (op->flags & IPC_RECV) && op->src == IPC_ANY;
}

/* An error's name (the host has no err2str: lib/ is the kernel's here). */
const char *fz_err(long err)
{
#define FZ_ERR_NAME(name, value, str) if (err == (value)) return str;
    BATON_ERRORS(FZ_ERR_NAME)
#undef FZ_ERR_NAME
    return err >= 0 ? "a value" : "ERR_UNKNOWN";
}
