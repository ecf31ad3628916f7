/* demo_chan_server.c - the demo's channel server: takes requests on port 1
 * and answers each, in capitals, on port 2, forever (docs/demo.md). */
#include <baton.h>

#define REQUEST_PORT 1
#define ANSWER_PORT 2

static void to_upper(char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            s[i] = (char)(s[i] - 'a' + 'A');
}

int main(void)
{
    channel_handle req, ans;
    ASSERT_OK(channel_open(&req, REQUEST_PORT, CHANNEL_RECEIVE));
    ASSERT_OK(channel_open(&ans, ANSWER_PORT, CHANNEL_SEND));
    for (unsigned round = 0;; round++) {
        char buf[64];
        /* Blocks until the client sends; n is the byte count. One byte is
         * kept back for the '\0' we add to print it. */
        ax_return n = channel_rcv(&req, (channel_data *)buf, sizeof(buf) - 1);
        if (n < 0) {
            printf("chan_server: channel_rcv: %s\n", err2str(n));
            return 1;
        }
        buf[n] = '\0';
        if (round < 3)      /* the first requests only, as the client does */
            printf("chan_server: got %d bytes: \"%s\"\n", n, buf);
        to_upper(buf, n);
        ASSERT_OK(channel_send(&ans, (channel_data *)buf, (channel_data_size)n));
    }
}
