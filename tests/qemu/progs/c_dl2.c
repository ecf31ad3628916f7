/* c_dl2.c - conformance, ipc_deadlock: two tasks. A blocking send, call or
 * ipc_recv(task) that would close a wait cycle fails at once with
 * ERR_DEADLOCK and moves nothing; a rendezvous is not a cycle. */
#include <baton_test.h>

enum { A = 1, B = 2 };

static struct message msg(int type, uint32_t w0)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = type;
    m.words[0] = w0;
    return m;
}

static void a(void)
{
    struct message m;
    /* B waits in ipc_send(A). */
    m = msg(MSG_USER, 0xa0);
    CHECK_EQ(ipc_send(B, &m), ERR_DEADLOCK, "dl2: send to a task blocked sending to me");
    m = msg(MSG_USER, 0xa0);
    CHECK_EQ(ipc_call(B, &m), ERR_DEADLOCK, "dl2: call a task blocked sending to me");
    CHECK(m.type == MSG_USER && m.words[0] == 0xa0, "dl2: a refused call leaves its message");
    CHECK_EQ(ipc_recv(B, &m), OK, "dl2: recv(task) from a task sending to me is no cycle");
    CHECK(m.src == B && m.words[0] == 0xb1, "dl2: B's message is the one it sent");

    /* B waits in ipc_recv(A). */
    CHECK_EQ(ipc_recv(B, &m), ERR_DEADLOCK, "dl2: recv(task) from a task in recv(me)");
    m = msg(MSG_USER, 0xa2);
    CHECK_EQ(ipc_call(B, &m), OK, "dl2: call a task in recv(me) is no cycle");
    CHECK(m.src == B && m.words[0] == 0xb2, "dl2: the reply to that call");

    /* B waits in ipc_call(A). */
    m = msg(MSG_USER, 0xa3);
    CHECK_EQ(ipc_call(B, &m), ERR_DEADLOCK, "dl2: call a task blocked calling me");
    CHECK_EQ(ipc_send(B, &m), ERR_DEADLOCK, "dl2: send to a task blocked calling me");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "dl2: recv(any) takes B's call");
    CHECK(m.src == B && m.words[0] == 0xb3, "dl2: B's call is intact");
    m = msg(MSG_USER + 1, 0xa4);
    CHECK_EQ(ipc_reply(B, &m), OK, "dl2: reply to B's call");
    printf("dl2: a done\n");
}

static void b(void)
{
    struct message m = msg(MSG_USER, 0xb1);
    CHECK_EQ(ipc_send(A, &m), OK, "dl2: B's send completes after A's refusals");
    CHECK_EQ(ipc_recv(A, &m), OK, "dl2: B recv(A)");
    CHECK(m.src == A && m.words[0] == 0xa2, "dl2: the first message B gets is A's call (refusals moved nothing)");
    m = msg(MSG_USER + 1, 0xb2);
    CHECK_EQ(ipc_reply(A, &m), OK, "dl2: B replies");
    m = msg(MSG_USER, 0xb3);
    CHECK_EQ(ipc_call(A, &m), OK, "dl2: B's call completes after A's refusals");
    CHECK(m.src == A && m.words[0] == 0xa4, "dl2: B's reply is A's reply");
}

int main(void)
{
    switch (task_self()) {
    case A: a(); break;
    case B: b(); break;
    default: printf("FAIL dl2: unexpected task id %d\n", task_self());
    }
    return 0;
}
