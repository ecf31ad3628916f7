/* start.S (rv32) - the first instructions: QEMU jumps to 0x80000000 in
 * machine mode with paging off. Clear .bss, set up a stack, go to C. */
    .section .text.boot, "ax"
    .globl _start
_start:
    /* QEMU's virt board has one hart unless -smp says otherwise; Baton
     * runs on hart 0 only, any other one sleeps forever. */
    csrr  t0, mhartid
    bnez  t0, park

    /* C expects zeroed globals. QEMU's ELF loader does clear .bss, but a
     * real boot loader need not: do it here, before any C code runs. */
    la    t0, __bss_start
    la    t1, __bss_end
1:  bgeu  t0, t1, 2f
    sw    zero, 0(t0)
    addi  t0, t0, 4
    j     1b

2:  la    sp, boot_stack_top
    li    fp, 0                 /* end of the frame chain, for backtraces */
    /* a0 (hart id) and a1 (device tree), as QEMU set them, are untouched
     * so far: they become machine_init's arguments. */
    call  machine_init          /* boot.c: mret-s into supervisor mode */
park:
    wfi
    j     park

    /* The boot stack: machine_init, then supervisor_main and kernel_main
     * run on it until the kernel switches to its first task. */
    .section .bss.boot_stack, "aw", @nobits
    .balign 16
    .globl boot_stack, boot_stack_top
boot_stack:
    .space 16384
boot_stack_top:

/* int m_try_pmp(void), machine mode, from machine_init. A CPU without PMP
 * (-cpu rv32,pmp=false) has no pmpaddr0: writing it traps. For the length
 * of the attempt, mtvec points at the label after it, so the trap skips
 * the rest and a0 stays 0; with PMP, entry 0 opens all of memory (pmpaddr
 * is an address >> 2) to S and U, and a0 = 1. */
    .text
    .globl m_try_pmp
m_try_pmp:
    la    t0, 1f
    csrrw t1, mtvec, t0         /* t1: the real trap vector, put back below */
    li    a0, 0
    li    t2, -1
    csrw  pmpaddr0, t2
    li    t2, 0x0f              /* PMP_RWX_TOR: read, write, exec, top of range */
    csrw  pmpcfg0, t2
    li    a0, 1
    .p2align 2                  /* mtvec needs a 4-byte aligned address */
1:  csrw  mtvec, t1
    ret
