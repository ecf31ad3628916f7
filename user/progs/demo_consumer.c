/* demo_consumer.c - the demo's async consumer: on NOTIFY_ASYNC it pulls the
 * messages of whichever task notified it, one every DEMO_PULL_MS, so that a
 * person watching sees the queue drain (docs/demo.md). Forever. */
#include <resea/async.h>

#define DEMO_MSG MSG_USER     /* as in demo_producer.c */
#define DEMO_PULL_MS 100

/* Pull one message from src and print the first burst's. Returns false
 * once src has nothing left for us (ERR_EMPTY: a stale notification). */
static bool pull_from(task_t src, unsigned *pulled)
{
    struct message m;
    error_t err = async_recv(src, &m);
    if (err != OK)
        return false;
    if (m.type == DEMO_MSG && ++*pulled <= ASYNC_QUEUE_MAX + 2)
        printf("consumer: message %u from task %d\n", m.words[0], m.src);
    return true;
}

int main(void)
{
    unsigned pulled = 0;
    printf("consumer: waiting for NOTIFY_ASYNC\n");
    for (;;) {
        struct message m;
        bzero(&m, sizeof(m));
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type != NOTIFICATIONS_MSG || !(m.notifications.data & NOTIFY_ASYNC))
            continue;
        /* Unlike the seed's client, we need not know the producer in
         * advance: bit i of senders says task i notified us (bit 0 is the
         * kernel, which never sends NOTIFY_ASYNC). Only async senders
         * notify this task, so each of them has a queue to pull from.
         * Pull it dry, at a pace a person can follow. */
        for (task_t t = 1; t < TASK_MAX; t++)
            if (m.notifications.senders & (1u << t))
                while (pull_from(t, &pulled))
                    ASSERT_OK(sleep_ms(DEMO_PULL_MS));
    }
}
