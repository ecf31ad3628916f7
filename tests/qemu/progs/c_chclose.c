/* c_chclose.c - conformance, chan_close: a peer's channel_close, exit or
 * fault wakes the side blocked on the channel with ERR_CLOSED; closed ends
 * can be opened again, by anyone granted; no channel is left counted. */
#include <baton_test.h>

enum { CTL = 1, PEER = 2, QUITTER = 3, CRASHER = 4 };
enum { P_RX_CLOSE = 1, P_TX_CLOSE = 2, P_EXIT = 5, P_FAULT = 6 };

static void ctl(void)
{
    channel_handle h;
    uint8_t buf[32] = "0123456789abcdefghijklmnop";
    CHECK(kobjects(KOBJ_CHANNELS) >= 1, "chclose: KOBJ_CHANNELS counts open channels");

    /* PEER waits in channel_rcv on port 1; we close our send end. */
    CHECK_EQ(channel_open(&h, P_RX_CLOSE, CHANNEL_SEND), OK, "chclose: open port 1's send end");
    printf("chclose: ctl closes the send end\n");
    CHECK_EQ(channel_close(&h), OK, "chclose: close it under a waiting receiver");

    /* PEER now waits in channel_send on port 2; we close our receive end. */
    CHECK_EQ(channel_open(&h, P_TX_CLOSE, CHANNEL_RECEIVE), OK, "chclose: open port 2's receive end");
    printf("chclose: ctl closes the receive end\n");
    CHECK_EQ(channel_close(&h), OK, "chclose: close it under a waiting sender");

    /* The closed send end of port 1 opens again and works. */
    CHECK_EQ(channel_open(&h, P_RX_CLOSE, CHANNEL_SEND), OK, "chclose: reopen port 1's send end");
    CHECK_EQ(channel_send(&h, buf, 20), OK, "chclose: send 20 bytes on the reopened channel");
    CHECK_EQ(channel_close(&h), OK, "chclose: close port 1 again");

    /* QUITTER holds port 5's send end and exits while we wait. */
    CHECK_EQ(channel_open(&h, P_EXIT, CHANNEL_RECEIVE), OK, "chclose: open port 5's receive end");
    struct message go = { .type = MSG_USER };
    CHECK_EQ(ipc_send(QUITTER, &go), OK, "chclose: start the quitter");
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), ERR_CLOSED, "chclose: the sender's exit ends channel_rcv with ERR_CLOSED");
    CHECK_EQ(channel_close(&h), OK, "chclose: close port 5");

    /* CRASHER holds port 6's receive end and faults while we wait. */
    CHECK_EQ(channel_open(&h, P_FAULT, CHANNEL_SEND), OK, "chclose: open port 6's send end");
    CHECK_EQ(ipc_send(CRASHER, &go), OK, "chclose: start the crasher");
    CHECK_EQ(channel_send(&h, buf, 4), ERR_CLOSED, "chclose: the receiver's fault ends channel_send with ERR_CLOSED");
    CHECK_EQ(channel_close(&h), OK, "chclose: close port 6");

    /* The ends the dead held are free: open both ends of port 5 and 6. */
    channel_handle h5, h6;
    CHECK_EQ(channel_open(&h5, P_EXIT, CHANNEL_SEND), OK, "chclose: an exited task's end is free again");
    CHECK_EQ(channel_open(&h6, P_FAULT, CHANNEL_RECEIVE), OK, "chclose: a faulted task's end is free again");
    CHECK_EQ(channel_close(&h5), OK, "chclose: close it");
    CHECK_EQ(channel_close(&h6), OK, "chclose: close that too");

    for (int i = 0; i < 500 && kobjects(KOBJ_TASKS) > 1; i++)
        sleep_ms(10);
    CHECK_EQ(kobjects(KOBJ_TASKS), 1, "chclose: the others are gone");
    CHECK_EQ(kobjects(KOBJ_CHANNELS), 0, "chclose: no channel is left open");
    printf("chclose: ctl done\n");
}

static void peer(void)
{
    channel_handle rx, tx;
    uint8_t buf[32];
    CHECK_EQ(channel_open(&rx, P_RX_CLOSE, CHANNEL_RECEIVE), OK, "chclose: peer opens port 1's receive end");
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&rx, buf, sizeof(buf)), ERR_CLOSED, "chclose: the sender's close ends channel_rcv with ERR_CLOSED");
    CHECK(buf[0] == 0xee && buf[31] == 0xee, "chclose: and writes nothing");
    printf("chclose: peer's receive ended\n");

    CHECK_EQ(channel_open(&tx, P_TX_CLOSE, CHANNEL_SEND), OK, "chclose: peer opens port 2's send end");
    CHECK_EQ(channel_send(&tx, buf, 8), ERR_CLOSED, "chclose: the receiver's close ends channel_send with ERR_CLOSED");
    printf("chclose: peer's send ended\n");
    CHECK_EQ(channel_close(&tx), OK, "chclose: peer closes port 2");

    /* Port 1's receive end is still ours: the reopened sender reaches us. */
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&rx, buf, sizeof(buf)), 20, "chclose: receive from the reopened send end");
    CHECK(memcmp(buf, "0123456789abcdefghij", 20) == 0, "chclose: its data arrives");
    CHECK_EQ(channel_close(&rx), OK, "chclose: peer closes port 1");
}

static void quitter(void)
{
    channel_handle h;
    struct message m;
    CHECK_EQ(channel_open(&h, P_EXIT, CHANNEL_SEND), OK, "chclose: quitter opens port 5's send end");
    CHECK_EQ(ipc_recv(CTL, &m), OK, "chclose: quitter waits for its start");
    sleep_ms(30);                      /* CTL waits in channel_rcv by then */
    printf("chclose: quitter exits holding its end\n");
}

static void crasher(void)
{
    channel_handle h;
    struct message m;
    CHECK_EQ(channel_open(&h, P_FAULT, CHANNEL_RECEIVE), OK, "chclose: crasher opens port 6's receive end");
    CHECK_EQ(ipc_recv(CTL, &m), OK, "chclose: crasher waits for its start");
    sleep_ms(30);                      /* CTL waits in channel_send by then */
    printf("chclose: crasher faults holding its end\n");
    __builtin_trap();
}

int main(void)
{
    switch (task_self()) {
    case CTL: ctl(); break;
    case PEER: peer(); break;
    case QUITTER: quitter(); break;
    case CRASHER: crasher(); break;
    default: printf("FAIL chclose: unexpected task id %d\n", task_self());
    }
    return 0;
}
