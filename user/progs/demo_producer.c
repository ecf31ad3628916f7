/* demo_producer.c - the demo's async producer: queues DEMO_MESSAGES messages
 * for the consumer with async_send and serves its pulls (docs/demo.md). */
#include <resea/async.h>

/* Two more than the queue holds, so the demo meets ERR_QUEUE_FULL. */
#define DEMO_MESSAGES (ASYNC_QUEUE_MAX + 2)
#define DEMO_MSG MSG_USER     /* words[0]: its number; words[1]: 1 if last */

/* Wait for one request and serve it. Returns true if it was a pull that
 * delivered a message (async_reply said OK). */
static bool serve_one(void)
{
    struct message m;
    bzero(&m, sizeof(m));
    ASSERT_OK(ipc_recv(IPC_ANY, &m));
    return m.type == ASYNC_MSG && async_reply(m.src) == OK;
}

int main(void)
{
    /* Task ids follow the manifest's order: demo.txt lists the consumer
     * right after us. (The consumer needs no such rule: see its file.) */
    task_t consumer = task_self() + 1;
    int sent = 0, delivered = 0;

    printf("producer: %d async messages for task %d, queue bound %d\n",
           DEMO_MESSAGES, consumer, ASYNC_QUEUE_MAX);
    while (delivered < DEMO_MESSAGES) {
        if (sent < DEMO_MESSAGES) {
            struct message m;
            bzero(&m, sizeof(m));
            m.type = DEMO_MSG;
            m.words[0] = sent;
            m.words[1] = sent == DEMO_MESSAGES - 1;
            error_t err = async_send(consumer, &m);
            if (err == OK) {
                sent++;
                continue;      /* async_send never blocks: queue the next */
            }
            if (err != ERR_QUEUE_FULL) {
                printf("producer: async_send: %s\n", err2str(err));
                return 1;
            }
            /* Nothing was queued or lost: serve a pull, then try again. */
            printf("producer: message %d: %s with %d queued, serving a pull\n",
                   sent, err2str(err), async_pending(consumer));
        }
        if (serve_one())
            delivered++;
    }
    printf("producer: all %d delivered, done\n", delivered);
    return 0;
}
