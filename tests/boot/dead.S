/* dead.S - a deliberately broken kernel for the harness's own test
 * (tests/boot/harness.sh): it boots like Baton (multiboot on i386, at
 * 0x80000000 on rv32), prints nothing and powers off with status 0, the
 * way a kernel that dies early looks from outside. The harness must call
 * that a failure. */
#if defined(__i386__)
    .section .multiboot, "a"
    .p2align 2
    .long 0x1BADB002, 0, -0x1BADB002     /* magic, no flags, checksum */
    .text
    .globl _start
_start:
    xor  %eax, %eax
    mov  $0xf4, %dx                      /* isa-debug-exit: QEMU exits 1, */
    out  %eax, %dx                       /* which scripts/qemu.sh reads as 0 */
1:  hlt
    jmp  1b
#elif defined(__riscv)
    .section .text.boot, "ax"
    .globl _start
_start:
    li   t0, 0x100000                    /* the sifive test device */
    li   t1, 0x5555                      /* "success" */
    sw   t1, 0(t0)
1:  wfi
    j    1b
#endif
