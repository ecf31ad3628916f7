/* b_trace.c - tracepoint benchmark (bench.manifest, runs first): the cost
 * of a SYS_TRACE_CTL record call with the user category off, then on. The
 * call is the same in every build; scripts/bench.sh runs this program in an
 * image built with TRACE=none too, and the differences are the cost of a
 * switched-off tracepoint and of a switched-on one. Best of several
 * batches, loop overhead not subtracted. */
#include <baton.h>
#include <arch_syscall.h>

#define N 100

static unsigned per_call(void)
{
    uint64_t best = ~0ull;
    for (int round = 0; round < 5; round++) {
        uint64_t t0 = arch_cycles();
        for (int i = 0; i < N; i++)
            trace_record(TRACE_EV_MARK, 0, (uint32_t)i);
        uint64_t t = arch_cycles() - t0;
        if (t < best) best = t;
    }
    return (unsigned)best / N;
}

int main(void)
{
    uint32_t old = trace_set_mask(0);
    unsigned off = per_call();
    trace_set_mask(TRACE_CAT_USER);
    unsigned on = per_call();
    trace_set_mask(old);
    printf("bench %s trace_record_off %u instructions\n", BENCH_ARCH, off);
    printf("bench %s trace_record_on %u instructions\n", BENCH_ARCH, on);
    return 0;
}
