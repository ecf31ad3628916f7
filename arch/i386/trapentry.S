/* trapentry.S (i386) - the way into and out of the kernel: one small stub
 * per vector, a common path that saves a struct arch_frame (arch_types.h)
 * and calls trap() in trap.c, and trap_return, which undoes it all. */
#include "i386.h"

/* A stub makes every frame alike: the CPU pushes an error code for only
 * some exceptions, so the others push a 0 in its place. Then the vector.
 * Each stub's address goes in trap_stubs[], which idt_init() reads. */
.macro STUB vector, has_error=0
    .text
stub_\vector:
    .if !\has_error
    push $0
    .endif
    push $\vector
    jmp  trap_entry
    .pushsection .rodata
    .long stub_\vector
    .popsection
.endm

    .pushsection .rodata
    .p2align 2
    .globl trap_stubs
trap_stubs:                   /* vectors 0..47, in order */
    .popsection
/* Exceptions; 8, 10-14, 17, 21, 29 and 30 come with an error code. */
    STUB 0;  STUB 1;  STUB 2;  STUB 3;  STUB 4;  STUB 5;  STUB 6;  STUB 7
    STUB 8,1; STUB 9; STUB 10,1; STUB 11,1; STUB 12,1; STUB 13,1; STUB 14,1
    STUB 15; STUB 16; STUB 17,1; STUB 18; STUB 19; STUB 20; STUB 21,1
    STUB 22; STUB 23; STUB 24; STUB 25; STUB 26; STUB 27; STUB 28
    STUB 29,1; STUB 30,1; STUB 31
/* The PIC's interrupt lines 0..15. */
    STUB 32; STUB 33; STUB 34; STUB 35; STUB 36; STUB 37; STUB 38; STUB 39
    STUB 40; STUB 41; STUB 42; STUB 43; STUB 44; STUB 45; STUB 46; STUB 47

/* Save the registers the stub has not: the rest of a struct arch_frame.
 * The CPU has already switched to the kernel stack (TSS.esp0) if the trap
 * came from user mode, pushed ss, esp (only then), eflags, cs, eip, and
 * cleared IF (interrupt gates). The stub pushed error code and vector. */
.macro SAVE_FRAME
    push %ds
    push %es
    push %fs
    push %gs
    pushal
    cld                       /* C code assumes it; user code may have set DF */
    mov  $KERNEL_DS, %ecx     /* user code chose ds/es: use our own */
    mov  %ecx, %ds
    mov  %ecx, %es
.endm

/* int $0x80, a system call: its own entry, outside the table.
 * SYS_IPC_REGS (eax is still the caller's) tries the IPC fast path first,
 * without trap()'s dispatch: it returns the frame to leave by, or 0, and
 * then trap() runs the syscall as any other. */
    .equ SYS_IPC_REGS_NR, 15  /* <baton/syscall.h>; trap.c checks */
    .equ FRAME_CS, 60         /* offsetof(struct arch_frame, cs) */
    .globl syscall_stub
syscall_stub:
    push $0
    push $SYSCALL_VECTOR
    SAVE_FRAME
    cmpb $SYS_IPC_REGS_NR, %al
    jne  1f
    testb $3, FRAME_CS(%esp)   /* from user mode, as trap() checks */
    jz   1f
    push %esp                 /* fastpath_ipc_trap(frame). The argument's slot,
                                 right below the frame, is also the one
                                 arch_task_resume_syscall writes. */
    call fastpath_ipc_trap
    add  $4, %esp
    test %eax, %eax
    jnz  2f
1:  push %esp                 /* trap(frame) */
    call trap
2:  mov  %eax, %esp           /* the frame to leave by (trap_entry) */
    jmp  trap_return

/* Every other vector. */
trap_entry:
    SAVE_FRAME
    push %esp                 /* trap(frame): the frame is right above */
    call trap
    mov  %eax, %esp           /* the frame trap() returns: its own */
/* Also how a new user task starts: task.c builds a frame for it and makes
 * arch_switch "return" here. */
    .globl trap_return
trap_return:
    popal
    pop  %gs
    pop  %fs
    pop  %es
    pop  %ds
    add  $8, %esp             /* the vector and the error code */
    iret                      /* eip, cs, eflags (and esp, ss to user mode) */

/* A task that the IPC fast path blocked, switched to by a slow-path wake:
 * arch_task_resume_syscall left its stack at its frame, below it only what
 * switch_stacks pops. Finish its syscall, then back to user mode. */
    .globl trap_resume
trap_resume:
    push %esp                 /* fastpath_resumed(frame) */
    call fastpath_resumed
    add  $4, %esp
    jmp  trap_return
