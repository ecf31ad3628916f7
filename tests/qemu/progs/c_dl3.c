/* c_dl3.c - conformance, ipc_deadlock3: a cycle of three (C sends to A, B
 * sends to C, then A's send, call or recv(B) would close it) is refused;
 * a chain that does not loop back blocks normally. */
#include <baton_test.h>

enum { A = 1, B = 2, C = 3 };

static struct message msg(uint32_t w0)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = MSG_USER;
    m.words[0] = w0;
    return m;
}

static void a(void)
{
    struct message m = msg(0xa1);
    CHECK_EQ(ipc_send(B, &m), ERR_DEADLOCK, "dl3: send closing A->B->C->A");
    CHECK_EQ(ipc_call(B, &m), ERR_DEADLOCK, "dl3: call closing A->B->C->A");
    CHECK_EQ(ipc_recv(B, &m), ERR_DEADLOCK, "dl3: recv(B) closing A->B->C->A");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "dl3: recv(any) is never a cycle");
    CHECK(m.src == C && m.words[0] == 0xc1, "dl3: A gets C's message");
    /* Now a chain A->B->C while C sleeps: no cycle, A just blocks. */
    m = msg(0xa2);
    printf("dl3: a blocks at the end of a chain\n");
    CHECK_EQ(ipc_send(B, &m), OK, "dl3: a send at the end of a chain blocks and completes");
    printf("dl3: a done\n");
}

static void b(void)
{
    struct message m = msg(0xb1);
    CHECK_EQ(ipc_send(C, &m), OK, "dl3: B's send to C completes");
    m = msg(0xb2);
    CHECK_EQ(ipc_send(C, &m), OK, "dl3: B's second send to C completes");
    CHECK_EQ(ipc_recv(A, &m), OK, "dl3: B recv(A)");
    CHECK(m.src == A && m.words[0] == 0xa2, "dl3: B gets A's chained send, nothing refused");
}

static void c(void)
{
    struct message m = msg(0xc1);
    CHECK_EQ(ipc_send(A, &m), OK, "dl3: C's send to A completes after A's refusals");
    CHECK_EQ(ipc_recv(B, &m), OK, "dl3: C recv(B)");
    CHECK(m.src == B && m.words[0] == 0xb1, "dl3: C gets B's first message (refusals moved nothing)");
    sleep_ms(50);                 /* B, then A, block in a chain meanwhile */
    printf("dl3: c ends the chain\n");
    CHECK_EQ(ipc_recv(B, &m), OK, "dl3: C recv(B) again");
    CHECK(m.src == B && m.words[0] == 0xb2, "dl3: C gets B's second message");
}

int main(void)
{
    switch (task_self()) {
    case A: a(); break;
    case B: b(); break;
    case C: c(); break;
    default: printf("FAIL dl3: unexpected task id %d\n", task_self());
    }
    return 0;
}
