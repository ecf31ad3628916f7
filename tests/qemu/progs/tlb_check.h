/* tlb_check.h - the body of t_tlb, t_tlbflush and t_tlbfew (tlb*.manifest):
 * several tasks run it at the same addresses and switch among themselves
 * hundreds of times; each keeps a page of its own values and checks, after
 * every switch, that it still sees them, not a neighbour's: with
 * translations kept across switches (rv32 ASIDs, i386 global kernel
 * pages), a stale one would show another task's page. Then the mode the
 * port reports in the kernel info page must be the one the test expects. */
#ifndef TLB_CHECK_H
#define TLB_CHECK_H

#include <baton_test.h>

#define SWITCHES 300

/* Same virtual address in every task, a physical page of its own. */
static volatile uint32_t page[1024] __attribute__((aligned(4096)));

static const char *const mode_names[] = { "flush", "asid", "global" };

static const char *mode_name(uint32_t m)
{
    return m < sizeof(mode_names) / sizeof(mode_names[0]) ? mode_names[m] : "?";
}

/* want_asids: the exact count, or ~0u for "at least one". */
static int tlb_check(uint32_t want_mode, uint32_t want_asids)
{
    uint32_t me = (uint32_t)task_self() << 24;
    int bad = 0;
    for (int round = 0; round < SWITCHES && !bad; round++) {
        for (int i = 0; i < 1024; i += 64)
            page[i] = me | (uint32_t)(round << 10) | (uint32_t)i;
        yield();                      /* every other task runs meanwhile */
        for (int i = 0; i < 1024 && !bad; i += 64)
            if (page[i] != (me | (uint32_t)(round << 10) | (uint32_t)i)) {
                printf("FAIL tlb: task %d, switch %d: word %d is %x\n",
                       task_self(), round, i, (unsigned)page[i]);
                bad = 1;
            }
    }
    CHECK(!bad, "tlb: a task sees its own page after every switch");
    uint32_t mode = KINFO->vm_mode, asids = KINFO->vm_asids;
    CHECK_EQ(mode, want_mode, "tlb: the port's translation mode");
    if (want_asids == ~0u)
        CHECK(asids >= 1, "tlb: ASIDs to hand out");
    else
        CHECK_EQ(asids, want_asids, "tlb: the ASIDs the port hands out");
    printf("tlb: task %d done: mode %s, %u ASIDs\n", task_self(), mode_name(mode),
           (unsigned)asids);
    return 0;
}

/* The mode a port keeps translations in by default (<baton/kinfo.h>):
 * every hart QEMU makes has ASIDs; on i386 it depends on the CPU (a
 * Pentium has no global pages: the boot matrix runs one), which CPUID
 * says in user mode too (leaf 1, edx bit 13). */
#if defined(BATON_SIM)                  /* host code: no TLB to keep */
#define TLB_LAZY KINFO_VM_FLUSH
#define TLB_LAZY_ASIDS 0
#elif defined(__riscv)
#define TLB_LAZY KINFO_VM_ASID
#define TLB_LAZY_ASIDS ~0u
#else
static inline uint32_t tlb_lazy_i386(void)
{
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (d & (1u << 13)) ? KINFO_VM_GLOBAL : KINFO_VM_FLUSH;
}
#define TLB_LAZY tlb_lazy_i386()
#define TLB_LAZY_ASIDS 0
#endif

#endif
