/* c_notify.c - conformance, ipc_notify: notification bits, who sent them,
 * coalescing, notification_send/_rcv, timers, and how notifications meet
 * ipc_recv. N is notified; A and B notify it when N tells them to. */
#include <baton_test.h>

enum { N = 1, A = 2, B = 3, DEAD = 4 };
#define FROM(id) (1u << (id))

/* What N tells a helper to do (words[0]), with words[1] = bits (or the
 * value to send) and words[2] = a count (or the value to send after). */
enum { OP_NOTIFY = 1, OP_SIGNAL, OP_SEND, OP_SLEEP_NOTIFY, OP_SLEEP_NOTIFY_SEND, OP_EXIT };

static void tell(task_t helper, uint32_t op, uint32_t bits, uint32_t count)
{
    struct message m = { .type = MSG_USER };
    m.words[0] = op;
    m.words[1] = bits;
    m.words[2] = count;
    CHECK_EQ(ipc_send(helper, &m), OK, "notify: N gives a helper its order");
}

/* Receive one NOTIFICATIONS_MSG (blocking or not) and check all of it. */
static void expect_notifications(bool block, uint32_t data, uint32_t senders, const char *what)
{
    struct message m;
    memset(&m, 0x5a, sizeof(m));
    error_t err = block ? ipc_recv(IPC_ANY, &m) : ipc_recv_noblock(IPC_ANY, &m);
    if (err == OK && m.type == NOTIFICATIONS_MSG && m.src == 0 &&
        m.notifications.data == data && m.notifications.senders == senders)
        printf("PASS notify: %s\n", what);
    else
        printf("FAIL notify: %s: got %s type %d src %d data %x senders %x, "
               "want OK type %d src 0 data %x senders %x\n", what, err2str(err),
               m.type, m.src, m.notifications.data, m.notifications.senders,
               NOTIFICATIONS_MSG, data, senders);
}

static void expect_nothing(const char *what)
{
    struct message m;
    CHECK_EQ(ipc_recv_noblock(IPC_ANY, &m), ERR_WOULD_BLOCK, what);
}

static void n(void)
{
    /* Before N ever waits: 5 of the same from A coalesce, with B's. */
    tell(A, OP_NOTIFY, NOTIFY_USER(0), 5);
    tell(A, OP_NOTIFY, NOTIFY_USER(1), 1);
    tell(B, OP_NOTIFY, NOTIFY_USER(2), 1);
    tell(B, OP_SIGNAL, 0, 1);
    expect_notifications(true, NOTIFY_USER(0) | NOTIFY_USER(1) | NOTIFY_USER(2) | NOTIFY_SIGNAL,
                         FROM(A) | FROM(B),
                         "sent before the wait, repeats coalesce into one message with bits and senders");
    expect_nothing("notify: received notifications are cleared (one message for 5 notifies)");

    /* notification_rcv(id): OK and consumed if id notified, else at once
     * ERR_WOULD_BLOCK. */
    CHECK_EQ(notification_rcv(B), ERR_WOULD_BLOCK, "notify: notification_rcv with none pending");
    tell(B, OP_SIGNAL, 0, 1);
    tell(A, OP_NOTIFY, NOTIFY_USER(3), 1);
    CHECK_EQ(notification_rcv(B), OK, "notify: notification_rcv(B) after B's notification_send");
    CHECK_EQ(notification_rcv(B), ERR_WOULD_BLOCK, "notify: notification_rcv consumed it");
    CHECK_EQ(notification_rcv(A), OK, "notify: notification_rcv(A) after A's ipc_notify");
    expect_nothing("notify: both consumed by notification_rcv");

    /* It consumes only what that sender sent. */
    tell(B, OP_SIGNAL, 0, 1);
    tell(A, OP_NOTIFY, NOTIFY_USER(4), 1);
    CHECK_EQ(notification_rcv(B), OK, "notify: notification_rcv(B) with A's pending too");
    expect_notifications(false, NOTIFY_USER(4), FROM(A), "notification_rcv(B) leaves A's bits");

    /* To self. */
    CHECK_EQ(ipc_notify(N, NOTIFY_USER(5)), OK, "notify: ipc_notify to self");
    expect_notifications(false, NOTIFY_USER(5), FROM(N), "a notification to self arrives");
    CHECK_EQ(notification_send(N), OK, "notify: notification_send to self");
    CHECK_EQ(notification_rcv(N), OK, "notify: notification_rcv(self)");

    /* ipc_recv(task) takes that task's message, not notifications. */
    tell(A, OP_NOTIFY, NOTIFY_USER(6), 1);
    tell(A, OP_SEND, 0xa5, 1);                 /* A now blocks sending to N */
    struct message m;
    CHECK_EQ(ipc_recv(A, &m), OK, "notify: recv(A) with a notification pending");
    CHECK(m.type == MSG_USER && m.src == A && m.words[0] == 0xa5,
          "notify: recv(task) returns the message, not the notification");
    expect_notifications(false, NOTIFY_USER(6), FROM(A), "recv(task) left the notification pending");

    /* recv(any) returns notifications before a queued message. */
    tell(B, OP_NOTIFY, NOTIFY_USER(7), 1);
    tell(B, OP_SEND, 0xb5, 1);                 /* B now blocks sending to N */
    expect_notifications(true, NOTIFY_USER(7), FROM(B), "recv(any) returns notifications first");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "notify: then recv(any) returns the message");
    CHECK(m.type == MSG_USER && m.src == B && m.words[0] == 0xb5, "notify: the queued message is B's");

    /* A notification wakes a task waiting in recv(any)... */
    tell(A, OP_SLEEP_NOTIFY, NOTIFY_USER(8), 1);
    expect_notifications(true, NOTIFY_USER(8), FROM(A), "a notification wakes recv(any)");
    /* ...but not one waiting in recv(task). */
    tell(A, OP_SLEEP_NOTIFY_SEND, NOTIFY_USER(9), 0xa9);
    CHECK_EQ(ipc_recv(A, &m), OK, "notify: recv(A) while A notifies, then sends");
    CHECK(m.type == MSG_USER && m.src == A && m.words[0] == 0xa9,
          "notify: a notification does not end recv(task)");
    expect_notifications(false, NOTIFY_USER(9), FROM(A), "that notification stayed pending");

    /* Timers come from the kernel: sender bit 0. */
    CHECK_EQ(timer_set(20), OK, "notify: timer_set(20)");
    expect_notifications(true, NOTIFY_TIMER, FROM(0), "the timer fires as NOTIFY_TIMER from the kernel");
    CHECK_EQ(timer_set(10), OK, "notify: timer_set(10) again");
    sleep_ms(60);
    expect_notifications(false, NOTIFY_TIMER, FROM(0), "a timer that fires before the wait is kept");
    CHECK_EQ(timer_set(20), OK, "notify: timer_set(20) to cancel");
    CHECK_EQ(timer_set(0), OK, "notify: timer_set(0) cancels");
    sleep_ms(60);
    expect_nothing("notify: a cancelled timer never fires");

    /* Errors. */
    CHECK_EQ(ipc_notify(A, 0), ERR_INVALID_ARG, "notify: bits == 0");
    CHECK_EQ(ipc_notify(999, NOTIFY_USER(0)), ERR_NOT_FOUND, "notify: to task 999");
    CHECK_EQ(ipc_notify(31, NOTIFY_USER(0)), ERR_NOT_FOUND, "notify: to task 31 (not running)");
    CHECK_EQ(ipc_notify(-1, NOTIFY_USER(0)), ERR_NOT_FOUND, "notify: to task -1");
    CHECK_EQ(ipc_notify(DEAD, NOTIFY_USER(0)), ERR_NOT_FOUND, "notify: to an exited task");
    CHECK_EQ(notification_send(DEAD), ERR_NOT_FOUND, "notify: notification_send to an exited task");
    expect_nothing("notify: refused notifications leave nothing");

    tell(A, OP_EXIT, 0, 0);
    tell(B, OP_EXIT, 0, 0);
    printf("notify: done\n");
}

/* Send N a plain message carrying value; N takes it when it receives. */
static void send_value(uint32_t value)
{
    struct message m = { .type = MSG_USER };
    m.words[0] = value;
    CHECK_EQ(ipc_send(N, &m), OK, "notify: helper's message is taken");
}

/* A and B: do what N says, until told to exit. */
static void helper(void)
{
    for (;;) {
        struct message m;
        if (ipc_recv(N, &m) != OK) {
            printf("FAIL notify: helper %d lost N\n", task_self());
            return;
        }
        uint32_t op = m.words[0], bits = m.words[1], count = m.words[2];
        switch (op) {
        case OP_NOTIFY:
            for (uint32_t i = 0; i < count; i++)
                CHECK_EQ(ipc_notify(N, bits), OK, "notify: ipc_notify returns OK");
            break;
        case OP_SIGNAL:
            CHECK_EQ(notification_send(N), OK, "notify: notification_send returns OK");
            break;
        case OP_SEND:
            send_value(bits);
            break;
        case OP_SLEEP_NOTIFY:
        case OP_SLEEP_NOTIFY_SEND:
            sleep_ms(30);                   /* N is waiting by then */
            CHECK_EQ(ipc_notify(N, bits), OK, "notify: ipc_notify to a waiting task");
            if (op == OP_SLEEP_NOTIFY_SEND) {
                sleep_ms(30);
                send_value(count);
            }
            break;
        case OP_EXIT:
            return;
        }
    }
}

int main(void)
{
    switch (task_self()) {
    case N: n(); break;
    case A: case B: helper(); break;
    case DEAD: break;
    default: printf("FAIL notify: unexpected task id %d\n", task_self());
    }
    return 0;
}
