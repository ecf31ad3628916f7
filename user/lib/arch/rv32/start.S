/* start.S (rv32) - a user program's first instruction: the kernel enters
 * here with sp at the top of the task's stack; run main(), then exit(). */
    .section .text.start
    .globl _start
_start:
    li   fp, 0              /* end of the frame chain, for backtraces */
    call main
    call exit               /* exit(main's return value): never returns */
1:  j    1b
