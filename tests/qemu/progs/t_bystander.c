/* t_bystander.c - a low-priority task that outlives every faulting task and
 * checks the kernel still serves it. */
#include <baton_test.h>

int main(void)
{
    sleep_ms(100);
    CHECK(task_self() > 0, "the kernel still serves tasks after faults");
    printf("bystander: done\n");
    return 0;
}
