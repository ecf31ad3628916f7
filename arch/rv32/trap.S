/* trap.S (rv32) - the way into and out of the kernel: trap entry and exit
 * (stvec points at trap_entry) and the context switch, arch_switch.
 *
 * The rule that makes it work: sscratch holds the current task's frame
 * address (the top of its kernel stack) while user code runs, and 0 while
 * the kernel runs. */

/* struct arch_frame (arch_types.h): register xn at (n-1)*4, then these.
 * trap.c checks that the C struct agrees. */
    .equ FRAME_SP,      1*4
    .equ FRAME_SEPC,    31*4
    .equ FRAME_SSTATUS, 32*4
    .equ FRAME_SIZE,    36*4
/* The light syscalls, kernel/syscall.h (trap.c checks these agree). */
    .equ LIGHT_FIRST,   5
    .equ LIGHT_SPAN,    4
    .equ LIGHT_MASK,    0x1a0
    .equ EXC_ECALL_U,   8
    .equ SYS_IPC_REGS_NR, 15   /* <baton/syscall.h> */

/* Save or load x1 and x3..x31 at sp; x2 is sp itself, x0 is always 0. */
.macro SAVE_REGS
    sw    x1, 0(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sw    x\n, ((\n - 1) * 4)(sp)
    .endr
.endm
/* The same but for t0 (x5), which trap_entry saved first. */
.macro SAVE_REGS_BUT_T0
    sw    x1, 0(sp)
    .irp n, 3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sw    x\n, ((\n - 1) * 4)(sp)
    .endr
.endm
/* The user's sp (in sscratch since trap_entry's swap) into the frame, and
 * sscratch = 0: from here on a trap is one from the kernel. */
.macro SAVE_USER_SP
    csrr  t0, sscratch
    sw    t0, FRAME_SP(sp)
    csrw  sscratch, zero
.endm
.macro LOAD_REGS
    lw    x1, 0(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lw    x\n, ((\n - 1) * 4)(sp)
    .endr
.endm

    .text
/* Every trap, from user or kernel mode, starts here with interrupts off. */
    .globl trap_entry
    .balign 4
trap_entry:
    csrrw sp, sscratch, sp      /* swap: sp = frame, sscratch = user's sp */
    beqz  sp, from_kernel       /* sscratch was 0: we were in the kernel */

    /* SYS_IPC_REGS (its number in a0's low byte, the flags above it) has
     * an entry of its own; a light syscall (kernel/syscall.h) is 5..8 and
     * in the mask. The cause is checked only then, so other traps pay 7. */
    sw    t0, (5 - 1) * 4(sp)
    andi  t0, a0, 0xff
    addi  t0, t0, -SYS_IPC_REGS_NR
    beqz  t0, ipc_entry
    addi  t0, a0, -LIGHT_FIRST
    sltiu t0, t0, LIGHT_SPAN
    bnez  t0, maybe_light

    /* From user mode: save the user's registers into this task's frame
     * (t0 is in it already). */
full_save:
    SAVE_REGS_BUT_T0
    SAVE_USER_SP
    csrr  t1, sstatus
    sw    t1, FRAME_SSTATUS(sp)
    li    fp, 0                 /* end of the kernel's frame chain */
    csrr  t0, sepc
    csrr  t1, scause
    li    t2, EXC_ECALL_U
    bne   t1, t2, 1f
    addi  t0, t0, 4             /* an ecall returns past itself */
1:  sw    t0, FRAME_SEPC(sp)
2:  mv    a0, sp                /* the kernel stack continues below the frame */
    call  trap_from_user        /* trap.c; may switch tasks and come back */
    mv    sp, a0                /* the frame to leave by: its own */
    j     trap_exit

/* An ecall of SYS_IPC_REGS, the register form of IPC. Its caller lets the
 * kernel change t0-t6 (<baton/syscall.h>), so they are not saved:
 * their slots keep this task's values from its last trap, which is what
 * a slow path gives back to it (nothing of another task or of the kernel).
 * sstatus is not saved either: from user mode it is always SSTATUS_SPIE,
 * the value its frame has held since the task began (trap.c). Then the
 * IPC fast path, without trap_from_user's dispatch: it returns the frame
 * to leave by, or 0, and then trap_from_user runs the syscall as any
 * other. */
ipc_entry:
    csrr  t0, scause
    addi  t0, t0, -EXC_ECALL_U
    bnez  t0, full_save         /* an interrupt or a fault, a0 by chance */
    sw    ra, 0(sp)
    .irp n, 3,4,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27
    sw    x\n, ((\n - 1) * 4)(sp)
    .endr
    SAVE_USER_SP
    csrr  t0, sepc
    addi  t0, t0, 4             /* an ecall returns past itself */
    sw    t0, FRAME_SEPC(sp)
    mv    a0, sp
    call  fastpath_ipc_trap     /* kernel/fastpath.c; a leaf, no frame chain */
    beqz  a0, ipc_slow
    /* Out as the peer, through its frame (a0), but for a3..a6: the type and
     * words 0..2 of the message are ours, still in our frame (sp), where
     * the fast path left them (ARCH_FASTPATH_PASS_WORDS). sstatus is
     * already what sret wants: nothing changed it since the ecall, and the
     * peer, in a syscall too, had the same (SSTATUS_SPIE). */
    lw    t0, FRAME_SEPC(a0)
    csrw  sepc, t0
    csrw  sscratch, a0          /* where the peer's next trap saves */
    .irp n, 13,14,15,16
    lw    x\n, ((\n - 1) * 4)(sp)
    .endr
    mv    sp, a0
    lw    x1, 0(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    lw    x\n, ((\n - 1) * 4)(sp)
    .endr
    lw    sp, FRAME_SP(sp)      /* last: the peer's user sp */
    sret
ipc_slow:
    li    fp, 0                 /* end of the kernel's frame chain */
    j     2b

/* Back to user mode with the frame at sp. A new task's first arch_switch
 * also "returns" here (see arch_task_init_user). Whatever ran meanwhile,
 * sp is this task's frame: each task has its own kernel stack. */
    .globl trap_exit
trap_exit:
    lw    t0, FRAME_SEPC(sp)
    csrw  sepc, t0
    lw    t0, FRAME_SSTATUS(sp) /* its SPP bit is 0: sret goes to user mode */
    csrw  sstatus, t0
    csrw  sscratch, sp          /* where the next trap from user saves */
    LOAD_REGS
    lw    sp, FRAME_SP(sp)      /* last: the user's sp */
    sret


/* a0 is 5..8 (t0 saved): a light syscall if it is ecall and in the mask.
 * Then save only what C code may clobber (ra, t0-t6, a0-a7: the s
 * registers it preserves itself), run it, and restore: no scheduler work,
 * so this task is still the one to return to. */
maybe_light:
    csrr  t0, scause
    addi  t0, t0, -EXC_ECALL_U
    bnez  t0, 1f
    li    t0, LIGHT_MASK
    srl   t0, t0, a0
    andi  t0, t0, 1
    bnez  t0, light
1:  j     full_save          /* t0 is in the frame: full_save keeps it */
light:
    sw    x1, 0(sp)
    .irp n, 6,7,10,11,12,13,14,15,16,17,28,29,30,31
    sw    x\n, ((\n - 1) * 4)(sp)
    .endr
    SAVE_USER_SP
    csrr  t0, sepc
    addi  t0, t0, 4             /* return past the ecall */
    csrw  sepc, t0
    mv    a0, sp
    call  trap_syscall_light    /* kernel/syscall.c */
    csrw  sscratch, sp
    lw    x1, 0(sp)
    .irp n, 5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
    lw    x\n, ((\n - 1) * 4)(sp)
    .endr
    lw    sp, FRAME_SP(sp)
    sret

/* A task that the IPC fast path blocked, switched to by a slow-path wake
 * (arch_task_resume_syscall left sp at its frame): finish its syscall, then
 * back to user mode. */
    .globl trap_resume
trap_resume:
    mv    a0, sp
    call  fastpath_resumed
    j     trap_exit

/* From supervisor mode: only arch_idle() takes interrupts in the kernel,
 * anything else is a kernel bug. Save a frame on the current kernel stack. */
from_kernel:
    csrrw sp, sscratch, sp      /* swap back: sp = kernel sp, sscratch = 0 */
    addi  sp, sp, -FRAME_SIZE
    SAVE_REGS
    addi  t0, sp, FRAME_SIZE
    sw    t0, FRAME_SP(sp)      /* sp before the trap, for panic and gdb */
    csrr  t0, sepc
    sw    t0, FRAME_SEPC(sp)
    csrr  t0, sstatus
    sw    t0, FRAME_SSTATUS(sp)
    mv    a0, sp
    call  trap_from_kernel      /* trap.c; may switch tasks and come back */
    /* sepc and sstatus belong to the CPU, not the task: other traps
     * changed them while we were switched away. Restore ours. */
    lw    t0, FRAME_SEPC(sp)
    csrw  sepc, t0
    lw    t0, FRAME_SSTATUS(sp) /* SPP = 1: sret stays in supervisor mode */
    csrw  sstatus, t0
    LOAD_REGS
    addi  sp, sp, FRAME_SIZE
    sret

/* void arch_switch(struct arch_task *prev, struct arch_task *next)
 * Save the callee-saved registers, sp and ra in prev; load next's. The "ret"
 * then returns into next, wherever it last called arch_switch (or, for a new
 * task, into trap_exit or kthread_start). The other registers need no
 * saving: arch_switch is a function call, so its caller expects them lost. */
    .globl arch_switch
arch_switch:
    sw    ra, 0(a0)
    sw    sp, 4(a0)
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
    sw    s\n, (8 + \n * 4)(a0)
    .endr
    lw    ra, 0(a1)
    lw    sp, 4(a1)
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
    lw    s\n, (8 + \n * 4)(a1)
    .endr
    ret

/* A kernel thread's first instruction (arch_task_init_kernel): s1 holds its
 * function. The function must never return; if it does, say so. */
    .globl kthread_start
kthread_start:
    jalr  s1
    la    a0, kthread_returned
    call  panic

    .section .rodata
kthread_returned:
    .string "rv32: a kernel thread returned"
