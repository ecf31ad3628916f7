/* rv32.h (rv32) - how the port's own files call each other (nothing here is
 * for the portable kernel: that one uses kernel/arch.h). */
#ifndef RV32_RV32_H
#define RV32_RV32_H

#include <stdint.h>
#include <stdnoreturn.h>
#include <baton/error.h>

/* boot.c: start.S calls machine_init in machine mode with QEMU's a0 (the
 * hart) and a1 (the device tree); it sets rv32_have_sstc for
 * arch_timer_init(). */
noreturn void machine_init(uint32_t hart, uintptr_t fdt);
extern int rv32_have_sstc;
/* start.S: set PMP entry 0 to "all of memory, RWX"; 1 if done, 0 if this
 * CPU has no PMP (the CSR write trapped, and was skipped). */
int m_try_pmp(void);

void uart_init(void);           /* uart.c */
/* fdt.c: what the device tree at fdt says; a field it does not give is 0.
 * ERR_INVALID_ARG if there is no tree there. */
struct fdt_info {
    uint64_t ram_base, ram_size;        /* the first /memory node */
    uint64_t uart_base, plic_base, plic_size, clint_base;
    uint32_t uart_irq;
    const char *bootargs;               /* -append, or NULL */
};
error_t fdt_read(uintptr_t fdt, struct fdt_info *info);

/* boot.c: the machine Baton runs on, as the device tree describes it (or
 * virt.h's defaults). Filled in machine mode before anything uses it. */
struct board {
    uintptr_t ram_base, ram_end;        /* RAM: Baton needs it at RAM_BASE */
    uintptr_t uart_base, plic_base, plic_size, clint_base;
    int uart_irq;
};
extern struct board board;
#define BOOT_REFUSED 3                  /* exit status: the machine lacks something */

/* vm.c: the kernel's page table, paging on, ASIDs probed; cmdline (or
 * NULL) may say tlb=flush (no ASIDs) or asids=N (at most N). */
void vm_kernel_init(const char *cmdline);
void trap_init(void);           /* trap.c: stvec and sscratch */
void plic_init(void);           /* intr.c */
int  plic_claim(void);          /* the interrupt to serve, or 0 */
void plic_complete(int irq);
void timer_rearm(void);         /* intr.c: schedule the next tick */

/* trap.c: trap.S calls these with the frame it saved. */
struct arch_frame;
struct arch_frame *trap_from_user(struct arch_frame *f);   /* the frame to exit by */
void trap_from_kernel(struct arch_frame *f);

/* trap.S */
void trap_entry(void);          /* stvec: every trap lands here */
void trap_exit(void);           /* restore the frame at sp, sret to user */
void kthread_start(void);       /* a kernel thread's first instruction */

#endif
