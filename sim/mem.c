/* mem.c (sim) - physical memory and the user window.
 *
 * Physical memory is a memfd mapped once: the kernel's 1:1 "a physical
 * address is a kernel pointer" holds. User code runs at the real user
 * addresses, [USER_BASE, USER_END), a window reserved in the host; before
 * user code runs, the window is made to show exactly the current address
 * space's user pages, each one the memfd page its table entry names, mapped
 * read-only or read-write. Every other window page is PROT_NONE, so a wild
 * user access faults as it would on hardware (sim/fault.c). */
#include <sys/mman.h>
#include <unistd.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define RAM_SIZE     (32u << 20)
/* Where we would like RAM: a fixed address makes physical addresses (in a
 * panic message, say) the same from run to run. Below the user window,
 * above the simulator's own image, and in the low memory ASan allows. */
#define RAM_ADDR     0x20000000ul
#define WINDOW_PAGES ((USER_END - USER_BASE) / PAGE_SIZE)
#define REGION_PAGES 1024u                   /* one leaf table: 4 MiB */
#define REGIONS      (WINDOW_PAGES / REGION_PAGES)
#define FIRST_VPN1   (USER_BASE >> 22)

/* What the window shows: per page, a table entry reduced to its page and
 * E_VALID | VM_READ | VM_WRITE; 0 for nothing (PROT_NONE). */
#define SHOW_MASK    (~0xfffu | SIM_E_VALID | VM_READ | VM_WRITE)

static int ram_fd = -1;
static uintptr_t ram;
static uint32_t shown[WINDOW_PAGES];
static uint32_t shown_count[REGIONS];        /* pages shown per region */
static struct arch_vm *shown_vm;             /* and which address space, */
static uint64_t shown_gen;                   /* in which version */

static noreturn void die(const char *what)
{
    fprintf(stderr, "baton-sim: %s: %s\n", what, strerror(errno));
    exit(SIM_EXIT_USAGE);
}

uintptr_t sim_phys_base(void)
{
    return ram;
}

void arch_mem_range(uintptr_t *start, uintptr_t *end)
{
    *start = ram;
    *end = ram + RAM_SIZE;
}

/* Replace [va, va+npages) of the window with nothing (e == 0) or with the
 * memfd pages from e's page on, with e's permissions. */
static void window_map(uintptr_t va, size_t npages, uint32_t e)
{
    void *want = (void *)va, *got;
    size_t len = npages * PAGE_SIZE;
    if (!e) {
        got = mmap(want, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    } else {
        int prot = PROT_READ | (e & VM_WRITE ? PROT_WRITE : 0);
        got = mmap(want, len, prot, MAP_SHARED | MAP_FIXED, ram_fd,
                   (off_t)(sim_entry_pa(e) - ram));
    }
    if (got != want)
        die("mapping the user window");
}

void sim_mem_init(void)
{
    ram_fd = memfd_create("baton-sim-ram", MFD_CLOEXEC);
    if (ram_fd < 0 || ftruncate(ram_fd, RAM_SIZE) != 0)
        die("creating physical memory");
    void *p = mmap((void *)RAM_ADDR, RAM_SIZE, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_FIXED_NOREPLACE | MAP_POPULATE, ram_fd, 0);
    if (p == MAP_FAILED)          /* taken: anywhere will do */
        p = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ram_fd, 0);
    if (p == MAP_FAILED)
        die("mapping physical memory");
    ram = (uintptr_t)p;
    sim_mem_reset();
}

/* Before a run: the window shows nothing. */
void sim_mem_reset(void)
{
    window_map(USER_BASE, WINDOW_PAGES, 0);
    memset(shown, 0, sizeof(shown));
    memset(shown_count, 0, sizeof(shown_count));
    shown_vm = NULL;
    shown_gen = 0;
}

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

/* Bring region r (4 MiB) of the window to what leaf (NULL: nothing) says,
 * one mmap per run of pages that differ and continue each other. */
static void sync_region(unsigned r, const uint32_t *leaf)
{
    uint32_t *now = &shown[r * REGION_PAGES];
    unsigned i = 0;
    while (i < REGION_PAGES) {
        uint32_t want = leaf ? visible(leaf[i]) : 0;
        if (want == now[i]) {
            i++;
            continue;
        }
        unsigned start = i;
        uint32_t first = want, last = want;
        for (; i < REGION_PAGES; i++) {
            uint32_t w = leaf ? visible(leaf[i]) : 0;
            if (w == now[i] || (i > start && !continues(last, w)))
                break;
            shown_count[r] += (w != 0) - (now[i] != 0);
            now[i] = last = w;
        }
        window_map(USER_BASE + ((uintptr_t)r * REGION_PAGES + start) * PAGE_SIZE,
                   i - start, first);
    }
}

void sim_window_sync(struct arch_vm *vm)
{
    if (vm == shown_vm && (!vm || vm->gen == shown_gen))
        return;                   /* already showing it, unchanged */
    for (unsigned r = 0; r < REGIONS; r++) {
        const uint32_t *leaf = sim_vm_leaf(vm, FIRST_VPN1 + r);
        if (leaf || shown_count[r])
            sync_region(r, leaf);
    }
    shown_vm = vm;
    shown_gen = vm ? vm->gen : 0;
}
