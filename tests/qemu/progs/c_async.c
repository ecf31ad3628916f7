/* c_async.c - conformance, ipc_async: the async library's bounds and
 * delivery guarantees (user/lib/async.c, docs/async.md). Roles by task id:
 * task 1 consumes, tasks 2 and 3 produce (async_send) to it, each a numbered
 * stream of ASYNC_TOTAL / 2 messages.
 *  - Producer 2 fills its queue to the bound before the consumer pulls:
 *    ASYNC_QUEUE_MAX sends succeed, the next is ERR_QUEUE_FULL, and that
 *    refused message is neither queued nor lost (it is sent again later).
 *  - The consumer checks that each stream arrives in order, with no gap and
 *    no repeat, and that it receives exactly ASYNC_TOTAL messages in all.
 *  - It pulls all that producer 2 has queued on each notification, but one
 *    message at a time from producer 3, as the seed does: that stream only
 *    completes if async_reply notifies again while messages are left. */
#include <baton_test.h>
#include <resea/async.h>

enum { CONSUMER = 1, FIRST_PRODUCER = 2, NPRODUCERS = 2 };
#define ASYNC_TOTAL 10000u
#define PER_PRODUCER (ASYNC_TOTAL / NPRODUCERS)

/* Answer one pull from the consumer (an ASYNC_MSG call), if that is what
 * arrives; a producer must keep serving while its queue is not empty. */
static void serve_one(void)
{
    struct message r;
    if (ipc_recv(IPC_ANY, &r) != OK || r.type != ASYNC_MSG)
        return;
    error_t err = async_reply(r.src);
    if (err != OK && err != ERR_EMPTY)
        printf("FAIL async: async_reply gave %s\n", err2str(err));
}

/* Producer 2's first act: fill the queue to its bound, with the consumer
 * still asleep. Returns how many of its stream it has sent. */
static uint32_t fill_to_bound(struct message *m)
{
    uint32_t seq = 0;
    error_t err = OK;
    for (; seq < ASYNC_QUEUE_MAX && err == OK; seq++) {
        m->words[1] = seq;
        err = async_send(CONSUMER, m);
    }
    CHECK_EQ(err, OK, "async: ASYNC_QUEUE_MAX sends to a sleeping receiver succeed");
    m->words[1] = seq;
    CHECK_EQ(async_send(CONSUMER, m), ERR_QUEUE_FULL,
             "async: one more than ASYNC_QUEUE_MAX is ERR_QUEUE_FULL");
    CHECK_EQ(async_pending(CONSUMER), ASYNC_QUEUE_MAX,
             "async: the refused message was not queued");
    return seq;
}

static void producer(task_t me)
{
    struct message m = { .type = MSG_USER };
    m.words[0] = (uint32_t)me;
    uint32_t seq = me == FIRST_PRODUCER ? fill_to_bound(&m) : 0;
    unsigned bad = 0;
    for (; seq < PER_PRODUCER; seq++) {
        m.words[1] = seq;
        error_t err;
        while ((err = async_send(CONSUMER, &m)) == ERR_QUEUE_FULL)
            serve_one();                  /* make room, then send it again */
        bad += err != OK;
    }
    while (async_pending(CONSUMER) > 0)   /* stay until all are pulled */
        serve_one();
    CHECK_EQ(bad, 0, "async: every send succeeds once the queue has room");
}

/* Pull from src: one message, as the seed's client does (it relies on
 * async_reply notifying again while more are queued), or all of them until
 * ERR_EMPTY. Checks each against the next number expected from src.
 * Returns how many messages arrived. */
static uint32_t pull(task_t src, bool all, uint32_t next[], unsigned *bad)
{
    uint32_t n = 0;
    struct message m;
    while ((n == 0 || all) && async_recv(src, &m) == OK) {
        if (m.src != src || m.words[0] != (uint32_t)src || m.words[1] != next[src]) {
            if (*bad == 0)
                printf("FAIL async: from task %d got message %u of task %u, want %u\n",
                       src, m.words[1], m.words[0], next[src]);
            (*bad)++;
        }
        next[src] = m.words[1] + 1;
        n++;
    }
    return n;
}

static void consumer(void)
{
    uint32_t next[TASK_MAX] = { 0 }, got = 0;
    unsigned bad = 0;
    sleep_ms(50);                         /* producer 2 fills its queue */
    printf("async: consumer pulling\n");
    while (got < ASYNC_TOTAL) {
        struct message m;
        if (ipc_recv(IPC_ANY, &m) != OK || m.type != NOTIFICATIONS_MSG ||
            !(m.notifications.data & NOTIFY_ASYNC))
            continue;
        for (task_t t = FIRST_PRODUCER; t < FIRST_PRODUCER + NPRODUCERS; t++)
            if (m.notifications.senders & (1u << t))
                got += pull(t, t == FIRST_PRODUCER, next, &bad);
    }
    CHECK_EQ(bad, 0, "async: each stream arrives in order, no gap, no repeat");
    CHECK_EQ(got, ASYNC_TOTAL, "async: 10000 messages received exactly once");
    for (task_t t = FIRST_PRODUCER; t < FIRST_PRODUCER + NPRODUCERS; t++)
        CHECK_EQ(next[t], PER_PRODUCER, "async: each producer's last message arrived");
}

int main(void)
{
    task_t me = task_self();
    if (me == CONSUMER)
        consumer();
    else
        producer(me);
    return 0;
}
