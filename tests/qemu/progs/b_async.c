/* b_async.c - async benchmark (tasks 6 and 7 in bench.manifest): the cost of
 * one message from async_send to the receiver holding it. The producer
 * (task 6) queues a message and notifies; the consumer (task 7) wakes on
 * NOTIFY_ASYNC and pulls it with async_recv, an ipc_call the producer
 * answers with async_reply. Measured in the producer, which sees the whole
 * exchange: best of several batches, loop overhead not subtracted. */
#include <resea/async.h>
#include <arch_syscall.h>

#define N 100
#define PRODUCER 6
#define CONSUMER 7
#define LAST (MSG_USER + 1)       /* the consumer stops after this one */

/* Serve pulls until the consumer has taken everything queued for it. */
static void serve(void)
{
    while (async_pending(CONSUMER) > 0) {
        struct message r;
        if (ipc_recv(IPC_ANY, &r) == OK && r.type == ASYNC_MSG)
            async_reply(r.src);
    }
}

static void producer(void)
{
    struct message m = { .type = MSG_USER };
    uint64_t best = ~0ull;
    for (int round = 0; round < 5; round++) {
        uint64_t t0 = arch_cycles();
        for (int i = 0; i < N; i++) {
            async_send(CONSUMER, &m);
            serve();
        }
        uint64_t t = arch_cycles() - t0;
        if (t < best) best = t;
    }
    printf("bench %s async_send_recv %u instructions\n", BENCH_ARCH,
           (unsigned)best / N);
    m.type = LAST;
    async_send(CONSUMER, &m);
    serve();
}

static void consumer(void)
{
    for (;;) {
        struct message m;
        ipc_recv(IPC_ANY, &m);
        if (m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_ASYNC) &&
            async_recv(PRODUCER, &m) == OK && m.type == LAST)
            return;
    }
}

int main(void)
{
    if (task_self() == PRODUCER)
        producer();
    else
        consumer();
    return 0;
}
