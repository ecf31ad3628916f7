/* b_ipc_client.c - IPC benchmarks, client side (task 4 in bench.manifest;
 * the server is task 5): register-sized ipc_call+ipc_reply round trip,
 * channel send+receive on the fast path and with 4 KiB, notification to
 * wake-up. Best of several batches, loop overhead not subtracted. */
#include <baton.h>
#include <arch_syscall.h>

#define N 100
#define SERVER 5
#define BENCH_DONE (MSG_USER + 1)   /* ends the replyrecv phase */
/* make bench builds this image twice: with the fast path and without. */
#if !defined(FASTPATH) || FASTPATH
#define FASTPATH_NAME "ipc_call_replyrecv"
#else
#define FASTPATH_NAME "ipc_call_replyrecv_slow"
#endif

static uint8_t page[4096];

static void report(const char *name, uint64_t best)
{
    printf("bench %s %s %u instructions\n", BENCH_ARCH, name, (unsigned)best / N);
}

/* The best of 5 batches of N calls to SERVER, in instructions. */
static uint64_t best_calls(struct message *m)
{
    uint64_t best = ~0ull;
    for (int round = 0; round < 5; round++) {
        uint64_t t0 = arch_cycles();
        for (int i = 0; i < N; i++)
            ipc_call(SERVER, m);
        uint64_t t = arch_cycles() - t0;
        if (t < best) best = t;
    }
    return best;
}

/* In a kernel that counts them (KINFO->trace_sites, make TRACE_COUNT=1):
 * the tracepoints one call to SERVER passes, as figure `name`. */
static void count_sites(const char *name, struct message *m)
{
    if (!KINFO->trace_sites)
        return;
    uint32_t before = KINFO->trace_sites;
    for (int i = 0; i < N; i++)
        ipc_call(SERVER, m);
    printf("bench %s %s %u sites\n", BENCH_ARCH, name,
           (unsigned)(KINFO->trace_sites - before) / N);
}

int main(void)
{
    struct message m = { .type = MSG_USER };
    report("ipc_call_reply", best_calls(&m));
    /* A kernel built with make TRACE_COUNT=1 counts the tracepoints it
     * passes (<baton/kinfo.h>): how many one round trip passes is what
     * bench.sh holds tracepoints_disabled_per_roundtrip to. */
    count_sites("tracepoints_per_roundtrip", &m);
    /* The server answers with ipc_replyrecv: the fast path's round trip
     * (kernel/fastpath.c), or the slow path's in a FASTPATH=0 build. */
    report(FASTPATH_NAME, best_calls(&m));
    count_sites("tracepoints_per_fast_roundtrip", &m);
    m.type = BENCH_DONE;
    ASSERT_OK(ipc_call(SERVER, &m));

    uint64_t best;
    channel_handle h;
    ASSERT_OK(channel_open(&h, 3, CHANNEL_SEND));
    for (int size = 16; size <= 4096; size += 4096 - 16) {
        best = ~0ull;
        for (int round = 0; round < 5; round++) {
            uint64_t t0 = arch_cycles();
            for (int i = 0; i < N; i++)
                channel_send(&h, page, size);
            uint64_t t = arch_cycles() - t0;
            if (t < best) best = t;
        }
        report(size == 16 ? "channel_fast_16B" : "channel_shm_4KiB", best);
    }

    /* The server waits in ipc_recv(IPC_ANY); each notification wakes it and
     * it answers with a notification, which wakes us in ipc_recv. */
    best = ~0ull;
    for (int round = 0; round < 5; round++) {
        uint64_t t0 = arch_cycles();
        for (int i = 0; i < N; i++) {
            ipc_notify(SERVER, NOTIFY_USER(0));
            ipc_recv(IPC_ANY, &m);
        }
        uint64_t t = arch_cycles() - t0;
        if (t < best) best = t;
    }
    report("notify_wake_roundtrip", best);
    ipc_notify(SERVER, NOTIFY_USER(1));        /* done */
    return 0;
}
