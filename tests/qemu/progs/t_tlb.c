/* t_tlb.c - tlb.manifest: isolation across hundreds of switches with the
 * port's lazy mode on (rv32: an ASID per address space; i386: global
 * kernel pages), which the kernel info page must report (tlb_check.h). */
#include "tlb_check.h"

int main(void)
{
    return tlb_check(TLB_LAZY, TLB_LAZY_ASIDS);
}
