/* mem.c (sim) - physical memory, and the one way the user window is
 * changed: mapping memfd pages (or nothing) at user addresses.
 *
 * Physical memory is a memfd mapped once: the kernel's 1:1 "a physical
 * address is a kernel pointer" holds. User code runs at the real user
 * addresses, [USER_BASE, USER_END), a window reserved in the host, which
 * sim/window.c keeps showing the current address space. */
#include <sys/mman.h>
#include <unistd.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* 8 MiB: 31 tasks with the largest program (25 KiB of data), their stacks,
 * tables and every channel page take under 3 MiB. More costs at every
 * start: the kernel writes to every free page once (page_init), and on a
 * virtualised host the first touch of a page costs 7 to 30 us (32 MiB took
 * 60 to 150 ms, more than 200,000 round trips). */
#define RAM_SIZE     (8u << 20)
/* Where we would like RAM: a fixed address makes physical addresses (in a
 * panic message, say) the same from run to run. Below the user window,
 * above the simulator's own image, and in the low memory ASan allows. */
#define RAM_ADDR     0x20000000ul

static int ram_fd = -1;
uintptr_t sim_ram;                 /* where physical memory is mapped */

noreturn void sim_die(const char *what)
{
    fprintf(stderr, "baton-sim: %s: %s\n", what, strerror(errno));
    exit(SIM_EXIT_USAGE);
}

void arch_mem_range(uintptr_t *start, uintptr_t *end)
{
    *start = sim_ram;
    *end = sim_ram + RAM_SIZE;
}

/* Replace [va, va+npages) of the window with nothing (e == 0) or with the
 * memfd pages from e's page on, with e's permissions and protection key
 * pkey (0: the default key, which every access may use). */
void sim_window_map(uintptr_t va, size_t npages, uint32_t e, int pkey)
{
    void *want = (void *)va, *got;
    size_t len = npages * PAGE_SIZE;
    int prot = PROT_READ | (e & VM_WRITE ? PROT_WRITE : 0);
    if (!e) {
        got = mmap(want, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    } else {
        got = mmap(want, len, prot, MAP_SHARED | MAP_FIXED, ram_fd,
                   (off_t)(sim_entry_pa(e) - sim_ram));
    }
    if (got != want || (e && pkey && pkey_mprotect(want, len, prot, pkey) != 0))
        sim_die("mapping the user window");
}

void sim_mem_init(void)
{
    ram_fd = memfd_create("baton-sim-ram", MFD_CLOEXEC);
    if (ram_fd < 0 || ftruncate(ram_fd, RAM_SIZE) != 0)
        sim_die("creating physical memory");
    void *p = mmap((void *)RAM_ADDR, RAM_SIZE, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_FIXED_NOREPLACE | MAP_POPULATE, ram_fd, 0);
    if (p == MAP_FAILED)          /* taken: anywhere will do */
        p = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ram_fd, 0);
    if (p == MAP_FAILED)
        sim_die("mapping physical memory");
    sim_ram = (uintptr_t)p;
    sim_window_init();
    sim_mem_reset();
}

/* Before a run: the window shows nothing. */
void sim_mem_reset(void)
{
    sim_vm_reset();
    sim_window_reset();
}
