/* demo_chan_client.c - the demo's channel client: every DEMO_PERIOD_MS,
 * woken by its timer (a notification from the kernel), sends the next
 * request on port 1 and reads the answer on port 2. Forever: the demo is
 * a living system, paced for a person watching `make trace` (docs/demo.md). */
#include <baton.h>

#define REQUEST_PORT 1
#define ANSWER_PORT 2
#define DEMO_PERIOD_MS 500

/* The third request is longer than CHANNEL_FAST_MAX (16) bytes, so it
 * travels through the channel's shared page instead of in registers. */
static const char *const requests[] = {
    "ping", "hello server", "this request is longer than 16 bytes",
};
#define NREQUESTS (sizeof(requests) / sizeof(requests[0]))

/* Block until the timer's notification: the pace of the whole exchange. */
static void wait_tick(void)
{
    ASSERT_OK(timer_set(DEMO_PERIOD_MS));
    for (;;) {
        struct message m;
        bzero(&m, sizeof(m));
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_TIMER))
            return;
    }
}

int main(void)
{
    channel_handle req, ans;
    ASSERT_OK(channel_open(&req, REQUEST_PORT, CHANNEL_SEND));
    ASSERT_OK(channel_open(&ans, ANSWER_PORT, CHANNEL_RECEIVE));
    for (unsigned round = 0;; round++) {
        char buf[64];
        /* A writable copy: channel_send takes non-const data (seed ipc.md). */
        size_t len = strlcpy(buf, requests[round % NREQUESTS], sizeof(buf));
        wait_tick();
        /* Only the first round is told on the console: the trace shows
         * every one, and the echo driver's lines stay readable. */
        if (round < NREQUESTS)
            printf("chan_client: send \"%s\" on port %d\n", buf, REQUEST_PORT);
        /* Blocks until the server has taken it. */
        ASSERT_OK(channel_send(&req, (channel_data *)buf, len));
        /* One byte is kept back for the '\0' we add to print the answer:
         * channels carry bytes, not C strings. */
        ax_return n = channel_rcv(&ans, (channel_data *)buf, sizeof(buf) - 1);
        if (n < 0) {
            printf("chan_client: channel_rcv: %s\n", err2str(n));
            return 1;
        }
        buf[n] = '\0';
        if (round < NREQUESTS)
            printf("chan_client: answer \"%s\"\n", buf);
    }
}
