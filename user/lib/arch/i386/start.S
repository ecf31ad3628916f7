/* start.S (i386) - a user program's first instruction: the kernel enters
 * here with esp at the top of the task's stack; run main(), then exit(). */
    .section .text.start
    .globl _start
_start:
    xor  %ebp, %ebp         /* end of the frame chain, for backtraces */
    and  $-16, %esp
    call main
    push %eax
    call exit               /* exit(main's return value): never returns */
1:  jmp  1b
