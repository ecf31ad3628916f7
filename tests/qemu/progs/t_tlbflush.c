/* t_tlbflush.c - tlb_flush.manifest, booted with tlb=flush: the same
 * switches with every one flushing the TLB, as before ASIDs and global
 * pages; the kernel info page must say so (tlb_check.h). */
#include "tlb_check.h"

int main(void)
{
    return tlb_check(KINFO_VM_FLUSH, 0);
}
