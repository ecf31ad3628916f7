/* cpu.c (i386) - the CPU floor: Baton is built for the Pentium (i586,
 * -march=i586 in the Makefile) and checks at boot that the CPU has what the
 * kernel uses, so that an older one stops with a message, not a reset. */
#include "arch.h"
#include "printk.h"
#include "i386.h"
#include "x86.h"

#define EFLAGS_ID       (1u << 21)  /* writable only if CPUID exists */
#define CPUID_PSE       (1u << 3)   /* leaf 1, edx: 4 MiB pages (vm.c) */
#define CPUID_TSC       (1u << 4)   /* leaf 1, edx: rdtsc (arch_cycles) */
#define FAMILY_PENTIUM  5

/* The 386 and early 486s have no CPUID; they cannot flip EFLAGS.ID. */
static int has_cpuid(void)
{
    uint32_t before = read_eflags();
    write_eflags(before ^ EFLAGS_ID);
    uint32_t after = read_eflags();
    write_eflags(before);
    return ((before ^ after) & EFLAGS_ID) != 0;
}

/* Print why this CPU cannot run Baton and stop with BOOT_REFUSED. Only
 * printk: nothing here may need more than a 486. */
static noreturn void refuse(const char *why)
{
    printk("\n[baton] refused: this CPU %s; Baton needs a Pentium (i586) or "
           "later (docs/arch-i386.md)\n", why);
    arch_poweroff(BOOT_REFUSED);
}

void cpu_check(void)
{
    if (!has_cpuid())
        refuse("has no CPUID instruction (a 386 or an early 486)");
    uint32_t r[4];
    cpuid(1, r);
    /* Family 5 is the first with all of these; a later one must still say
     * so, as QEMU lets -cpu take features away. */
    if (((r[0] >> 8) & 0xf) < FAMILY_PENTIUM)
        refuse("is a 486 (CPUID family 4)");
    if (!(r[3] & CPUID_TSC))
        refuse("has no time-stamp counter (rdtsc)");
    if (!(r[3] & CPUID_PSE))
        refuse("has no 4 MiB pages (PSE)");
}
