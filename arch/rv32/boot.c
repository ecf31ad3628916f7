/* boot.c (rv32) - from power-on in machine mode to kernel_main() in
 * supervisor mode; also the board's free RAM, power switch and counter. */
#include "arch.h"
#include "printk.h"
#include "riscv.h"
#include "rv32.h"
#include "virt.h"
#include "trace.h"

extern char __kernel_end[];            /* kernel.ld: end of the image */
int rv32_have_sstc;
static uintptr_t boot_fdt;             /* the device tree QEMU left us */

static noreturn void supervisor_main(void);
static noreturn void machine_trap(void);

/* Runs in machine mode (M), the most privileged level, once at boot: give
 * the supervisor (S) level everything it needs to run the kernel on its own,
 * then drop to S forever. Baton has no machine-mode code after this. */
noreturn void machine_init(uint32_t hart, uintptr_t fdt)
{
    (void)hart;                         /* start.S parks every other hart */
    boot_fdt = fdt;
    /* Physical memory protection checks S and U accesses even with paging
     * off; with no PMP entry they may touch nothing. Entry 0 allows read,
     * write and execute from address 0 up to the top (pmpaddr is addr >> 2).
     * The page tables then decide what each mode may touch. */
    w_pmpaddr0(0xffffffffu);
    w_pmpcfg0(PMP_RWX_TOR);

    /* Traps normally go to M. Hand every exception and the S-level
     * interrupts to S, so the kernel's stvec sees them directly. */
    w_medeleg(0xffffu);
    w_mideleg((1u << IRQ_S_SOFT) | (1u << IRQ_S_TIMER) |
              (1u << IRQ_S_EXTERNAL));
    w_mie(0);                           /* no machine-level interrupts */
    w_mtvec((uintptr_t)machine_trap);   /* reached only on a boot bug */

    /* Let S (and, if the kernel agrees in scounteren, U) read the cycle,
     * time and instret counters. */
    w_mcounteren(0xffffffffu);

    /* The timer: with the Sstc extension S-mode programs its own timer
     * interrupt through stimecmp, no M-mode code needed (see timer in
     * intr.c). STCE turns it on; it stays 0 if the CPU lacks Sstc. */
    w_menvcfgh(MENVCFGH_STCE);
    rv32_have_sstc = (r_menvcfgh() & MENVCFGH_STCE) != 0;

    /* "Return" from M to S at supervisor_main: mret jumps to mepc in the
     * mode saved in mstatus.MPP. Paging is off (satp = 0) until vm.c. */
    w_mstatus((r_mstatus() & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S);
    w_mepc((uintptr_t)supervisor_main);
    w_satp(0);
    __asm__ volatile("mret");
    __builtin_unreachable();
}

/* Delegation sends the traps of S and U to S; a trap in M itself still comes
 * here. It means a bug in machine_init, or a QEMU too old to have menvcfgh. */
__attribute__((aligned(4))) static noreturn void machine_trap(void)
{
    printk("\nrv32: trap in machine mode: mcause %x at %x\n"
           "rv32: this port needs QEMU 7.1 or later (the Sstc timer)\n",
           (unsigned)r_mcause(), (unsigned)r_mepc());
    arch_poweroff(1);
}

/* Now in supervisor mode, still on the boot stack. */
static noreturn void supervisor_main(void)
{
    trap_init();            /* first, so that a mistake below panics clearly */
    uart_init();
    /* Read -append now: the tree lies in RAM the page allocator hands out. */
    trace_boot_args(fdt_bootargs(boot_fdt));
    vm_kernel_init();       /* paging on */
    plic_init();
    w_scounteren(0xffffffffu);  /* user mode may read the counters too */
    kernel_main();
}

void arch_mem_range(uintptr_t *start, uintptr_t *end)
{
    *start = (uintptr_t)__kernel_end;
    *end = RAM_END;
}

/* The sifive test device stops QEMU: 0x5555 means success, 0x3333 failure
 * with the exit status in the upper 16 bits. */
noreturn void arch_poweroff(int status)
{
    /* The shell sees only the low 8 bits of QEMU's exit status: keep a
     * failure such as 256 from looking like success. */
    if (status != 0 && (status & 0xff) == 0)
        status = 1;
    mmio_write32(TEST_BASE, status == 0 ? 0x5555u
                                        : ((uint32_t)status << 16) | 0x3333u);
    for (;;)
        wfi();
}

uint64_t arch_cycles(void)
{
    return r_cycle64();
}
