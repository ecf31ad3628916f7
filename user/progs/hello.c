/* hello.c - the smallest Baton program: print, sleep a little, exit. */
#include <baton.h>

int main(void)
{
    printf("hello from task %d\n", task_self());
    for (int i = 1; i <= 3; i++) {
        sleep_ms(20);
        printf("task %d: tick %d at %u ms\n", task_self(), i, uptime_ms());
    }
    return 0;
}
