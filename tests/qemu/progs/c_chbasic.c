/* c_chbasic.c - conformance, chan_basic: channel_send blocks until the
 * receiver takes the data, channel_rcv until data arrives and returns the
 * byte count; either side may come first; a closed end can be reopened. */
#include <baton_test.h>

enum { TX = 1, RX = 2, LATE = 3 };
enum { PORT = 1, LATE_PORT = 2 };

static void tx(void)
{
    channel_handle h;
    CHECK_EQ(channel_open(&h, PORT, CHANNEL_SEND), OK, "chan: open the send end");
    /* 1: the sender comes first: the receiver has not even opened yet. */
    printf("chan: tx sends A\n");
    CHECK_EQ(channel_send(&h, (channel_data *)"abc", 3), OK, "chan: send A (sender first)");
    printf("chan: tx send A returned\n");
    /* 2: the receiver waits first. */
    sleep_ms(50);
    printf("chan: tx sends B\n");
    CHECK_EQ(channel_send(&h, (channel_data *)"defgh", 5), OK, "chan: send B (receiver first)");
    /* 3: a stream of messages keeps its order and sizes. */
    for (uint8_t i = 0; i < 10; i++) {
        channel_data d[10];
        for (uint8_t j = 0; j < i; j++)
            d[j] = (uint8_t)(i * 16 + j);
        CHECK_EQ(channel_send(&h, d, i), OK, "chan: send one of a stream");
    }
    /* 4: close; the end is free to open again, by us. */
    CHECK_EQ(channel_close(&h), OK, "chan: close the send end");
    channel_handle h2;
    CHECK_EQ(channel_open(&h2, PORT, CHANNEL_SEND), OK, "chan: reopen a closed send end");
    CHECK_EQ(channel_send(&h2, (channel_data *)"again", 5), OK, "chan: send on the reopened end");
    CHECK_EQ(channel_close(&h2), OK, "chan: close it again");
    /* 5: the other port, to LATE. */
    channel_handle h3;
    CHECK_EQ(channel_open(&h3, LATE_PORT, CHANNEL_SEND), OK, "chan: open a second channel");
    CHECK_EQ(channel_send(&h3, (channel_data *)"late", 4), OK, "chan: send on the second channel");
    printf("chan: tx done\n");
}

static void rx(void)
{
    channel_handle h;
    uint8_t buf[32];
    CHECK_EQ(channel_open(&h, PORT, CHANNEL_RECEIVE), OK, "chan: open the receive end");
    printf("chan: rx receives A\n");
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 3, "chan: receive A returns its size");
    CHECK(memcmp(buf, "abc", 3) == 0 && buf[3] == 0xee, "chan: A arrives, nothing more written");

    printf("chan: rx waits for B\n");
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 5, "chan: receive B returns its size");
    CHECK(memcmp(buf, "defgh", 5) == 0 && buf[5] == 0xee, "chan: B arrives, nothing more written");

    bool ok = true;
    for (uint8_t i = 0; i < 10; i++) {
        memset(buf, 0xee, sizeof(buf));
        long n = channel_rcv(&h, buf, sizeof(buf));
        ok &= n == i && buf[i] == 0xee;
        for (uint8_t j = 0; j < i && n == i; j++)
            ok &= buf[j] == (uint8_t)(i * 16 + j);
    }
    CHECK(ok, "chan: a stream of 10 messages arrives in order, each with its size");

    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 5, "chan: receive from the reopened send end");
    CHECK(memcmp(buf, "again", 5) == 0, "chan: data from the reopened end arrives");
    /* Give our end away: LATE may open it now. */
    CHECK_EQ(channel_close(&h), OK, "chan: close the receive end");
    struct message m = { .type = MSG_USER };
    CHECK_EQ(ipc_send(LATE, &m), OK, "chan: tell the late task");
    printf("chan: rx done\n");
}

static void late(void)
{
    channel_handle h;
    uint8_t buf[8];
    struct message m;
    CHECK_EQ(ipc_recv(RX, &m), OK, "chan: wait until the receive end is closed");
    CHECK_EQ(channel_open(&h, PORT, CHANNEL_RECEIVE), OK, "chan: another task opens a closed receive end");
    CHECK_EQ(channel_close(&h), OK, "chan: and closes it");
    CHECK_EQ(channel_open(&h, LATE_PORT, CHANNEL_RECEIVE), OK, "chan: open the second channel's receive end");
    memset(buf, 0xee, sizeof(buf));
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 4, "chan: receive on the second channel");
    CHECK(memcmp(buf, "late", 4) == 0, "chan: the second channel's data");
}

int main(void)
{
    switch (task_self()) {
    case TX: tx(); break;
    case RX: rx(); break;
    case LATE: late(); break;
    default: printf("FAIL chan: unexpected task id %d\n", task_self());
    }
    return 0;
}
