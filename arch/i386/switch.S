/* switch.S (i386) - switch_stacks(), the heart of a context switch: save
 * the running thread's registers on its stack, then take another's. */

/* void switch_stacks(uint32_t *save_esp, uint32_t new_esp)
 * The C calling convention lets a callee clobber eax, ecx and edx, so only
 * ebx, esi, edi and ebp need saving; the return address is already on the
 * stack. The other side's stack was left the same way, by an earlier call
 * (or built to look like one by task.c), so "ret" resumes it. */
    .text
    .globl switch_stacks
switch_stacks:
    mov  4(%esp), %eax        /* save_esp */
    mov  8(%esp), %edx        /* new_esp */
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov  %esp, (%eax)
    mov  %edx, %esp           /* now on the other thread's stack */
    pop  %edi
    pop  %esi
    pop  %ebx
    pop  %ebp
    ret
