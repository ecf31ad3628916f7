/* b_yield.c - benchmark: two tasks of one priority that yield to each other;
 * each yield is a syscall plus a switch to the other task and back out of
 * its yield. Run by two tasks; the first to finish reports. */
#include <baton.h>
#include <arch_syscall.h>

#define ROUNDS 2000

int main(void)
{
    yield();                         /* both tasks are now in the loop */
    uint64_t t0 = arch_cycles();
    for (int i = 0; i < ROUNDS; i++)
        yield();
    uint64_t t1 = arch_cycles();
    /* Every yield of ours let the other task run one yield: 2 switches. */
    if (task_self() == 2)
        printf("bench %s yield_switch %u instructions\n", BENCH_ARCH,
               (unsigned)(t1 - t0) / (2 * ROUNDS));
    return 0;
}
