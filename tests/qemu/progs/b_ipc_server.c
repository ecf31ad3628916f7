/* b_ipc_server.c - IPC benchmarks, server side (see b_ipc_client.c). */
#include <baton.h>

#define CLIENT 4

static uint8_t buf[4096];

int main(void)
{
    struct message m;
    /* Five batches of 100 calls, and one more where they are counted
     * (b_ipc_client.c, make TRACE_COUNT=1 kernels only). */
    for (int i = 0; i < (KINFO->trace_sites ? 6 : 5) * 100; i++) {
        ipc_recv(CLIENT, &m);
        ipc_reply(CLIENT, &m);
    }
    channel_handle h;
    ASSERT_OK(channel_open(&h, 3, CHANNEL_RECEIVE));
    for (int i = 0; i < 2 * 5 * 100; i++)
        channel_rcv(&h, buf, sizeof(buf));
    for (;;) {
        ipc_recv(IPC_ANY, &m);
        if (m.notifications.data & NOTIFY_USER(1))
            return 0;
        ipc_notify(CLIENT, NOTIFY_USER(0));
    }
}
