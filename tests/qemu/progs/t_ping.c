/* t_ping.c - a client: calls the pong server (task 2) three times, then
 * sends 4 KiB over channel port 1 and 5 bytes over port 2. */
#include <baton_test.h>

int main(void)
{
    for (int i = 0; i < 3; i++) {
        struct message m = { .type = MSG_USER, .src = 99 };
        m.words[0] = (uint32_t)i;
        CHECK_EQ(ipc_call(2, &m), OK, "ipc_call to the server");
        CHECK(m.src == 2 && m.words[0] == (uint32_t)i + 100, "the reply carries the answer");
    }
    channel_handle big, small;
    CHECK_EQ(channel_open(&big, 1, CHANNEL_SEND), OK, "open the send end of port 1");
    CHECK_EQ(channel_open(&small, 2, CHANNEL_SEND), OK, "open the send end of port 2");
    static uint8_t data[4096];
    for (int i = 0; i < 4096; i++)
        data[i] = (uint8_t)(i * 7);
    CHECK_EQ(channel_send(&big, data, sizeof(data)), OK, "send 4 KiB (shared page)");
    CHECK_EQ(channel_send(&small, (channel_data *)"hello", 5), OK, "send 5 bytes (registers)");
    CHECK_EQ(channel_send(&small, data, 17), ERR_TOO_LARGE, "a too-small receive buffer fails the sender");
    return 0;
}
