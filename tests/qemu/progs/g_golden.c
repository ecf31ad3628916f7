/* g_golden.c - the scenario of the golden traces (tests/tracer/golden/):
 * a little of every IPC primitive, with nothing that depends on time (no
 * sleeps, no timers), so that rv32, i386 and the simulator take exactly
 * the same steps and their traces decode to the same events. Roles by
 * task id: 1 serves, 2 calls, notifies, sends on a channel and queues
 * async messages. */
#include <resea/async.h>

enum { SERVER = 1, CLIENT = 2, PORT = 1 };

static void server(void)
{
    struct message m;
    for (int i = 0; i < 3; i++) {                  /* three calls */
        ipc_recv(CLIENT, &m);
        m.words[0]++;
        ipc_reply(CLIENT, &m);
    }
    ipc_recv(IPC_ANY, &m);                         /* a notification */
    channel_handle h;
    static channel_data buf[128];
    channel_open(&h, PORT, CHANNEL_RECEIVE);
    channel_rcv(&h, buf, sizeof(buf));             /* fast path */
    channel_rcv(&h, buf, sizeof(buf));             /* shared page */
    channel_close(&h);
    for (int got = 0; got < 2;) {                  /* two async messages */
        ipc_recv(IPC_ANY, &m);
        while (m.type == NOTIFICATIONS_MSG && async_recv(CLIENT, &m) == OK)
            got++;
    }
    printf("golden: server done\n");
}

static void client(void)
{
    struct message m = { .type = MSG_USER };
    for (int i = 0; i < 3; i++)
        ipc_call(SERVER, &m);
    ipc_notify(SERVER, NOTIFY_USER(1));
    channel_handle h;
    static channel_data data[100] = "golden";
    channel_open(&h, PORT, CHANNEL_SEND);
    channel_send(&h, data, 16);
    channel_send(&h, data, sizeof(data));
    channel_close(&h);
    async_send(SERVER, &m);
    async_send(SERVER, &m);
    while (async_pending(SERVER) > 0) {            /* serve the pulls */
        ipc_recv(IPC_ANY, &m);
        if (m.type == ASYNC_MSG)
            async_reply(m.src);
    }
    printf("golden: client done, words[0] = %u\n", m.words[0]);
}

int main(void)
{
    if (task_self() == SERVER)
        server();
    else
        client();
    return 0;
}
