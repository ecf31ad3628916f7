/* demo_producer.c - the demo's async producer: every DEMO_BURST_MS, woken
 * by its timer, queues a burst of DEMO_MESSAGES messages for the consumer
 * with async_send, two more than the queue holds, and serves the
 * consumer's pulls while the queue drains. Forever (docs/demo.md). */
#include <resea/async.h>

/* Two more than the queue holds, so each burst meets ERR_QUEUE_FULL. */
#define DEMO_MESSAGES (ASYNC_QUEUE_MAX + 2)
#define DEMO_BURST_MS 3000
#define DEMO_MSG MSG_USER     /* words[0]: its number; words[1]: 1 if last */

/* Queue what fits of the burst: returns how many are still to send. */
static int send_some(task_t consumer, int burst, int left)
{
    while (left > 0) {
        struct message m;
        bzero(&m, sizeof(m));
        m.type = DEMO_MSG;
        m.words[0] = DEMO_MESSAGES - left;
        m.words[1] = left == 1;
        error_t err = async_send(consumer, &m);
        if (err == ERR_QUEUE_FULL) {
            /* Nothing was queued or lost: serve a pull, then try again. */
            if (burst == 0)
                printf("producer: message %d: %s with %d queued, serving a pull\n",
                       DEMO_MESSAGES - left, err2str(err), async_pending(consumer));
            return left;
        }
        if (err != OK) {
            printf("producer: async_send: %s\n", err2str(err));
            return 0;
        }
        left--;         /* async_send never blocks: queue the next */
    }
    return 0;
}

int main(void)
{
    /* Task ids follow the manifest's order: demo.txt lists the consumer
     * right after us. (The consumer needs no such rule: see its file.) */
    task_t consumer = task_self() + 1;
    int burst = 0, left = DEMO_MESSAGES;

    printf("producer: bursts of %d async messages for task %d every %d ms, queue bound %d\n",
           DEMO_MESSAGES, consumer, DEMO_BURST_MS, ASYNC_QUEUE_MAX);
    ASSERT_OK(timer_set(DEMO_BURST_MS));
    for (;;) {
        left = send_some(consumer, burst, left);
        struct message m;
        bzero(&m, sizeof(m));
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type == ASYNC_MSG) {
            async_reply(m.src);             /* a pull: hand a message over */
        } else if (m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_TIMER)) {
            ASSERT_OK(timer_set(DEMO_BURST_MS));
            burst++;                        /* the next burst, on top of what is left */
            left += DEMO_MESSAGES;
        }
    }
}
