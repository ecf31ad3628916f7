/* rv32.h (rv32) - how the port's own files call each other (nothing here is
 * for the portable kernel: that one uses kernel/arch.h). */
#ifndef RV32_RV32_H
#define RV32_RV32_H

#include <stdint.h>
#include <stdnoreturn.h>

/* boot.c: start.S calls machine_init in machine mode with QEMU's a0 (the
 * hart) and a1 (the device tree); it sets rv32_have_sstc for
 * arch_timer_init(). */
noreturn void machine_init(uint32_t hart, uintptr_t fdt);
extern int rv32_have_sstc;

void uart_init(void);           /* uart.c */
/* fdt.c: the "bootargs" of the device tree at fdt (-append), or NULL. */
const char *fdt_bootargs(uintptr_t fdt);
void vm_kernel_init(void);      /* vm.c: the kernel's page table, paging on */
void trap_init(void);           /* trap.c: stvec and sscratch */
void plic_init(void);           /* intr.c */
int  plic_claim(void);          /* the interrupt to serve, or 0 */
void plic_complete(int irq);
void timer_rearm(void);         /* intr.c: schedule the next tick */

/* trap.c: trap.S calls these with the frame it saved. */
struct arch_frame;
void trap_from_user(struct arch_frame *f);
void trap_from_kernel(struct arch_frame *f);

/* trap.S */
void trap_entry(void);          /* stvec: every trap lands here */
void trap_exit(void);           /* restore the frame at sp, sret to user */
void kthread_start(void);       /* a kernel thread's first instruction */

#endif
