/* b_null.c - benchmark: a null system call round trip (task_self), in cycle
 * counter units: guest instructions under qemu -icount shift=0. The best of
 * several batches, so a timer tick inside one batch does not count. */
#include <baton.h>
#include <arch_syscall.h>

#define BATCH 200

int main(void)
{
    uint64_t best = ~0ull, empty = ~0ull;
    for (int round = 0; round < 10; round++) {
        uint64_t t0 = arch_cycles();
        for (int i = 0; i < BATCH; i++)
            __asm__ volatile("" ::: "memory");
        uint64_t t1 = arch_cycles();
        for (int i = 0; i < BATCH; i++)
            task_self();
        uint64_t t2 = arch_cycles();
        if (t1 - t0 < empty) empty = t1 - t0;
        if (t2 - t1 < best) best = t2 - t1;
    }
    /* Subtract the loop itself: what remains is the call, trap and return. */
    printf("bench %s null_syscall %u instructions\n", BENCH_ARCH,
           (unsigned)(best - empty) / BATCH);
    return 0;
}
