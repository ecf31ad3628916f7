/* window.c (sim) - the user window: before user code runs, the addresses
 * [USER_BASE, USER_END) must show the current address space's user pages,
 * read-only or writable, and let user code touch nothing else there.
 * Remapping the window with mmap at every context switch cost 20 us or
 * more (a system call is about 1 us on a virtualised host); a switch now
 * makes no system call at all in the usual case.
 *
 * Mapped pages (program data, channel pages): each window page is the
 * memfd page its table entry names. When another address space runs, its
 * pages stay mapped, under a protection key of their own: a key slot per
 * address space. User code may touch only the running one's pages:
 *  - software keys (always): user code is compiled to check every access
 *    against the key of its page (sim/softkey.c); a switch sets
 *    sim_softkey_now, one byte. 64 slots: every address space keeps its own;
 *  - x86 protection keys (PKU), where the host has them and BATON_SIM_PKU
 *    is not 0: the pages are also mapped under a hardware key, and a switch
 *    also writes PKRU (one instruction). Only 15 keys: with more address
 *    spaces, the least recently used loses its pages.
 * Pages are remapped only when an address space changes (only the regions
 * of 4 MiB it changed are looked at again), or when two want the same
 * address (tasks of one program).
 *
 * The stack: every task has its stack at the same addresses for the
 * kernel; user code has it at addresses of its address space's own, its
 * stack alias (sim/vm.c), which the window shows as any other page. The
 * stack at the kernel's addresses is shown on demand (sim_window_demand). */
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define WINDOW_PAGES SIM_WINDOW_PAGES
#define REGION_PAGES 1024u                   /* one leaf table: 4 MiB */
#define REGIONS      (WINDOW_PAGES / REGION_PAGES)
#define FIRST_VPN1   (USER_BASE >> 22)
#define STACK_LO     (USER_STACK_TOP - USER_STACK_SIZE)
#define STACK_PAGES  (USER_STACK_SIZE / PAGE_SIZE)
#define STACK_FIRST  ((STACK_LO - USER_BASE) / PAGE_SIZE)   /* its window page */
#define ALIAS_FIRST  ((SIM_STACKS_BASE - USER_BASE) / PAGE_SIZE)
#define ALIAS_END    ((SIM_STACKS_END - USER_BASE) / PAGE_SIZE)
/* What the window shows: per page, a table entry reduced to its page and
 * E_VALID | VM_READ | VM_WRITE; 0 for nothing (PROT_NONE). */
#define SHOW_MASK    (~0xfffu | SIM_E_VALID | VM_READ | VM_WRITE)
#define PKU_SLOTS    15                      /* keys 1..15: all PKU has */
#define SOFT_SLOTS   64                      /* software keys: 2 per task id */
#define SLOTS_MAX    SOFT_SLOTS
#define NO_SLOT      SIM_KEY_ANY             /* a page of no slot */

/* shown[pg]: what page pg shows; its slot is sim_softkey_page[pg], which
 * user code's checks read (sim/softkey.c). */
static uint32_t shown[WINDOW_PAGES];
static uint32_t shown_count[REGIONS];        /* pages shown per region */

/* A key slot: an address space, its hardware key (0 without PKU), when it
 * last ran (used: for the LRU), whether the window has ever shown the
 * address space under it (fresh: not yet), and the regions where another
 * slot took some of its pages since (lost: bit r, region r of 4 MiB). */
static struct key_slot {
    int pkey;
    struct arch_vm *vm;
    uint64_t used, lost;
    bool fresh;
} slots[SLOTS_MAX];
static int nslots;
static bool pku;
static uint32_t pkru_base, pkru_now;
static uint32_t pkru_only[SLOTS_MAX + 1];   /* [s + 1]: only slot s reachable */
static uint64_t clock_now;
static int running = -1;              /* the slot user code may use now */


static void write_pkru(uint32_t v)
{
    __asm__ volatile(".byte 0x0f, 0x01, 0xef" : : "a"(v), "c"(0), "d"(0) : "memory");
}

static uint32_t read_pkru(void)
{
    uint32_t v;
    __asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(v) : "c"(0) : "rdx", "memory");
    return v;
}

/* BATON_SIM_SLOTS=N: at most N key slots, 1 to 64 (0 or unset: as many as
 * the mechanism has). For tests: with fewer slots than address spaces,
 * the slot of the least recently run loses its pages, which is what PKU
 * does beyond 15 address spaces; this way a host without PKU runs that
 * code too. */
static int slots_wanted(void)
{
    const char *env = getenv("BATON_SIM_SLOTS");
    char *end;
    long n = env ? strtol(env, &end, 10) : 0;
    if (env && (!*env || *end || n < 0 || n > SOFT_SLOTS)) {
        fprintf(stderr, "baton-sim: BATON_SIM_SLOTS must be 1..%d (0: all), not \"%s\"\n",
                SOFT_SLOTS, env);
        exit(SIM_EXIT_USAGE);
    }
    return n ? (int)n : SOFT_SLOTS;
}

/* Take as many protection keys as the machine gives (BATON_SIM_PKU=0:
 * none, to run the simulator as without PKU). */
void sim_window_init(void)
{
    const char *env = getenv("BATON_SIM_PKU");
    int want = slots_wanted(), k;
    while ((!env || strcmp(env, "0") != 0) && nslots < PKU_SLOTS && nslots < want &&
           (k = pkey_alloc(0, 0)) > 0)
        slots[nslots++].pkey = k;
    pku = nslots > 0;
    if (!pku)
        nslots = want;            /* software keys only, hardware key 0 */
    pkru_base = pku ? read_pkru() : 0;
    for (int s = 0; pku && s < nslots; s++)
        pkru_base &= ~(3u << (2 * slots[s].pkey));
    for (int s = -1; s < nslots; s++) {
        pkru_only[s + 1] = pkru_base;
        for (int t = 0; pku && t < nslots; t++)
            if (t != s)
                pkru_only[s + 1] |= 3u << (2 * slots[t].pkey);   /* no access */
    }
    pkru_now = pkru_base;
}

/* Let user code reach key slot s only (-1: none): its software key, and its
 * hardware key (the PKRU value for each is computed once, sim_window_init). */
static void allow(int s)
{
    running = s;
    sim_softkey_now = s < 0 ? SIM_KEY_NONE : (uint8_t)s;
    if (pku && pkru_only[s + 1] != pkru_now)
        write_pkru(pkru_now = pkru_only[s + 1]);
}

/* ---- Mapped pages ------------------------------------------------------------- */

/* What window page i should show for a leaf entry. */
static uint32_t visible(uint32_t e)
{
    if (!(e & SIM_E_VALID) || !(e & VM_USER) || !(e & (VM_READ | VM_WRITE)))
        return 0;
    return e & SHOW_MASK;
}

/* Can page want follow page prev in one mmap call? */
static bool continues(uint32_t prev, uint32_t want)
{
    if (!prev || !want)
        return prev == want;
    return (want & 0xfffu) == (prev & 0xfffu) && (want >> 12) == (prev >> 12) + 1;
}

/* The stack at the addresses the kernel knows it by, the same in every
 * address space (user code runs on its alias, below): shown on demand. */
static bool is_stack(unsigned pg)
{
    return pg >= STACK_FIRST && pg < STACK_FIRST + STACK_PAGES;
}

/* The stack aliases' area: each address space's pages there are its own. */
static bool is_alias(unsigned pg)
{
    return pg >= ALIAS_FIRST && pg < ALIAS_END;
}

/* The kernel info page (<baton/kinfo.h>) is one page, read-only, at the same
 * address in every address space: shown once, under the default key that
 * every slot may read, and left out of the switching below. Switching it
 * like the others cost a full resynchronisation at every context switch. */
#define KINFO_PAGE ((USER_KINFO - USER_BASE) / PAGE_SIZE)
static uint32_t kinfo_shown;

static void show_kinfo(struct arch_vm *vm)
{
    const uint32_t *leaf = sim_vm_leaf(vm, USER_KINFO >> 22);
    uint32_t want = leaf ? visible(leaf[KINFO_PAGE % REGION_PAGES]) : 0;
    if (want && want != kinfo_shown) {
        sim_window_map(USER_KINFO, 1, want, 0);
        kinfo_shown = want;
    }
}

/* Must page pg change for slot s to show want? Pages of other slots that
 * s does not want are left alone: their key keeps them out of reach. */
static bool differs(unsigned pg, uint32_t want, int s)
{
    if (is_stack(pg) || is_alias(pg) || pg == KINFO_PAGE)
        return false;
    if (want)
        return shown[pg] != want || sim_softkey_page[pg] != s;
    return shown[pg] && sim_softkey_page[pg] == s;
}

/* Record that page pg shows want for slot s (0: nothing). */
static void take(unsigned pg, uint32_t want, int s)
{
    uint8_t old = sim_softkey_page[pg];
    if (shown[pg] && old != s && old != NO_SLOT)
        slots[old].lost |= 1ull << (pg / REGION_PAGES);
    shown_count[pg / REGION_PAGES] += (want != 0) - (shown[pg] != 0);
    shown[pg] = want;
    sim_softkey_page[pg] = want ? (uint8_t)s : NO_SLOT;
}

/* Page pg shows want (0: nothing) under slot s's key, if it does not yet. */
static void show_page(unsigned pg, uint32_t want, int s)
{
    if (shown[pg] == want && sim_softkey_page[pg] == (want ? s : NO_SLOT))
        return;
    take(pg, want, s);
    sim_window_map(USER_BASE + (uintptr_t)pg * PAGE_SIZE, 1, want,
                   want ? slots[s].pkey : 0);
}

/* Bring region r (4 MiB) of the window to what leaf (NULL: nothing) says
 * for slot s, one mmap per run of pages that change and continue each
 * other. */
static void sync_region(unsigned r, const uint32_t *leaf, int s)
{
    unsigned base = r * REGION_PAGES, i = 0;
    while (i < REGION_PAGES) {
        uint32_t want = leaf ? visible(leaf[i]) : 0;
        if (!differs(base + i, want, s)) {
            i++;
            continue;
        }
        unsigned start = i;
        uint32_t first = want, last = want;
        for (; i < REGION_PAGES; i++) {
            uint32_t w = leaf ? visible(leaf[i]) : 0;
            if (!differs(base + i, w, s) || (i > start && !continues(last, w)))
                break;
            take(base + i, w, s);
            last = w;
        }
        sim_window_map(USER_BASE + ((uintptr_t)base + start) * PAGE_SIZE, i - start,
                       first, first ? slots[s].pkey : 0);
    }
}

/* vm's stack at its alias, for slot s (or nothing, want_none): the pages
 * the kernel has at SIM_USTACK_LO... The alias is vm's alone: once shown,
 * its pages stay, and a switch copies nothing. */
static void sync_alias(struct arch_vm *vm, int s, bool want_none)
{
    const uint32_t *leaf = want_none ? NULL : sim_vm_leaf(vm, STACK_LO >> 22);
    unsigned first = (vm->ustack - USER_BASE) / PAGE_SIZE;
    for (unsigned p = 0; p < STACK_PAGES; p++) {
        uint32_t want = leaf ? visible(leaf[(STACK_LO >> 12) % REGION_PAGES + p]) : 0;
        if (want || sim_softkey_page[first + p] == s)
            show_page(first + p, want, s);
    }
}

/* vm's pages in the regions of the mask (bit r: region r), and its stack
 * alias, in the window under slot s's key. */
static void sync_regions(struct arch_vm *vm, int s, uint64_t mask)
{
    for (unsigned r = 0; r < REGIONS; r++) {
        if (!(mask >> r & 1))
            continue;
        const uint32_t *leaf = sim_vm_leaf(vm, FIRST_VPN1 + r);
        if (leaf || shown_count[r])
            sync_region(r, leaf, s);
    }
    sync_alias(vm, s, false);
}

/* Take every page of slot s out of the window. */
static void purge(int s)
{
    for (unsigned r = 0; r < REGIONS; r++)
        if (shown_count[r])
            sync_region(r, NULL, s);
    if (slots[s].vm)
        sync_alias(slots[s].vm, s, true);
    for (unsigned pg = STACK_FIRST; pg < STACK_FIRST + STACK_PAGES; pg++)
        if (sim_softkey_page[pg] == s)
            show_page(pg, 0, s);
}

/* User code touches its stack at the addresses the kernel knows it by
 * (a test or the fuzzer does; the compiler never does): the page there
 * becomes the running address space's, if it has one. From a softkey
 * check (sim/softkey.c) or the fault handler: true if the access may now
 * go on, false if it must fault. Those pages do not make their previous
 * slot lose pages: nothing but them shows a stack there. */
bool sim_window_demand(uintptr_t addr)
{
    unsigned pg = (unsigned)((addr - USER_BASE) / PAGE_SIZE);
    if (addr < USER_BASE || !is_stack(pg) || running < 0)
        return false;
    uint32_t want = visible(sim_vm_entry(slots[running].vm, addr));
    if (!want || (shown[pg] == want && sim_softkey_page[pg] == running))
        return false;
    shown_count[pg / REGION_PAGES] += !shown[pg];
    shown[pg] = want;
    sim_softkey_page[pg] = (uint8_t)running;
    sim_window_map(USER_BASE + (uintptr_t)pg * PAGE_SIZE, 1, want, slots[running].pkey);
    return true;
}

/* vm's key slot, given one if it has none: a free one, else the least
 * recently used, whose pages leave the window first. */
static int slot_of(struct arch_vm *vm)
{
    int s = vm->window_slot;
    if (s < nslots && slots[s].vm == vm) {        /* the usual case */
        slots[s].used = ++clock_now;
        return s;
    }
    s = 0;
    for (int t = 0; t < nslots; t++)
        if (!slots[t].vm || (slots[s].vm && slots[t].used < slots[s].used))
            s = t;
    if (slots[s].vm)
        purge(s);
    slots[s].vm = vm;
    slots[s].fresh = true;
    slots[s].used = ++clock_now;
    vm->window_slot = s;
    return s;
}

/* ---- The window, as the simulator sees it ---------------------------------------- */

/* Show vm (NULL: nothing) to the user code about to run. */
void sim_window_sync(struct arch_vm *vm)
{
    if (!vm || !vm->root) {
        allow(-1);
        return;
    }
    int s = slot_of(vm);
    /* Look again only at what may differ: everything, the first time;
     * then the regions vm changed, and those where it lost pages. */
    uint64_t again = slots[s].fresh ? ~0ull : vm->dirty | slots[s].lost;
    if (again)
        sync_regions(vm, s, again);
    slots[s].fresh = false;
    slots[s].lost = vm->dirty = 0;
    show_kinfo(vm);
    allow(s);
}

/* vm is being destroyed: its pages (about to be freed) leave the window,
 * and its key is free for another. */
void sim_window_forget(struct arch_vm *vm)
{
    for (int s = 0; s < nslots; s++) {
        if (slots[s].vm == vm) {
            purge(s);
            slots[s].vm = NULL;
        }
    }
}

/* Before a run: the window shows nothing, no key is taken. */
void sim_window_reset(void)
{
    sim_window_map(USER_BASE, WINDOW_PAGES, 0, 0);
    memset(shown, 0, sizeof(shown));
    memset(sim_softkey_page, NO_SLOT, sizeof(sim_softkey_page));
    memset(shown_count, 0, sizeof(shown_count));
    kinfo_shown = 0;
    for (int s = 0; s < nslots; s++)
        slots[s] = (struct key_slot){ .pkey = slots[s].pkey };
    allow(-1);
}

const char *sim_window_mechanism(void)
{
    static char line[160];
    const char *env = getenv("BATON_SIM_PKU");
    if (pku)
        snprintf(line, sizeof(line), "pku: %d x86 protection keys (an LRU beyond), "
                 "and software keys checked by user code", nslots);
    else
        snprintf(line, sizeof(line), "nopku: software protection keys checked by "
                 "user code, %d address spaces resident (%s)", nslots,
                 env && strcmp(env, "0") == 0 ? "BATON_SIM_PKU=0" : "no PKU on this host");
    return line;
}
