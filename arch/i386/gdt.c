/* gdt.c (i386) - segments and the two TSSs. Baton uses flat segments
 * (base 0, limit 4 GiB) so only their privilege level matters. The main
 * TSS gives the kernel stack the CPU switches to on a trap from user mode;
 * the second one is the double-fault task, which runs on its own stack. */
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
#define FAULT_STACK_SIZE 4096

/* The hardware task-state segment. Baton switches tasks in software: the
 * CPU reads ss0:esp0 (and the I/O map offset) from the main TSS, and does
 * a hardware task switch only into the double-fault task, saving the
 * faulting state in the main TSS's fields (which trap.c then prints). */
struct tss {
    uint32_t link;            /* the TSS we came from, after a task switch */
    uint32_t esp0;            /* kernel stack for a trap from ring 3 */
    uint32_t ss0;
    uint32_t esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap;
    uint16_t iomap;           /* offset of the I/O permission bitmap */
};
_Static_assert(sizeof(struct tss) == 104, "the CPU's TSS layout");

/* The main TSS, followed by its I/O permission bitmap: one bit per port,
 * 0 = user mode may use it. It covers ports 0..IO_PORTS-1 (a port past the
 * TSS limit always faults) and ends with the 0xff byte the CPU wants. */
#define IO_PORTS   0x400
#define COM1_PORT  0x3f8          /* COM1: ports 0x3f8..0x3ff (uart.c) */
static struct {
    struct tss tss;
    uint8_t bitmap[IO_PORTS / 8 + 1];
} __attribute__((packed)) main_tss;
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
    main_tss.tss.iomap = sizeof(main_tss);
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

/* Called on every context switch: the next trap from user mode must land on
 * the kernel stack of the task that is about to run. */
void tss_set_esp0(uint32_t esp0)
{
    main_tss.tss.esp0 = esp0;
}

/* What the CPU saved of the faulting state when it switched to the
 * double-fault task: the main TSS's eip and esp. */
void gdt_fault_state(uint32_t *eip, uint32_t *esp)
{
    *eip = main_tss.tss.eip;
    *esp = main_tss.tss.esp;
}

/* Called on every switch of address space: the I/O map is read only for a
 * task granted the UART (device=uart). An offset past the TSS limit means
 * "no map", so every in/out from another task faults (#GP). */
void tss_set_io(int uart)
{
    main_tss.tss.iomap = uart ? sizeof(struct tss) : sizeof(main_tss);
}
