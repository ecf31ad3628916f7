/* t_gdbprobe.c - the program tests/gdb/run.sh stops in: its first system
 * call is console_write (1), its second task_self (5). */
#include <baton.h>

int main(void)
{
    console_write("probe\n", 6);
    return task_self() > 0 ? 0 : 1;
}
