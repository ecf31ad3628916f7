/* t_tlbfew.c - tlb_few.manifest, booted with asids=3: on rv32 more
 * address spaces than ASIDs, so that some switch with ASIDs and the rest
 * fall back to full flushes, in one run (tlb_check.h). i386 has no ASIDs
 * and ignores the argument. */
#include "tlb_check.h"

#if defined(__riscv) && !defined(BATON_SIM)
#define FEW_ASIDS 3
#else
#define FEW_ASIDS TLB_LAZY_ASIDS
#endif

int main(void)
{
    return tlb_check(TLB_LAZY, FEW_ASIDS);
}
