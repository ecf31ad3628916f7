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
