/* demo_chan_client.c - the demo's channel client: sends requests on port 1,
 * reads each answer on port 2, then says "bye" (docs/demo.md). */
#include <baton.h>

#define REQUEST_PORT 1
#define ANSWER_PORT 2

/* The third request is longer than CHANNEL_FAST_MAX (16) bytes, so it
 * travels through the channel's shared page instead of in registers. */
static const char *const requests[] = {
    "ping", "hello server", "this request is longer than 16 bytes", "bye",
};

int main(void)
{
    channel_handle req, ans;
    ASSERT_OK(channel_open(&req, REQUEST_PORT, CHANNEL_SEND));
    ASSERT_OK(channel_open(&ans, ANSWER_PORT, CHANNEL_RECEIVE));

    for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
        char buf[64];
        /* A writable copy: channel_send takes non-const data (seed ipc.md). */
        size_t len = strlcpy(buf, requests[i], sizeof(buf));
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
        printf("chan_client: answer \"%s\"\n", buf);
    }
    ASSERT_OK(channel_close(&req));
    ASSERT_OK(channel_close(&ans));
    printf("chan_client: done\n");
    return 0;
}
