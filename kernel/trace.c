/* trace.c - recording events into the RAM ring, and switching categories
 * on and off: build default, boot argument, SYS_TRACE_CTL, host command.
 * Turning records into frames on the UART is kernel/trace_wire.c. */
#include "trace.h"
#include "trace_ring.h"
#include "kinfo.h"
#include "arch.h"
#include "task.h"
#include "deadlock.h"
#include "sched.h"
#include "bootarg.h"
#include "console.h"
#include <baton/error.h>

uint8_t trace_on[TRACE_CATS];
struct trace_ring trace_ring;
static uint32_t boot_mask = TRACE_DEFAULT_MASK;

/* ---- the ring ---- */

/* Room for an event of n slots, or NULL: then it is counted as lost. A
 * pending LOST record goes in first, so that it sits exactly where the
 * events it stands for were. Returns the first slot, its ts filled in. */
static union trace_slot *reserve(unsigned n)
{
    struct trace_ring *r = &trace_ring;
    uint64_t now = arch_cycles();
    unsigned need = n + (r->lost ? 1 : 0);
    if (TRACE_RING_SLOTS - (r->head - r->tail) < need) {
        if (r->lost++ == 0)
            r->lost_ts = now;
        r->lost_total++;
        return NULL;
    }
    trace_flush_lost();
    union trace_slot *s = trace_slot_at(r->head);
    r->head += n;
    r->recorded++;
    s->e.ts = now;
    return s;
}

void trace_flush_lost(void)
{
    struct trace_ring *r = &trace_ring;
    if (!r->lost || r->head - r->tail >= TRACE_RING_SLOTS)
        return;
    union trace_slot *s = trace_slot_at(r->head++);
    s->e.ts = r->lost_ts;
    s->e.ev = TRACE_EV_LOST;
    s->e.subj = s->e.peer = s->e.aux = 0;
    s->e.x = r->lost;
    r->lost = 0;
}

void trace_put(uint8_t ev, task_t subj, task_t peer, uint8_t aux, uint32_t x)
{
    union trace_slot *s = reserve(1);
    if (!s)
        return;
    s->e.ev = ev;
    s->e.subj = (uint8_t)subj;
    s->e.peer = (uint8_t)peer;
    s->e.aux = aux;
    s->e.x = x;
}

void trace_put_create(task_t creator, task_t id, int prio, const char *name)
{
    union trace_slot *s = reserve(2);
    if (!s)
        return;
    s->e.ev = TRACE_EV_TASK_CREATE;
    s->e.subj = (uint8_t)creator;
    s->e.peer = (uint8_t)id;
    s->e.aux = (uint8_t)prio;
    s->e.x = 0;
    /* The name in the next slot, NUL padded: 15 characters at most. */
    union trace_slot *ext = trace_slot_at(trace_ring.head - 1);
    unsigned i = 0;
    for (; i < sizeof(ext->raw) - 1 && name[i]; i++)
        ext->raw[i] = (uint8_t)name[i];
    for (; i < sizeof(ext->raw); i++)
        ext->raw[i] = 0;
}

void trace_put_fault(task_t id, uintptr_t pc, uintptr_t addr)
{
    union trace_slot *s = reserve(2);
    if (!s)
        return;
    s->e.ev = TRACE_EV_TASK_FAULT;
    s->e.subj = (uint8_t)id;
    s->e.peer = s->e.aux = 0;
    s->e.x = (uint32_t)pc;
    union trace_slot *ext = trace_slot_at(trace_ring.head - 1);
    uint32_t a = (uint32_t)addr;
    for (int i = 0; i < 4; i++)
        ext->raw[i] = (uint8_t)(a >> (8 * i));
}

/* The cycle me -> target -> ... -> (back to me): the tasks after me. */
void trace_put_deadlock(struct task *me, struct task *target)
{
    uint8_t ids[TASK_MAX];
    unsigned n = 0;
    for (struct task *t = target; t && t != me && n < TASK_MAX; t = deadlock_waits_for(t))
        ids[n++] = (uint8_t)t->id;
    union trace_slot *s = reserve(1 + trace_ext_slots(TRACE_EV_DEADLOCK, (uint8_t)n));
    if (!s)
        return;
    s->e.ev = TRACE_EV_DEADLOCK;
    s->e.subj = (uint8_t)me->id;
    s->e.peer = n ? ids[0] : 0;
    s->e.aux = (uint8_t)n;
    s->e.x = 0;
    uint32_t at = (uint32_t)(s - trace_ring.slot) + 1;
    for (unsigned i = 0; i < n; i++)
        trace_slot_at(at + i / 16)->raw[i % 16] = ids[i];
}

/* Kernel BLOCK_* reasons outside IPC, as the wire's TRACE_WAIT_*. */
void trace_put_block(task_t t, int why)
{
    uint8_t w = why == BLOCK_SLEEP ? TRACE_WAIT_SLEEP
              : why == BLOCK_CONSOLE ? TRACE_WAIT_CONSOLE : TRACE_WAIT_NONE;
    trace_put(TRACE_EV_BLOCK, t, 0, w, 0);
}

/* ---- the mask ---- */

uint32_t trace_get_mask(void)
{
    uint32_t mask = 0;
    for (int i = 0; i < TRACE_CATS; i++)
        mask |= (uint32_t)trace_on[i] << i;
    return mask;
}

#ifdef ARCH_TRACE_NOP
/* Make every site of a category that changes a jump to its recording code
 * (switched on) or a nop again (off). */
static void patch_sites(uint32_t old, uint32_t mask)
{
    uint32_t changed = old ^ mask;
    if (!changed)
        return;
    const struct trace_site *s;
    for (s = __trace_sites_start; s < __trace_sites_end; s++)
        if ((changed >> s->cat) & 1)
            arch_trace_patch(s->at, s->to, (mask >> s->cat) & 1);
    arch_trace_patched();
}
#else
static void patch_sites(uint32_t old, uint32_t mask)
{
    (void)old, (void)mask;      /* the sites read trace_on[] */
}
#endif

#ifdef TRACE_COUNT_SITES
void trace_count_site(void)
{
    if (kinfo)
        kinfo->trace_sites++;
}
#endif

/* Categories not built in stay off. Switching tracing on sends metadata
 * first thing, so that the viewer learns names and the clock. */
uint32_t trace_set_mask(uint32_t mask)
{
    uint32_t old = trace_get_mask();
    mask &= TRACE_BUILD_MASK & TRACE_CAT_ALL;
    for (int i = 0; i < TRACE_CATS; i++)
        trace_on[i] = (mask >> i) & 1;
    patch_sites(old, mask);
    if (kinfo)
        kinfo->trace_mask = mask;     /* what the async library reads */
    if (mask && !old)
        trace_want_meta();
    return old;
}

/* A change made while running is an event of its own (it is always
 * recorded: the viewer must know why events stop or start). */
static void set_mask_traced(task_t by, uint32_t mask)
{
    uint32_t old = trace_set_mask(mask);
    if ((old || mask) && old != mask)
        trace_put(TRACE_EV_MASK, by, 0, 0, trace_get_mask());
}

void trace_init(void)
{
    trace_ring.boot_cycles = arch_cycles();
    trace_ring.boot_ticks = sched_ticks;
    trace_set_mask(boot_mask);
}

/* ---- parsing masks: "all", "none", "0x1ff", "ipc,sched" ---- */

static const char *const category_names[TRACE_CATS] = TRACE_CATEGORY_NAMES;

static bool is_end(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n';
}

/* Does the word at s, up to the next ',' or end, equal name? */
static bool word_is(const char *s, const char *name)
{
    while (*name && *s == *name)
        s++, name++;
    return *name == '\0' && (*s == ',' || is_end(*s));
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The mask a word describes; unknown names count for nothing. */
static uint32_t parse_mask(const char *s)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        uint32_t mask = 0;
        for (s += 2; hex_digit(*s) >= 0; s++)
            mask = mask << 4 | (uint32_t)hex_digit(*s);
        return mask;
    }
    uint32_t mask = 0;
    for (;;) {
        if (word_is(s, "all"))
            mask |= TRACE_CAT_ALL;
        for (int i = 0; i < TRACE_CATS; i++)
            if (word_is(s, category_names[i]))
                mask |= 1u << i;
        while (*s != ',' && !is_end(*s))
            s++;
        if (*s != ',')
            return mask;
        s++;
    }
}

void trace_boot_args(const char *cmdline)
{
    const char *v = bootarg(cmdline, "trace");
    if (v)
        boot_mask = parse_mask(v);
}

/* ---- host commands on the serial receive line ----
 * ESC _ B <command> ESC \   with <command>:
 *   M<hex>   set the mask (M0: off)
 *   S        send metadata now
 * Bytes that turn out not to be a command go on to the console as input. */

#define RX_PREFIX "\x1b_B"
#define RX_MAX 24

static char rx_held[RX_MAX];
static unsigned rx_len;

static void rx_command(const char *cmd, unsigned len)
{
    if (len >= 1 && cmd[0] == 'M') {
        uint32_t mask = 0;
        for (unsigned i = 1; i < len && hex_digit(cmd[i]) >= 0; i++)
            mask = mask << 4 | (uint32_t)hex_digit(cmd[i]);
        set_mask_traced(TRACE_NO_TASK, mask);   /* no task: the host */
    } else if (len == 1 && cmd[0] == 'S') {
        trace_want_meta();
    }
}

void trace_rx(char c, void (*input)(char c))
{
    if (rx_len < 3) {
        if (c == RX_PREFIX[rx_len]) {
            rx_held[rx_len++] = c;
            return;
        }
        /* Not a command after all (an arrow key: ESC [ A): pass it on. */
        for (unsigned i = 0; i < rx_len; i++)
            input(rx_held[i]);
        rx_len = 0;
        if (c == RX_PREFIX[0])
            rx_held[rx_len++] = c;
        else
            input(c);
        return;
    }
    if (c == '\\' && rx_held[rx_len - 1] == '\x1b') {
        rx_command(rx_held + 3, rx_len - 4);
        rx_len = 0;
    } else if (rx_len < RX_MAX && (c == '\x1b' || (c >= ' ' && c <= '~'))) {
        rx_held[rx_len++] = c;
    } else {
        rx_len = 0;             /* a broken command: drop it, not to input */
    }
}

/* ---- SYS_TRACE_CTL ---- */

/* A user event: the kernel names the subject, so it cannot be forged. */
static long user_record(struct task *t, uint32_t ev, uint32_t peer, uint32_t value)
{
    if (ev == TRACE_EV_MARK) {
        if (TRACE_ON(USER))
            trace_put(TRACE_EV_MARK, t->id, 0, 0, value);
        return OK;
    }
    if (ev < TRACE_EV_ASYNC_ENQUEUE || ev > TRACE_EV_ASYNC_FULL || peer >= TASK_MAX)
        return ERR_INVALID_ARG;
    if (TRACE_ON(ASYNC))
        trace_put((uint8_t)ev, t->id, (task_t)peer, 0, value);
    return OK;
}

long trace_sys_ctl(struct task *t, const uint32_t a[], struct arch_frame *f)
{
    (void)f;
    switch (a[0]) {
    case TRACE_CTL_GET:
        return (long)trace_get_mask();
    case TRACE_CTL_SET: {
        uint32_t old = trace_get_mask();
        set_mask_traced(t->id, a[1]);
        return (long)old;
    }
    case TRACE_CTL_RECORD:
        return user_record(t, a[1], a[2], a[3]);
    case TRACE_CTL_HOST_RX:
        return console_host_rx(t, a[1], a[2], a[3]);
    }
    return ERR_INVALID_ARG;
}
