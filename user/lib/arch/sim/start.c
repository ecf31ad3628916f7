/* start.c (sim) - a user program's entry: the simulator calls it on the
 * task's user stack; run main(), then exit() with its status, as start.S
 * does on the real ports. The build renames _start to sim_prog_NAME. */
#include <baton.h>

int main(void);

noreturn void _start(void)
{
    exit(main());
}
