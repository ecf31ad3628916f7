/* c_call.c - conformance, ipc_call: a call is a send and then a receive from
 * the callee, atomically; the reply lands in the caller's message; ipc_reply
 * never blocks and needs the destination to wait for the caller. */
#include <baton_test.h>

enum { SERVER = 1, CLIENT = 2, SLEEPER = 3, WAITER = 4, INTRUDER = 5 };

static struct message msg(int type, uint32_t w0)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = type;
    m.words[0] = w0;
    return m;
}

static void server(void)
{
    struct message m, r;
    sleep_ms(50);          /* the client's first call queues; the others wait */

    r = msg(MSG_USER + 1, 0);
    CHECK_EQ(ipc_reply(SLEEPER, &r), ERR_NOT_WAITING,
             "call: reply to a task in recv(any) is ERR_NOT_WAITING");

    /* Call 1 was queued before we received: take it, reply. */
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "call: recv a queued call");
    CHECK(m.src == CLIENT && m.type == MSG_USER && m.words[0] == 41, "call: the call carries its request");
    for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
        r.words[i] = 0x100u + (uint32_t)i;
    r.src = WAITER;                                   /* forged: overwritten */
    printf("call: server replies 1\n");
    CHECK_EQ(ipc_reply(CLIENT, &r), OK, "call: reply to the caller");
    CHECK_EQ(ipc_reply(CLIENT, &r), ERR_NOT_WAITING,
             "call: a second reply is ERR_NOT_WAITING at once (never blocks)");

    r = msg(MSG_USER + 2, 77);
    CHECK_EQ(ipc_reply(WAITER, &r), OK, "call: reply to a task in recv(me) is OK");

    struct message go = msg(MSG_USER + 3, 55);
    CHECK_EQ(ipc_send(SLEEPER, &go), OK, "call: send to the task in recv(any)");

    /* Call 2: we wait first, so we run as soon as the call comes in, before
     * the client runs again: it must already be waiting for our reply. */
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "call: recv call 2");
    CHECK(m.src == CLIENT && m.words[0] == 42, "call: call 2 carries its request");
    r = msg(MSG_USER + 1, 43);
    CHECK_EQ(ipc_reply(CLIENT, &r), OK, "call: immediate reply finds the caller waiting (atomic call)");

    /* Call 3: another task sends to the caller before we reply. */
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "call: recv call 3");
    CHECK(m.src == CLIENT && m.words[0] == 44, "call: call 3 carries its request");
    go = msg(MSG_USER + 4, 0);
    CHECK_EQ(ipc_send(INTRUDER, &go), OK, "call: start the intruder");
    r = msg(MSG_USER + 1, 45);
    printf("call: server replies 3\n");
    CHECK_EQ(ipc_reply(CLIENT, &r), OK, "call: reply 3 despite the intruder");

    sleep_ms(50);          /* the sleeper now waits in ipc_recv(CLIENT) */
    r = msg(MSG_USER + 1, 0);
    CHECK_EQ(ipc_reply(SLEEPER, &r), ERR_NOT_WAITING,
             "call: reply to a task in recv(another task) is ERR_NOT_WAITING");
    go = msg(MSG_USER + 5, 0);
    CHECK_EQ(ipc_send(CLIENT, &go), OK, "call: tell the client to finish");
}

static void client(void)
{
    struct message m = msg(MSG_USER, 41);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "call: call 1 returns OK");
    printf("call: client got reply 1\n");
    CHECK_EQ(m.src, SERVER, "call: the reply's src is the server");
    CHECK_EQ(m.type, MSG_USER + 1, "call: the reply's type lands in *m");
    bool whole = true;
    for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
        whole &= m.words[i] == 0x100u + (uint32_t)i;
    CHECK(whole, "call: the whole reply lands in *m");

    m = msg(MSG_USER, 42);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "call: call 2 returns OK");
    CHECK(m.src == SERVER && m.words[0] == 43, "call: reply 2 lands in *m");

    m = msg(MSG_USER, 44);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "call: call 3 returns OK");
    printf("call: client got reply 3\n");
    CHECK(m.src == SERVER && m.words[0] == 45,
          "call: a call takes its reply from the callee only, not from an intruder");
    CHECK_EQ(ipc_recv(INTRUDER, &m), OK, "call: the intruder's message waited");
    CHECK(m.src == INTRUDER && m.words[0] == 99, "call: the intruder's message arrives afterwards");

    CHECK_EQ(ipc_recv(SERVER, &m), OK, "call: recv the server's last word");
    CHECK(m.src == SERVER && m.type == MSG_USER + 5, "call: the server's last word");
    m = msg(MSG_USER + 6, 66);
    CHECK_EQ(ipc_send(SLEEPER, &m), OK, "call: release the sleeper");
}

static void sleeper(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "call: sleeper recv(any)");
    CHECK(m.src == SERVER && m.type == MSG_USER + 3 && m.words[0] == 55,
          "call: a refused reply delivered nothing (first message is the go)");
    CHECK_EQ(ipc_recv(CLIENT, &m), OK, "call: sleeper recv(client)");
    CHECK(m.src == CLIENT && m.type == MSG_USER + 6 && m.words[0] == 66,
          "call: a refused reply delivered nothing (next message is the client's)");
}

static void waiter(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(SERVER, &m), OK, "call: waiter recv(server)");
    CHECK(m.src == SERVER && m.type == MSG_USER + 2 && m.words[0] == 77,
          "call: a reply reaches a task in recv(me)");
}

static void intruder(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(SERVER, &m), OK, "call: intruder waits for its start");
    m = msg(MSG_USER + 7, 99);
    CHECK_EQ(ipc_send(CLIENT, &m), OK, "call: the intruder's send to a caller completes later");
}

int main(void)
{
    switch (task_self()) {
    case SERVER: server(); break;
    case CLIENT: client(); break;
    case SLEEPER: sleeper(); break;
    case WAITER: waiter(); break;
    case INTRUDER: intruder(); break;
    default: printf("FAIL call: unexpected task id %d\n", task_self());
    }
    return 0;
}
