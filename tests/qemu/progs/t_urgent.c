/* t_urgent.c - a high-priority task: it runs first, spins for 100 ms without
 * ever being preempted by the less urgent tasks, then sleeps and must be
 * back on the CPU as soon as its sleep ends. */
#include <baton_test.h>

int main(void)
{
    printf("urgent: start\n");
    uint32_t start = uptime_ms(), last = start, gaps = 0;
    while (last - start < 100) {
        uint32_t now = uptime_ms();
        if (now - last > TICK_MS)
            gaps++;
        last = now;
    }
    CHECK(gaps == 0, "a more urgent task is never preempted by a less urgent one");
    printf("urgent: spun\n");
    uint32_t before = uptime_ms();
    sleep_ms(50);
    uint32_t slept = uptime_ms() - before;
    CHECK(slept >= 50 && slept <= 50 + 2 * TICK_MS,
          "sleep_ms(50) wakes after 50 ms, within two ticks");
    printf("urgent: done\n");
    return 0;
}
