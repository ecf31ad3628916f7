/* switch.S (sim) - the simulator's only assembly (x86-64, System V ABI):
 * switching between kernel stacks, and the crossings between user code and
 * the kernel. Everything else is C. */
    .text

/* void sim_ctx_switch(uint64_t *save_sp, uint64_t new_sp)
 * Push the callee-saved registers, save the stack pointer in *save_sp, load
 * new_sp and pop the registers saved there: the call returns in the other
 * context. The caller-saved ones the C compiler has already saved itself. */
    .globl sim_ctx_switch
    .type  sim_ctx_switch, @function
sim_ctx_switch:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov  %rsp, (%rdi)
    mov  %rsi, %rsp
    pop  %r15
    pop  %r14
    pop  %r13
    pop  %r12
    pop  %rbx
    pop  %rbp
    ret
    .size sim_ctx_switch, . - sim_ctx_switch

/* A new context's first switch-in "returns" here (sim/task.c built its
 * stack so): call fn(arg), kept in r12 and r13. fn never returns. */
    .globl sim_ctx_start
    .type  sim_ctx_start, @function
sim_ctx_start:
    mov  %r13, %rdi
    call *%r12
    ud2
    .size sim_ctx_start, . - sim_ctx_start

/* void sim_syscall_entry(uint32_t slots[7]) - the "trap instruction" of user
 * code (user/lib/arch/sim/arch_syscall.h). Move to the current task's kernel
 * stack, just below its frame, as a trap would, and run
 * sim_syscall(slots, pc) there; it may switch to other tasks and come back.
 * The user stack pointer waits on the kernel stack meanwhile. */
    .globl sim_syscall_entry
    .type  sim_syscall_entry, @function
sim_syscall_entry:
    movb $0, sim_in_user(%rip)
    mov  (%rsp), %rsi               /* pc: where the call returns in user code */
    mov  sim_trap_sp(%rip), %rax
    mov  %rsp, -8(%rax)
    lea  -16(%rax), %rsp            /* 16-byte aligned, as a call wants */
    call sim_syscall
    mov  8(%rsp), %rsp              /* back on the user stack */
    movb $1, sim_in_user(%rip)
    ret
    .size sim_syscall_entry, . - sim_syscall_entry

/* noreturn void sim_user_enter(void (*entry)(void), uint64_t usp) - a task's
 * first entry into user code: on its user stack, as if entry were called. */
    .globl sim_user_enter
    .type  sim_user_enter, @function
sim_user_enter:
    mov  %rsi, %rsp
    xor  %ebp, %ebp                 /* end of the frame chain, for backtraces */
    movb $1, sim_in_user(%rip)
    call *%rdi
    ud2                             /* entry calls exit(): never back here */
    .size sim_user_enter, . - sim_user_enter

    .section .note.GNU-stack, "", @progbits
