/* i386.h (i386) - what the files of the port share with each other, and
 * with the assembly files (so only #defines outside the C-only part). */
#ifndef ARCH_I386_H
#define ARCH_I386_H

/* Segment selectors: GDT index * 8, plus the requested privilege level
 * (RPL) in the low two bits: 0 for the kernel, 3 for user mode. */
#define KERNEL_CS  0x08
#define KERNEL_DS  0x10
#define USER_CS    (0x18 | 3)
#define USER_DS    (0x20 | 3)
#define TSS_SEL    0x28
#define DF_TSS_SEL 0x30    /* the double-fault task (gdt.c) */

/* Interrupt vectors: the CPU's exceptions take 0..31, so the PIC's 16 lines
 * are moved to 32..47. */
#define IRQ_BASE       32
#define PIC_LINES      16   /* the two 8259s; kernel/irq.c counts IRQ_LINES */
#define IRQ_TIMER      0
#define IRQ_COM1       4
#define SYSCALL_VECTOR 0x80

#define EFLAGS_IF      0x200   /* interrupts enabled */
#define EFLAGS_ALWAYS1 0x002   /* bit 1 is reserved and reads as 1 */

/* The exit status when the machine lacks something Baton needs (cpu.c):
 * not 1, which is a panic's, so that a test can tell them apart. */
#define BOOT_REFUSED   3

#ifndef __ASSEMBLER__
#include <stdint.h>

/* boot.S and kernel.ld. Below the boot stack lies one unmapped page
 * (vm.c): an overflow of the boot stack faults there. */
extern char __kernel_end[];
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];

/* cpu.c: stop with a message on a CPU older than the floor (a Pentium). */
void cpu_check(void);

/* gdt.c */
void gdt_init(void);
void gdt_fault_task_cr3(uint32_t cr3);   /* the double-fault task's map */
void gdt_fault_state(uint32_t *eip, uint32_t *esp);  /* where it struck */

/* trap.c, trapentry.S */
void idt_init(void);
void double_fault_task(void);    /* the double-fault task runs this */
void trap_return(void);          /* pops a struct arch_frame and irets */

/* pic.c */
void pic_init(void);
void pic_eoi(int irq);
int  pic_spurious(int irq);

/* uart.c */
void uart_init(void);

/* vm.c */
void paging_init(const char *cmdline);   /* vm.c; tlb=flush: no PGE */
/* Which guard page holds addr: 0 the boot stack's, 1 + id task id's kernel
 * stack's (arch_vm_guard, called by task_init in id order), -1 none. */
int i386_guard_page(uint32_t addr);
#endif

#endif
