/* start.c (sim) - a user program's entry: the simulator calls it on the
 * task's user stack; run main(), then exit() with its status, as start.S
 * does on the real ports. The build renames _start to sim_prog_NAME. */
#include <baton.h>
#include <arch_syscall.h>

int main(void);

/* The top of this task's user stack: in the simulator each address space
 * has its stack at addresses of its own (docs/sim.md), aligned to its
 * size, and _start runs at its top. */
uintptr_t sim_user_stack_top;

noreturn void _start(void)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    sim_user_stack_top = (here | (USER_STACK_SIZE - 1)) + 1;
    exit(main());
}
