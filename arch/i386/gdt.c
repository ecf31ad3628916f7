/* gdt.c (i386) - segments and the two TSSs. Baton uses flat segments
 * (base 0, limit 4 GiB) so only their privilege level matters. The main
 * TSS gives the kernel stack the CPU switches to on a trap from user mode;
 * the second one is the double-fault task, which runs on its own stack. */
#include <stddef.h>
#include "i386.h"
#include "x86.h"
#include "tss.h"

/* Access byte of a descriptor. */
#define SEG_PRESENT   0x80
#define SEG_DPL(pl)   ((pl) << 5)   /* the privilege needed to use it */
#define SEG_NORMAL    0x10          /* code or data (not a system segment) */
#define SEG_CODE      0x0a          /* execute + read */
#define SEG_DATA      0x02          /* read + write */
#define SEG_TSS32     0x09          /* a 32-bit TSS, not busy */
/* Flags nibble: 4 KiB granularity and 32-bit default operand size. */
#define SEG_FLAT      0xc
#define FAULT_STACK_SIZE 4096

#define COM1_PORT  0x3f8          /* COM1: ports 0x3f8..0x3ff (uart.c) */

struct tss_with_map main_tss;   /* tss.h */
static struct tss fault_tss;  /* the double-fault task */
static uint64_t gdt[7];       /* indexes match the selectors in i386.h */
static uint8_t fault_stack[FAULT_STACK_SIZE] __attribute__((aligned(16)));

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

/* The double-fault task starts afresh at double_fault_task every time the
 * CPU switches to it: its own stack, interrupts off, the kernel's segments.
 * A fault that cannot push its frame (the stack is gone) still lands here. */
static void fault_task_init(void)
{
    fault_tss = (struct tss){
        .eip = (uint32_t)double_fault_task, .eflags = EFLAGS_ALWAYS1,
        .esp = (uint32_t)(fault_stack + FAULT_STACK_SIZE),
        .cs = KERNEL_CS, .ss = KERNEL_DS, .ds = KERNEL_DS, .es = KERNEL_DS,
        .fs = KERNEL_DS, .gs = KERNEL_DS, .iomap = sizeof(struct tss),
    };
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
    gdt[TSS_SEL >> 3] = segment((uint32_t)&main_tss, sizeof(main_tss) - 1,
                                SEG_PRESENT | SEG_DPL(0) | SEG_TSS32, 0);
    gdt[DF_TSS_SEL >> 3] = segment((uint32_t)&fault_tss, sizeof(struct tss) - 1,
                                   SEG_PRESENT | SEG_DPL(0) | SEG_TSS32, 0);
    main_tss.tss.ss0 = KERNEL_DS;
    /* An I/O map offset past the TSS's end means "no map": with IOPL 0 every
     * in/out from user mode then faults. */
    main_tss.tss.iomap = TSS_IO_NONE;
    for (unsigned i = 0; i < sizeof(main_tss.bitmap); i++)
        main_tss.bitmap[i] = 0xff;
    main_tss.bitmap[COM1_PORT / 8] = 0;   /* the 8 ports of COM1, one byte */
    fault_task_init();
    load_gdt();
}

/* The task switch loads cr3 from the TSS: give the double-fault task the
 * kernel's page directory (vm.c), whose map every address space shares. */
void gdt_fault_task_cr3(uint32_t cr3)
{
    fault_tss.cr3 = cr3;
}

/* What the CPU saved of the faulting state when it switched to the
 * double-fault task: the main TSS's eip and esp. */
void gdt_fault_state(uint32_t *eip, uint32_t *esp)
{
    *eip = main_tss.tss.eip;
    *esp = main_tss.tss.esp;
}

