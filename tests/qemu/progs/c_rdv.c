/* c_rdv.c - conformance, ipc_rendezvous: a send meets a receive whichever
 * comes first, the kernel fills m.src, the whole message arrives, and
 * ipc_recv(task) takes only that task's message. Roles by task id. */
#include <baton_test.h>

enum { SENDER = 1, RECEIVER = 2, OTHER = 3 };

/* A message whose every byte depends on seed: a lost or shifted byte shows. */
static void fill(struct message *m, int type, uint8_t seed)
{
    memset(m, 0, sizeof(*m));
    m->type = type;
    m->src = OTHER;                       /* a forged sender: must not stick */
    for (int i = 0; i < MESSAGE_DATA_SIZE; i++)
        m->raw[i] = (uint8_t)(seed + i * 13);
}

static bool intact(const struct message *m, int type, uint8_t seed)
{
    if (m->type != type)
        return false;
    for (int i = 0; i < MESSAGE_DATA_SIZE; i++)
        if (m->raw[i] != (uint8_t)(seed + i * 13))
            return false;
    return true;
}

static void sender(void)
{
    struct message m;
    /* 1: the sender comes first and blocks until the receiver takes it. */
    fill(&m, MSG_USER + 1, 0x11);
    printf("rdv: sender blocks in send 1\n");
    CHECK_EQ(ipc_send(RECEIVER, &m), OK, "rdv: send 1 (sender first) returns OK");
    printf("rdv: send 1 returned\n");
    /* 2: the receiver is already waiting. */
    sleep_ms(50);
    fill(&m, MSG_USER + 2, 0x22);
    printf("rdv: sender sends 2\n");
    CHECK_EQ(ipc_send(RECEIVER, &m), OK, "rdv: send 2 (receiver first) returns OK");
    /* 3: queued before OTHER's message, but the receiver asks for OTHER's. */
    fill(&m, MSG_USER + 3, 0x33);
    CHECK_EQ(ipc_send(RECEIVER, &m), OK, "rdv: send 3 returns OK once taken");
    printf("rdv: send 3 returned\n");
}

static void receiver(void)
{
    struct message m;
    printf("rdv: receiver takes message 1\n");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "rdv: recv 1 (sender waiting) returns OK");
    CHECK_EQ(m.src, SENDER, "rdv: m.src is the true sender, not the forged one");
    CHECK(intact(&m, MSG_USER + 1, 0x11), "rdv: message 1 arrives whole (type and 24 bytes)");

    printf("rdv: receiver waits for 2\n");
    CHECK_EQ(ipc_recv(SENDER, &m), OK, "rdv: recv 2 (receiver first) returns OK");
    CHECK_EQ(m.src, SENDER, "rdv: recv 2 comes from the sender");
    CHECK(intact(&m, MSG_USER + 2, 0x22), "rdv: message 2 arrives whole");

    /* The sender is now blocked with message 3; let OTHER queue behind it. */
    struct message go;
    fill(&go, MSG_USER + 9, 0x99);
    CHECK_EQ(ipc_send(OTHER, &go), OK, "rdv: send to a task blocked in recv(me)");
    sleep_ms(50);
    CHECK_EQ(ipc_recv(OTHER, &m), OK, "rdv: recv(other) with two senders queued");
    CHECK_EQ(m.src, OTHER, "rdv: recv(other) takes other's message, not the older one");
    CHECK(intact(&m, MSG_USER + 4, 0x44), "rdv: other's message arrives whole");
    printf("rdv: receiver took other's message\n");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "rdv: recv(any) takes the remaining sender");
    CHECK_EQ(m.src, SENDER, "rdv: the remaining message is the sender's");
    CHECK(intact(&m, MSG_USER + 3, 0x33), "rdv: message 3 arrives whole after waiting");
    printf("rdv: receiver done\n");
}

static void other(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(RECEIVER, &m), OK, "rdv: other receives the go");
    CHECK(m.src == RECEIVER && intact(&m, MSG_USER + 9, 0x99), "rdv: the go is the receiver's");
    fill(&m, MSG_USER + 4, 0x44);
    CHECK_EQ(ipc_send(RECEIVER, &m), OK, "rdv: other's send returns OK");
}

int main(void)
{
    switch (task_self()) {
    case SENDER: sender(); break;
    case RECEIVER: receiver(); break;
    case OTHER: other(); break;
    default: printf("FAIL rdv: unexpected task id %d\n", task_self());
    }
    return 0;
}
