/* t_badsys.c - makes an unknown system call: a fault, so the kernel kills
 * the task with a report and goes on. */
#include <baton.h>

int main(void)
{
    printf("badsys: calling syscall 999\n");
    syscall(999, 0, 0, 0, 0, 0, 0);
    printf("FAIL badsys: an unknown syscall returned\n");
    return 1;
}
