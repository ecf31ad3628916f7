/* t_lazy.c - a low-priority task: it only runs when more urgent tasks are
 * blocked or gone, so its first line comes after "urgent: spun". */
#include <baton_test.h>

int main(void)
{
    printf("lazy: start\n");
    CHECK_EQ(yield(), OK, "yield returns OK");
    printf("lazy: done\n");
    return 0;
}
