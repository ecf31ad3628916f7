/* b_ipc_server.c - IPC benchmarks, server side (see b_ipc_client.c). */
#include <baton.h>

#define CLIENT 4
#define BENCH_DONE (MSG_USER + 1)   /* the client's last call of a phase */

static uint8_t buf[4096];

int main(void)
{
    struct message m;
    /* ipc_call_reply: a receive from the client, then a reply. Five
     * batches of 100 calls, and one more where they are counted
     * (b_ipc_client.c, make TRACE_COUNT=1 kernels only). */
    for (int i = 0; i < (KINFO->trace_sites ? 6 : 5) * 100; i++) {
        ipc_recv(CLIENT, &m);
        ipc_reply(CLIENT, &m);
    }
    /* ipc_call_replyrecv: the loop a server is written as, one syscall a
     * round trip, until the client says the phase is over. */
    ipc_recv(CLIENT, &m);
    while (m.type != BENCH_DONE)
        ASSERT_OK(ipc_replyrecv(CLIENT, &m));
    ASSERT_OK(ipc_reply(CLIENT, &m));

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
