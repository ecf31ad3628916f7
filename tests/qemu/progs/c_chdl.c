/* c_chdl.c - conformance, chan_deadlock: channel operations take part in
 * deadlock refusal: two tasks each waiting on a channel the other feeds, a
 * cycle mixing a channel and a message, and a task holding both ends. */
#include <baton_test.h>

enum { A = 1, B = 2, SOLO = 3, LATE = 4 };
enum { P_AB = 1, P_BA = 2, P_SOLO = 3, P_LATE = 4 };

static void a(void)
{
    channel_handle out, in;
    uint8_t buf[8];
    CHECK_EQ(channel_open(&out, P_AB, CHANNEL_SEND), OK, "chdl: A opens A->B");
    CHECK_EQ(channel_open(&in, P_BA, CHANNEL_RECEIVE), OK, "chdl: A opens B->A");
    /* B waits in channel_rcv on A->B. */
    CHECK_EQ(channel_rcv(&in, buf, sizeof(buf)), ERR_DEADLOCK, "chdl: channel_rcv closing a channel cycle");
    struct message m = { .type = MSG_USER };
    CHECK_EQ(ipc_send(B, &m), ERR_DEADLOCK, "chdl: ipc_send to a task waiting on my channel");
    CHECK_EQ(ipc_call(B, &m), ERR_DEADLOCK, "chdl: ipc_call to a task waiting on my channel");
    CHECK_EQ(ipc_recv(B, &m), ERR_DEADLOCK, "chdl: ipc_recv(task) from a task waiting on my channel");
    CHECK_EQ(channel_send(&out, (channel_data *)"ab1", 3), OK, "chdl: then the send B waits for");

    /* B now waits in ipc_send(A). */
    CHECK_EQ(channel_rcv(&in, buf, sizeof(buf)), ERR_DEADLOCK,
             "chdl: channel_rcv from a task blocked sending me a message");
    CHECK_EQ(ipc_recv(B, &m), OK, "chdl: take B's message instead");
    CHECK(m.src == B && m.words[0] == 0xb1, "chdl: B's message is intact");
    /* B now waits in channel_send on B->A. */
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&in, buf, sizeof(buf)), 3, "chdl: receive B's channel data");
    CHECK(memcmp(buf, "ba1", 3) == 0, "chdl: B's channel data is intact");
    printf("chdl: a done\n");
}

static void b(void)
{
    channel_handle in, out;
    uint8_t buf[8];
    CHECK_EQ(channel_open(&in, P_AB, CHANNEL_RECEIVE), OK, "chdl: B opens A->B");
    CHECK_EQ(channel_open(&out, P_BA, CHANNEL_SEND), OK, "chdl: B opens B->A");
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&in, buf, sizeof(buf)), 3, "chdl: B's channel_rcv completes after A's refusals");
    CHECK(memcmp(buf, "ab1", 3) == 0, "chdl: B gets only A's real send");
    struct message m = { .type = MSG_USER };
    m.words[0] = 0xb1;
    CHECK_EQ(ipc_send(A, &m), OK, "chdl: B's message is taken");
    CHECK_EQ(channel_send(&out, (channel_data *)"ba1", 3), OK, "chdl: B's channel data is taken");
}

static void solo(void)
{
    channel_handle tx, rx;
    uint8_t buf[8] = "solo";
    CHECK_EQ(channel_open(&tx, P_SOLO, CHANNEL_SEND), OK, "chdl: solo opens the send end");
    CHECK_EQ(channel_open(&rx, P_SOLO, CHANNEL_RECEIVE), OK, "chdl: solo opens the receive end too");
    CHECK_EQ(channel_send(&tx, buf, 4), ERR_DEADLOCK, "chdl: send to myself (a cycle of one)");
    CHECK_EQ(channel_rcv(&rx, buf, sizeof(buf)), ERR_DEADLOCK, "chdl: receive from myself (a cycle of one)");
    /* A channel whose receive end nobody holds yet is no cycle: wait. */
    channel_handle late;
    CHECK_EQ(channel_open(&late, P_LATE, CHANNEL_SEND), OK, "chdl: solo opens a channel with no receiver yet");
    printf("chdl: solo waits for a receiver to come\n");
    CHECK_EQ(channel_send(&late, buf, 4), OK, "chdl: the send waits until a receiver opens and takes it");
}

static void late_task(void)
{
    sleep_ms(100);
    channel_handle h;
    uint8_t buf[8];
    printf("chdl: the late receiver opens\n");
    CHECK_EQ(channel_open(&h, P_LATE, CHANNEL_RECEIVE), OK, "chdl: the late receiver opens its end");
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 4, "chdl: and takes the waiting data");
    CHECK(memcmp(buf, "solo", 4) == 0, "chdl: the waiting data is intact");
}

int main(void)
{
    switch (task_self()) {
    case A: a(); break;
    case B: b(); break;
    case SOLO: solo(); break;
    case LATE: late_task(); break;
    default: printf("FAIL chdl: unexpected task id %d\n", task_self());
    }
    return 0;
}
