/* c_chsizes.c - conformance, chan_sizes: sizes 0 to CHANNEL_SHM_MAX arrive
 * intact by registers and by the shared page; too large fails the sender at
 * once; a buffer too small fails both sides and moves nothing. */
#include <baton_test.h>

enum { TX = 1, RX = 2 };
enum { PORT = 3 };
enum { SENDER_FIRST, RECEIVER_FIRST };

/* One transfer: size sent, receive buffer size, who blocks first, and what
 * each side must get (for the receiver, OK means: returns size). */
struct step {
    uint32_t size, bufsize;
    int first;
    error_t tx_want, rx_want;
    const char *name;
};

static const struct step steps[] = {
    { 0, 64, SENDER_FIRST, OK, OK, "0 bytes" },
    { 0, 0, RECEIVER_FIRST, OK, OK, "0 bytes into a 0-byte buffer" },
    { 1, 64, SENDER_FIRST, OK, OK, "1 byte" },
    { 15, 64, RECEIVER_FIRST, OK, OK, "15 bytes" },
    { 16, 16, SENDER_FIRST, OK, OK, "16 bytes (the fast path's most), exact buffer" },
    { 16, 64, RECEIVER_FIRST, OK, OK, "16 bytes, receiver first" },
    { 17, 17, RECEIVER_FIRST, OK, OK, "17 bytes (shared page), exact buffer" },
    { 17, 64, SENDER_FIRST, OK, OK, "17 bytes, sender first" },
    { 100, 4096, SENDER_FIRST, OK, OK, "100 bytes" },
    { 4095, 4096, RECEIVER_FIRST, OK, OK, "4095 bytes" },
    { 4096, 4096, SENDER_FIRST, OK, OK, "4096 bytes, sender first" },
    { 4096, 4096, RECEIVER_FIRST, OK, OK, "4096 bytes, receiver first" },
    /* Too small: nothing moves, and the next transfer is clean. */
    { 16, 15, SENDER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "16 bytes into 15 (fast), sender first" },
    { 3, 64, SENDER_FIRST, OK, OK, "3 bytes after a failed fast transfer" },
    { 6, 5, RECEIVER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "6 bytes into 5 (fast), receiver first" },
    { 5, 64, RECEIVER_FIRST, OK, OK, "5 bytes after a failed fast transfer" },
    { 1, 0, RECEIVER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "1 byte into 0" },
    { 4096, 4095, SENDER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "4096 bytes into 4095 (shared), sender first" },
    { 101, 100, RECEIVER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "101 bytes into 100 (shared), receiver first" },
    { 17, 16, RECEIVER_FIRST, ERR_TOO_LARGE, ERR_TOO_SMALL, "17 bytes into 16, receiver first" },
    { 200, 4096, SENDER_FIRST, OK, OK, "200 bytes after failed shared transfers" },
    { 2, 4096, RECEIVER_FIRST, OK, OK, "2 bytes after a shared transfer" },
};
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static uint8_t pattern(unsigned step, uint32_t i)
{
    return (uint8_t)(i * 31 + step * 7 + 1);
}

/* Odd offsets: neither side may assume aligned buffers. */
static uint8_t txbuf[CHANNEL_SHM_MAX + 8];
static uint8_t rxbuf[CHANNEL_SHM_MAX + 64];

static void tx(void)
{
    channel_handle h;
    char name[128];
    CHECK_EQ(channel_open(&h, PORT, CHANNEL_SEND), OK, "sizes: open the send end");
    /* Too large is refused at once: the receiver is not even there. */
    CHECK_EQ(channel_send(&h, txbuf, CHANNEL_SHM_MAX + 1), ERR_TOO_LARGE, "sizes: CHANNEL_SHM_MAX + 1 bytes");
    CHECK_EQ(channel_send(&h, txbuf, 0xffffffffu), ERR_TOO_LARGE, "sizes: 0xffffffff bytes");
    for (unsigned s = 0; s < NSTEPS; s++) {
        const struct step *st = &steps[s];
        uint8_t *data = txbuf + 1;
        for (uint32_t i = 0; i < st->size; i++)
            data[i] = pattern(s, i);
        if (st->first == RECEIVER_FIRST)
            sleep_ms(20);
        snprintf(name, sizeof(name), "sizes: send %s", st->name);
        CHECK_EQ(channel_send(&h, data, st->size), st->tx_want, name);
    }
    /* Read-only data and the stack are fine sources too. */
    static const uint8_t ro[40] = "read-only data, through the shared page";
    CHECK_EQ(channel_send(&h, (channel_data *)ro, sizeof(ro)), OK, "sizes: send from read-only data");
    uint8_t stack[12] = "on the stack";
    CHECK_EQ(channel_send(&h, stack, sizeof(stack)), OK, "sizes: send from the stack");
    printf("sizes: tx done\n");
}

static void rx(void)
{
    channel_handle h;
    char name[128];
    CHECK_EQ(channel_open(&h, PORT, CHANNEL_RECEIVE), OK, "sizes: open the receive end");
    for (unsigned s = 0; s < NSTEPS; s++) {
        const struct step *st = &steps[s];
        uint8_t *buf = rxbuf + 3;
        memset(rxbuf, 0xee, sizeof(rxbuf));
        if (st->first == SENDER_FIRST)
            sleep_ms(20);
        long n = channel_rcv(&h, buf, st->bufsize);
        long want = st->rx_want == OK ? (long)st->size : st->rx_want;
        snprintf(name, sizeof(name), "sizes: receive %s", st->name);
        CHECK_EQ(n, want, name);
        /* The data where it belongs, and not one byte written elsewhere. */
        uint32_t written = st->rx_want == OK ? st->size : 0, bad = 0;
        for (uint32_t i = 0; i < written; i++)
            bad += buf[i] != pattern(s, i);
        for (uint32_t i = written; i < sizeof(rxbuf) - 3; i++)
            bad += buf[i] != 0xee;
        bad += rxbuf[0] != 0xee || rxbuf[1] != 0xee || rxbuf[2] != 0xee;
        snprintf(name, sizeof(name), "sizes: %s %s", st->name,
                 st->rx_want == OK ? "arrive intact, nothing else written" : "leave the buffer untouched");
        CHECK(bad == 0, name);
    }
    uint8_t buf[64];
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 40, "sizes: receive from read-only data");
    CHECK(memcmp(buf, "read-only data, through the shared page", 40) == 0, "sizes: read-only data arrives");
    CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), 12, "sizes: receive from the stack");
    CHECK(memcmp(buf, "on the stack", 12) == 0, "sizes: stack data arrives");
}

int main(void)
{
    switch (task_self()) {
    case TX: tx(); break;
    case RX: rx(); break;
    default: printf("FAIL sizes: unexpected task id %d\n", task_self());
    }
    return 0;
}
