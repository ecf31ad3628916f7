/* c_noblock.c - conformance, ipc_noblock: ipc_send_noblock and
 * ipc_recv_noblock return ERR_WOULD_BLOCK when the peer is not ready, and
 * then nothing moves; when the peer is ready they work. Roles by task id. */
#include <baton_test.h>

enum { NB = 1, PEER = 2, OTHER = 3 };

static struct message msg(int type, uint32_t w0)
{
    struct message m;
    memset(&m, 0x5a, sizeof(m));
    m.type = type;
    m.words[0] = w0;
    return m;
}

static bool untouched(const struct message *m)
{
    const uint8_t *p = (const uint8_t *)m;
    for (size_t i = 0; i < sizeof(*m); i++)
        if (p[i] != 0x5a)
            return false;
    return true;
}

static void nb(void)
{
    struct message m;
    /* The peer sleeps: nobody is ready. */
    m = msg(MSG_USER, 0xbad1);
    CHECK_EQ(ipc_send_noblock(PEER, &m), ERR_WOULD_BLOCK, "noblock: send to a task not receiving");
    memset(&m, 0x5a, sizeof(m));
    CHECK_EQ(ipc_recv_noblock(IPC_ANY, &m), ERR_WOULD_BLOCK, "noblock: recv(any) with no sender");
    CHECK(untouched(&m), "noblock: a refused recv leaves the message untouched");
    CHECK_EQ(ipc_recv_noblock(PEER, &m), ERR_WOULD_BLOCK, "noblock: recv(task) with no sender");
    CHECK(untouched(&m), "noblock: a refused recv(task) leaves the message untouched");
    CHECK_EQ(kobjects(KOBJ_QUEUED), 0, "noblock: a refused send queues nothing");

    sleep_ms(100);                   /* the peer now waits in recv(any) */
    m = msg(MSG_USER + 1, 0xa1);
    CHECK_EQ(ipc_send_noblock(PEER, &m), OK, "noblock: send to a task in recv(any)");
    /* The peer ran at once (more urgent) and now waits for OTHER only. */
    m = msg(MSG_USER, 0xbad2);
    CHECK_EQ(ipc_send_noblock(PEER, &m), ERR_WOULD_BLOCK,
             "noblock: send to a task receiving from another task");

    m = msg(MSG_USER + 2, 0x60);
    CHECK_EQ(ipc_send(OTHER, &m), OK, "noblock: start the other task");
    sleep_ms(50);                    /* OTHER releases the peer, then blocks sending to us */
    memset(&m, 0x5a, sizeof(m));
    CHECK_EQ(ipc_recv_noblock(PEER, &m), ERR_NOT_FOUND, "noblock: recv_noblock from an exited task");
    CHECK_EQ(ipc_recv_noblock(IPC_ANY, &m), OK, "noblock: recv(any) with a sender blocked");
    CHECK(m.src == OTHER && m.type == MSG_USER + 3 && m.words[0] == 0xc2,
          "noblock: recv_noblock takes the blocked sender's message");
    memset(&m, 0x5a, sizeof(m));
    CHECK_EQ(ipc_recv_noblock(OTHER, &m), ERR_WOULD_BLOCK, "noblock: nothing more to take");
    CHECK(untouched(&m), "noblock: and the message is untouched");
}

static void peer(void)
{
    struct message m;
    sleep_ms(50);
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "noblock: peer recv(any)");
    CHECK(m.src == NB && m.type == MSG_USER + 1 && m.words[0] == 0xa1,
          "noblock: first message is the accepted one (a refused send moved nothing)");
    CHECK_EQ(ipc_recv(OTHER, &m), OK, "noblock: peer recv(other)");
    CHECK(m.src == OTHER && m.words[0] == 0xc1,
          "noblock: the message after is the other task's (a refused send moved nothing)");
}

static void other(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(NB, &m), OK, "noblock: other waits for its start");
    CHECK(m.src == NB && m.words[0] == 0x60, "noblock: other's start");
    m = msg(MSG_USER + 3, 0xc1);
    CHECK_EQ(ipc_send(PEER, &m), OK, "noblock: other sends to the peer");
    m = msg(MSG_USER + 3, 0xc2);
    CHECK_EQ(ipc_send(NB, &m), OK, "noblock: other's blocked send is taken by recv_noblock");
}

int main(void)
{
    switch (task_self()) {
    case NB: nb(); break;
    case PEER: peer(); break;
    case OTHER: other(); break;
    default: printf("FAIL noblock: unexpected task id %d\n", task_self());
    }
    return 0;
}
