/* boot.c (rv32) - from power-on in machine mode to kernel_main() in
 * supervisor mode: what the machine has (the device tree), whether Baton
 * can run on it (or why not, out loud), and the hand-over to S; also the
 * board's free RAM, power switch and counter. */
#include "arch.h"
#include "printk.h"
#include "riscv.h"
#include "rv32.h"
#include "virt.h"
#include "trace.h"

#define MISA_M      (1u << ('M' - 'A'))   /* multiply and divide */

extern char __kernel_end[];            /* kernel.ld: end of the image */
int rv32_have_sstc;
struct board board;
static const char *boot_args;          /* -append, read in S before paging */

static noreturn void supervisor_main(void);
static noreturn void machine_trap(void);

/* Stop, saying what the machine lacks and why Baton needs it. Machine mode;
 * the UART is set up. printk with %s only: nothing that divides. */
static noreturn void refuse(const char *what, const char *why)
{
    printk("\n[baton] refused: %s: %s\n", what, why);
    arch_poweroff(BOOT_REFUSED);
}

/* Without the M extension (-cpu rv32,m=false) the kernel's own code (a
 * memset, the formatter) traps at its first multiply: check before any of
 * it runs, and say so with nothing but byte stores to the default UART. */
static void check_m_extension(void)
{
    uint32_t misa = r_misa();          /* 0: the CPU does not say */
    if (!misa || (misa & MISA_M))
        return;
    board.uart_base = UART_BASE;
    static const char msg[] = "\n[baton] refused: this CPU has no M extension "
        "(multiply/divide): the kernel is compiled for rv32ima\n";
    for (const char *s = msg; *s; s++)
        arch_console_putc(*s);
    arch_poweroff(BOOT_REFUSED);
}

/* Where RAM and the devices are: the device tree's word, else virt.h's.
 * RAM past RAM_LIMIT is left alone (it would not fit a 32-bit end). */
static void board_init(uintptr_t fdt)
{
    struct fdt_info t;
    /* No tree at all (a loader that passes none): assume QEMU's virt. A
     * tree without a PLIC means the board has none (an AIA board). */
    if (fdt_read(fdt, &t) != OK)
        t = (struct fdt_info){ .plic_base = PLIC_BASE, .plic_size = PLIC_SIZE };
    uint64_t ram_base = t.ram_size ? t.ram_base : RAM_BASE;
    uint64_t ram_end = ram_base + (t.ram_size ? t.ram_size : RAM_SIZE);
    board = (struct board){
        .ram_end = ram_end > RAM_LIMIT ? RAM_LIMIT : (uintptr_t)ram_end,
        .uart_base = t.uart_base ? (uintptr_t)t.uart_base : UART_BASE,
        .uart_irq = t.uart_base ? (int)t.uart_irq : UART_IRQ,
        .plic_base = (uintptr_t)t.plic_base,
        .plic_size = (uintptr_t)t.plic_size,
        .clint_base = t.clint_base ? (uintptr_t)t.clint_base : CLINT_BASE,
    };
    board.ram_base = ram_base > RAM_LIMIT ? RAM_LIMIT : (uintptr_t)ram_base;
    boot_args = t.bootargs;
}

/* satp exists only with an MMU: without one (-cpu rv32,mmu=false) QEMU
 * ignores writes, and it reads 0. In M-mode, satp changes nothing yet. */
static int have_mmu(void)
{
    w_satp(SATP_SV32);
    int mmu = (r_satp() & SATP_SV32) != 0;
    w_satp(0);
    return mmu;
}

/* Everything Baton needs and a RISC-V machine may lack, checked before it
 * is used; each refusal says what is missing and what for. */
static void machine_check(void)
{
    if (board.ram_base != RAM_BASE)
        refuse("RAM does not start at 0x80000000",
               "the kernel is linked and loaded there");
    if (!have_mmu())
        refuse("this CPU has no MMU (Sv32 paging)",
               "every task runs in its own address space, and without "
               "paging a task could read and write the kernel and the "
               "other tasks");
    if (!board.plic_base)
        refuse("the device tree lists no PLIC interrupt controller "
               "(an AIA board, such as -machine virt,aia=aplic?)",
               "the console's input interrupt reaches the kernel through "
               "a PLIC; Baton has no APLIC or IMSIC driver");
    if (board.ram_end < (uintptr_t)__kernel_end + RAM_MIN_FREE)
        refuse("too little RAM",
               "the kernel needs 2 MiB free past its image for page "
               "tables and tasks");
}

/* Runs in machine mode (M), the most privileged level, once at boot: learn
 * the machine, refuse it out loud if it lacks what Baton needs, give the
 * supervisor (S) level everything it needs to run the kernel on its own,
 * then drop to S forever. Baton has no machine-mode code after this. */
noreturn void machine_init(uint32_t hart, uintptr_t fdt)
{
    (void)hart;                         /* start.S parks every other hart */
    /* First of all a trap vector: a CSR this CPU lacks traps, and with
     * mtvec unset (0 on QEMU) the hart would loop at address 0, silently. */
    w_mtvec((uintptr_t)machine_trap);
    check_m_extension();
    board_init(fdt);
    uart_init();                        /* so that a refusal can be read */
    machine_check();

    /* Physical memory protection checks S and U accesses even with paging
     * off; with no PMP entry they may touch nothing, so entry 0 opens all
     * of memory and the page tables decide. A CPU without PMP
     * (-cpu rv32,pmp=false) checks nothing: nothing to open. */
    (void)m_try_pmp();

    /* Traps normally go to M. Hand every exception and the S-level
     * interrupts to S, so the kernel's stvec sees them directly. */
    w_medeleg(0xffffu);
    w_mideleg((1u << IRQ_S_SOFT) | (1u << IRQ_S_TIMER) |
              (1u << IRQ_S_EXTERNAL));
    w_mie(0);                           /* no machine-level interrupts */

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
 * here. It means a bug in machine_init, or a CSR this CPU lacks: menvcfgh on
 * a QEMU too old for the Sstc timer. */
__attribute__((aligned(4))) static noreturn void machine_trap(void)
{
    static int trapped;
    if (trapped++)                      /* the message itself trapped */
        arch_poweroff(1);
    if (!board.uart_base)               /* before board_init: the default */
        board.uart_base = UART_BASE;
    printk("\nrv32: trap in machine mode: mcause %x at %x\n"
           "rv32: this port needs QEMU 7.1 or later (the Sstc timer)\n",
           (unsigned)r_mcause(), (unsigned)r_mepc());
    arch_poweroff(1);
}

/* Now in supervisor mode, still on the boot stack. */
static noreturn void supervisor_main(void)
{
    trap_init();            /* first, so that a mistake below panics clearly */
    /* Read -append now: the tree lies in RAM the page allocator hands out. */
    trace_boot_args(boot_args);
    vm_kernel_init(boot_args);  /* paging on */
    plic_init();
    w_scounteren(0xffffffffu);  /* user mode may read the counters too */
    kernel_main();
}

void arch_mem_range(uintptr_t *start, uintptr_t *end)
{
    *start = (uintptr_t)__kernel_end;
    *end = board.ram_end;
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
