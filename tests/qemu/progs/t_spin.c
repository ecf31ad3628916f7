/* t_spin.c - spins for 200 ms of uptime and counts how often it lost the
 * CPU (a jump of more than one tick between two reads of the clock). With
 * another task of the same priority ready, round-robin must preempt it. */
#include <baton_test.h>

int main(void)
{
    uint32_t start = uptime_ms(), last = start, gaps = 0;
    while (last - start < 200) {
        uint32_t now = uptime_ms();
        if (now - last > TICK_MS)
            gaps++;
        last = now;
    }
    printf("spin %d: preempted %u times\n", task_self(), gaps);
    CHECK(gaps > 0, "round-robin preempts a spinning task");
    return 0;
}
