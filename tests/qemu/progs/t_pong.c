/* t_pong.c - a server: answers three calls, then receives from two channels. */
#include <baton_test.h>

int main(void)
{
    for (int i = 0; i < 3; i++) {
        struct message m;
        CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "ipc_recv a call");
        CHECK(m.src == 1 && m.type == MSG_USER, "the kernel fills src");
        m.words[0] += 100;
        CHECK_EQ(ipc_reply(m.src, &m), OK, "ipc_reply");
    }
    CHECK_EQ(ipc_reply(1, &(struct message){0}), ERR_NOT_WAITING, "reply to a task not waiting");
    channel_handle big, small;
    CHECK_EQ(channel_open(&big, 1, CHANNEL_RECEIVE), OK, "open the receive end of port 1");
    CHECK_EQ(channel_open(&small, 2, CHANNEL_RECEIVE), OK, "open the receive end of port 2");
    static uint8_t buf[4096];
    CHECK_EQ(channel_rcv(&big, buf, sizeof(buf)), 4096, "receive 4 KiB");
    int bad = 0;
    for (int i = 0; i < 4096; i++)
        bad += buf[i] != (uint8_t)(i * 7);
    CHECK(bad == 0, "4 KiB arrive intact");
    uint8_t five[16] = {0};
    CHECK_EQ(channel_rcv(&small, five, sizeof(five)), 5, "receive 5 bytes");
    CHECK(memcmp(five, "hello", 5) == 0, "5 bytes arrive intact");
    CHECK_EQ(channel_rcv(&small, five, 16), ERR_TOO_SMALL, "17 bytes into 16: too small");
    return 0;
}
