/* softkey.c (sim) - software protection keys: every load and store of user
 * code is checked against the key of the window page it touches.
 *
 * User programs are compiled with clang's address-sanitizer instrumentation
 * in its "kernel" form with outlined checks (sim/sim.mk, SIM_SOFTKEY_FLAGS):
 * before each access to memory, user code calls sim_softkey_loadN_noabort
 * or sim_softkey_storeN_noabort (N = 1, 2, 4, 8, 16, or a size) with the
 * address. These are they. No shadow memory, no redzones: only the check
 * that an x86 protection key would make in hardware (sim/window.c): a window
 * page whose key is not the running address space's may not be touched.
 *
 * Why: without PKU, a switch between address spaces would otherwise need
 * the host's mprotect or mmap, a system call each (about 1 us on a
 * virtualised host: more than a whole round trip should cost). With keys
 * in software, a switch writes one byte, sim_softkey_now. On a host with
 * PKU the same checks run too, under the hardware's: one logic for both.
 *
 * A refused access is a page fault, delivered as the signal handler
 * delivers a real one (sim/fault.c): the task is killed in the kernel,
 * "load page fault" or "store page fault" at the address. */
#include "internal.h"

uint8_t sim_softkey_page[SIM_WINDOW_PAGES];
uint8_t sim_softkey_now = SIM_KEY_NONE;

/* Leave user code for the kernel, as if the access had trapped: on the
 * task's kernel stack, below its frame, sim_user_fault(what, pc, addr)
 * called from a return address of 0 (the same as sim/fault.c builds). */
__attribute__((noinline, no_sanitize("address", "undefined")))
static noreturn void refuse(bool store, uintptr_t pc, uintptr_t addr)
{
    sim_in_user = 0;
    uint64_t *sp = (uint64_t *)(sim_trap_sp - 16) - 1;
    const char *what = store ? "store page fault" : "load page fault";
    __asm__ volatile("movq $0, (%0)\n\t"
                     "mov %0, %%rsp\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "jmp sim_user_fault"
                     : : "r"(sp), "D"(what), "S"(pc), "d"(addr) : "memory");
    __builtin_unreachable();
}

/* May the running address space touch window page pg? Pages of no key
 * (SIM_KEY_ANY) are left to the host's protection; addresses outside the
 * window (host memory) are not the window's business (docs/sim.md). */
static inline bool denied(uintptr_t a)
{
    uintptr_t pg = (a - USER_BASE) / PAGE_SIZE;
    if (pg >= SIM_WINDOW_PAGES)
        return false;
    uint8_t k = sim_softkey_page[pg];
    return k != SIM_KEY_ANY && k != sim_softkey_now;
}

/* The byte at a, on its way to being touched: denied unless the window can
 * show it now (a stack page at the kernel's addresses, sim/window.c). */
#define CHECK1(a, store)                                                     \
    do {                                                                     \
        if (denied(a) && !sim_window_demand(a))                              \
            refuse(store, (uintptr_t)__builtin_return_address(0), (a));      \
    } while (0)

/* [a, a+n): its first byte, and its last if it is on another page. */
#define CHECK(a, n, store)                                                   \
    do {                                                                     \
        uintptr_t last_ = (a) + (n) - 1;                                     \
        CHECK1(a, store);                                                    \
        if (((a) ^ last_) >= PAGE_SIZE)                                      \
            CHECK1(last_ & ~(uintptr_t)(PAGE_SIZE - 1), store);              \
    } while (0)

#define SOFTKEY_SIZED(n)                                                     \
    __attribute__((no_sanitize("address", "undefined")))                     \
    void sim_softkey_load##n##_noabort(uintptr_t a);                         \
    void sim_softkey_load##n##_noabort(uintptr_t a) { CHECK(a, n, false); }  \
    __attribute__((no_sanitize("address", "undefined")))                     \
    void sim_softkey_store##n##_noabort(uintptr_t a);                        \
    void sim_softkey_store##n##_noabort(uintptr_t a) { CHECK(a, n, true); }
SOFTKEY_SIZED(1)
SOFTKEY_SIZED(2)
SOFTKEY_SIZED(4)
SOFTKEY_SIZED(8)
SOFTKEY_SIZED(16)

__attribute__((no_sanitize("address", "undefined")))
void sim_softkey_loadN_noabort(uintptr_t a, size_t n);
void sim_softkey_loadN_noabort(uintptr_t a, size_t n)
{
    for (uintptr_t p = a; n && p - a < n; p = (p | (PAGE_SIZE - 1)) + 1)
        CHECK1(p, false);
}

__attribute__((no_sanitize("address", "undefined")))
void sim_softkey_storeN_noabort(uintptr_t a, size_t n);
void sim_softkey_storeN_noabort(uintptr_t a, size_t n)
{
    for (uintptr_t p = a; n && p - a < n; p = (p | (PAGE_SIZE - 1)) + 1)
        CHECK1(p, true);
}

/* Called before a call that does not return (exit, a fault): ASan would
 * forget the stack's poisoning there. Software keys poison nothing. */
void sim_softkey_no_return(void);
void sim_softkey_no_return(void)
{
}
