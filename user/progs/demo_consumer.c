/* demo_consumer.c - the demo's async consumer: on NOTIFY_ASYNC it pulls a
 * message from whichever task notified it, until the last one (docs/demo.md). */
#include <resea/async.h>

#define DEMO_MSG MSG_USER     /* as in demo_producer.c */

/* Pull one message from src and print it. Returns true after the last. */
static bool pull_from(task_t src)
{
    struct message m;
    error_t err = async_recv(src, &m);
    if (err != OK) {
        /* ERR_EMPTY: src had nothing left for us (a stale notification). */
        printf("consumer: async_recv from task %d: %s\n", src, err2str(err));
        return false;
    }
    if (m.type != DEMO_MSG)
        return false;
    printf("consumer: message %u from task %d\n", m.words[0], m.src);
    return m.words[1] != 0;
}

int main(void)
{
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
         * notify this task, so each of them has a queue to pull from. */
        for (task_t t = 1; t < TASK_MAX; t++) {
            if ((m.notifications.senders & (1u << t)) && pull_from(t)) {
                printf("consumer: got the last one, done\n");
                return 0;
            }
        }
    }
}
