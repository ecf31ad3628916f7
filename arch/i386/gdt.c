/* gdt.c (i386) - segments and the TSS. Baton uses flat segments (base 0,
 * limit 4 GiB) so only their privilege level matters; the TSS gives the
 * kernel stack the CPU switches to on a trap from user mode. */
#include <stddef.h>
#include "i386.h"
#include "x86.h"

/* Access byte of a descriptor. */
#define SEG_PRESENT   0x80
#define SEG_DPL(pl)   ((pl) << 5)   /* the privilege needed to use it */
#define SEG_NORMAL    0x10          /* code or data (not a system segment) */
#define SEG_CODE      0x0a          /* execute + read */
#define SEG_DATA      0x02          /* read + write */
#define SEG_TSS32     0x09          /* a 32-bit TSS, not busy */
/* Flags nibble: 4 KiB granularity and 32-bit default operand size. */
#define SEG_FLAT      0xc

/* The hardware task-state segment. Baton switches tasks in software; the
 * CPU reads only ss0:esp0 (and the I/O map offset) from it. */
struct tss {
    uint32_t link;
    uint32_t esp0;            /* kernel stack for a trap from ring 3 */
    uint32_t ss0;
    uint32_t unused[22];      /* esp1..gs, ldt: hardware task switching */
    uint16_t trap;
    uint16_t iomap;           /* offset of the I/O permission bitmap */
};
_Static_assert(sizeof(struct tss) == 104, "the CPU's TSS layout");

static struct tss tss;
static uint64_t gdt[6];       /* indexes match the selectors in i386.h */

/* Pack a segment descriptor; the fields are scattered for 286 history. */
static uint64_t segment(uint32_t base, uint32_t limit, uint8_t access,
                        uint8_t flags)
{
    return (uint64_t)(limit & 0xffff)
         | (uint64_t)(base & 0xffffff) << 16
         | (uint64_t)access << 40
         | (uint64_t)((limit >> 16) & 0xf) << 48
         | (uint64_t)flags << 52
         | (uint64_t)(base >> 24) << 56;
}

/* Load the GDT, then reload every segment register: the CPU keeps using
 * the old descriptors until a selector is loaded again. A far jump is the
 * only way to reload cs. */
static void load_gdt(void)
{
    struct table_ptr p = { sizeof(gdt) - 1, (uint32_t)gdt };
    lgdt(&p);
    __asm__ volatile("ljmp %0, $1f\n1:" : : "i"(KERNEL_CS));
    __asm__ volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%fs;"
                     "mov %0, %%gs; mov %0, %%ss" : : "r"(KERNEL_DS));
    ltr(TSS_SEL);
}

void gdt_init(void)
{
    gdt[KERNEL_CS >> 3] = segment(0, 0xfffff, SEG_PRESENT | SEG_DPL(0) |
                                  SEG_NORMAL | SEG_CODE, SEG_FLAT);
    gdt[KERNEL_DS >> 3] = segment(0, 0xfffff, SEG_PRESENT | SEG_DPL(0) |
                                  SEG_NORMAL | SEG_DATA, SEG_FLAT);
    gdt[USER_CS >> 3] = segment(0, 0xfffff, SEG_PRESENT | SEG_DPL(3) |
                                SEG_NORMAL | SEG_CODE, SEG_FLAT);
    gdt[USER_DS >> 3] = segment(0, 0xfffff, SEG_PRESENT | SEG_DPL(3) |
                                SEG_NORMAL | SEG_DATA, SEG_FLAT);
    gdt[TSS_SEL >> 3] = segment((uint32_t)&tss, sizeof(tss) - 1,
                                SEG_PRESENT | SEG_DPL(0) | SEG_TSS32, 0);
    tss.ss0 = KERNEL_DS;
    /* An I/O map offset past the TSS's end means "no map": with IOPL 0 every
     * in/out from user mode then faults. */
    tss.iomap = sizeof(tss);
    load_gdt();
}

/* Called on every context switch: the next trap from user mode must land on
 * the kernel stack of the task that is about to run. */
void tss_set_esp0(uint32_t esp0)
{
    tss.esp0 = esp0;
}
