/* c_dl5.c - conformance, ipc_deadlock5: a five-task cycle mixing calls,
 * sends and receives from one task (A->B->C->D->E->A) is refused to A, the
 * task that would close it; everything blocked before moves on intact. */
#include <baton_test.h>

enum { A = 1, B = 2, C = 3, D = 4, E = 5 };

static struct message msg(uint32_t w0)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = MSG_USER;
    m.words[0] = w0;
    return m;
}

/* Blocked before A runs: E in ipc_call(A), D in ipc_recv(E), C in
 * ipc_send(D), B in ipc_call(C). */
static void a(void)
{
    struct message m = msg(0xa1);
    CHECK_EQ(ipc_recv(B, &m), ERR_DEADLOCK, "dl5: recv(B) closing a cycle of five");
    CHECK_EQ(ipc_send(B, &m), ERR_DEADLOCK, "dl5: send closing a cycle of five");
    CHECK_EQ(ipc_call(B, &m), ERR_DEADLOCK, "dl5: call closing a cycle of five");
    CHECK_EQ(ipc_recv(E, &m), OK, "dl5: A takes E's call");
    CHECK(m.src == E && m.words[0] == 0xe1, "dl5: E's call is intact");
    m = msg(0xa2);
    CHECK_EQ(ipc_reply(E, &m), OK, "dl5: A replies to E, unwinding the chain");
    printf("dl5: a done\n");
}

static void b(void)
{
    struct message m = msg(0xb1);
    CHECK_EQ(ipc_call(C, &m), OK, "dl5: B's call to C completes");
    CHECK(m.src == C && m.words[0] == 0xc2, "dl5: B's reply is C's");
}

static void c(void)
{
    struct message m = msg(0xc1);
    CHECK_EQ(ipc_send(D, &m), OK, "dl5: C's send to D completes");
    CHECK_EQ(ipc_recv(B, &m), OK, "dl5: C takes B's call");
    CHECK(m.src == B && m.words[0] == 0xb1, "dl5: B's call is intact");
    m = msg(0xc2);
    CHECK_EQ(ipc_reply(B, &m), OK, "dl5: C replies to B");
}

static void d(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(E, &m), OK, "dl5: D's recv(E) completes");
    CHECK(m.src == E && m.words[0] == 0xe2, "dl5: D gets E's message");
    CHECK_EQ(ipc_recv(C, &m), OK, "dl5: D takes C's message");
    CHECK(m.src == C && m.words[0] == 0xc1, "dl5: C's message is intact");
}

static void e(void)
{
    struct message m = msg(0xe1);
    CHECK_EQ(ipc_call(A, &m), OK, "dl5: E's call to A completes");
    CHECK(m.src == A && m.words[0] == 0xa2, "dl5: E's reply is A's");
    m = msg(0xe2);
    CHECK_EQ(ipc_send(D, &m), OK, "dl5: E sends to D");
}

int main(void)
{
    switch (task_self()) {
    case A: a(); break;
    case B: b(); break;
    case C: c(); break;
    case D: d(); break;
    case E: e(); break;
    default: printf("FAIL dl5: unexpected task id %d\n", task_self());
    }
    return 0;
}
