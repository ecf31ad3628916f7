/* c_replyrecv.c - conformance, ipc_replyrecv and the register form of
 * SYS_IPC: a reply, then a receive from anyone, in one syscall. Some cases
 * take the fast path (kernel/fastpath.c), others the slow path; all must
 * give what the slow path gives (tests/fastpath runs this test with the
 * fast path on and off and compares results and traces).
 *
 * server answers in a replyrecv loop; client calls it; other, told by the
 * client, queues a send on the server, notifies it, or waits to be woken
 * by it. All three have priority 3. */
#include <baton_test.h>

enum { SERVER = 1, CLIENT = 2, OTHER = 3 };
enum { REQ = MSG_USER, ANSWER, LONG, WAKE_OTHER, DONE, GO_SEND, GO_NOTIFY, GO_WAIT };

/* The answer to the client's request m, in m. */
static void answer(struct message *m)
{
    uint32_t w = m->words[0];
    if (m->type == LONG) {                  /* every word set: no registers */
        for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
            m->words[i] = w + (uint32_t)i;
        return;
    }
    if (m->type == WAKE_OTHER)              /* other becomes ready first */
        CHECK_EQ(ipc_notify(OTHER, NOTIFY_USER(1)), OK, "replyrecv: server wakes other");
    *m = test_message(ANSWER, w + 1000);
}

static void server(void)
{
    struct message m;
    int sends = 0, notes = 0;
    CHECK_EQ(ipc_recv(CLIENT, &m), OK, "replyrecv: first call received");
    while (m.type != DONE) {
        error_t err;
        if (m.src == OTHER) {               /* a plain send: no reply */
            sends += m.words[0] == 90;
            err = ipc_recv(IPC_ANY, &m);
        } else if (m.type == NOTIFICATIONS_MSG) {
            notes += (m.notifications.data & NOTIFY_USER(2)) != 0;
            err = ipc_recv(IPC_ANY, &m);
        } else {
            answer(&m);
            err = ipc_replyrecv(CLIENT, &m);
        }
        if (err != OK) {
            printf("FAIL replyrecv: the server's loop: %s\n", err2str(err));
            return;
        }
    }
    CHECK_EQ(sends, 1, "replyrecv: the queued send was received");
    CHECK_EQ(notes, 1, "replyrecv: the pending notification was received");
    /* The client awaits our reply to DONE. Errors first. */
    struct message r = test_message(ANSWER, 0);
    CHECK_EQ(ipc_replyrecv(OTHER, &r), ERR_NOT_WAITING,
             "replyrecv: to a task not waiting for us is ERR_NOT_WAITING");
    CHECK_EQ(r.type, ANSWER, "replyrecv: a failed reply receives nothing");
    CHECK_EQ(ipc_replyrecv(SERVER, &r), ERR_INVALID_TASK, "replyrecv: to myself");
    CHECK_EQ(ipc_replyrecv(TASK_MAX + 3, &r), ERR_NOT_FOUND, "replyrecv: to no such task");
    CHECK_EQ(syscall(SYS_IPC, CLIENT, CLIENT, (uintptr_t)&r,
                     IPC_SEND | IPC_RECV | IPC_REPLY, 0, 0),
             ERR_INVALID_ARG, "replyrecv: a source other than IPC_ANY is refused");
    CHECK_EQ(syscall(SYS_IPC_REGS | (IPC_RECV | IPC_REPLY) << SYSCALL_FLAGS_SHIFT,
                     CLIENT, (uintptr_t)&r, ANSWER, 0, 0, 0),
             ERR_INVALID_ARG, "replyrecv: the register form checks its flags too");
    static struct message far;              /* not on the stack: by address */
    far = test_message(ANSWER, 1);
    CHECK_EQ(ipc_replyrecv(CLIENT, &far), OK, "replyrecv: by address (SYS_IPC)");
    CHECK(far.src == CLIENT && far.type == DONE && far.words[0] == 2,
          "replyrecv: by address, the next call arrives at m");
    CHECK_EQ(ipc_reply(CLIENT, &far), OK, "replyrecv: the last reply");
}

static void expect_answer(const struct message *m, uint32_t w, const char *name)
{
    char n[96];
    snprintf(n, sizeof(n), "replyrecv: %s: the answer", name);
    CHECK(m->src == SERVER && m->type == ANSWER && m->words[0] == w + 1000 &&
          m->words[1] == 0 && m->words[5] == 0, n);
}

static void tell_other(int what)
{
    struct message go = test_message(what, 0);
    CHECK_EQ(ipc_send(OTHER, &go), OK, "replyrecv: tell other");
}

static void client(void)
{
    struct message m;
    /* The server waits for us; its replyrecv finds us awaiting the reply
     * and nothing queued: both halves on the fast path. */
    for (uint32_t i = 1; i <= 3; i++) {
        m = test_message(REQ, i);
        CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: call");
        expect_answer(&m, i, "a plain round trip");
    }
    /* A reply that does not fit in registers reaches the caller whole. */
    m = test_message(LONG, 50);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: call for a long answer");
    int whole = m.src == SERVER && m.type == LONG;
    for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++)
        whole = whole && m.words[i] == 50u + (uint32_t)i;
    CHECK(whole, "replyrecv: a long answer arrives whole (the register form spills)");
    /* other is ready when we call: it runs first and queues a send on the
     * server, which its replyrecv then takes. */
    tell_other(GO_SEND);
    m = test_message(REQ, 60);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: call with a sender queued");
    expect_answer(&m, 60, "with a sender queued");
    /* The same, with a notification pending instead. */
    tell_other(GO_NOTIFY);
    m = test_message(REQ, 70);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: call with a notification pending");
    expect_answer(&m, 70, "with a notification pending");
    /* other is woken by the server just before it replies: as urgent as
     * us and ready first, it runs before we get the answer. */
    tell_other(GO_WAIT);
    m = test_message(WAKE_OTHER, 80);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: call while another task is ready");
    printf("replyrecv: client got answer 80\n");
    expect_answer(&m, 80, "with another task ready");
    m = test_message(DONE, 2);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: the last call");
    m = test_message(DONE, 2);
    CHECK_EQ(ipc_call(SERVER, &m), OK, "replyrecv: the call answered by address");
    tell_other(DONE);
}

static void other(void)
{
    struct message m;
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(ipc_recv(CLIENT, &m), OK, "replyrecv: other, told what to do");
        if (m.type == DONE)                 /* we waited for the client: */
            break;                          /* not for the server */
        if (m.type == GO_SEND) {
            struct message s = test_message(REQ, 90);
            CHECK_EQ(ipc_send(SERVER, &s), OK, "replyrecv: other's send, taken by a replyrecv");
        } else if (m.type == GO_NOTIFY) {
            CHECK_EQ(ipc_notify(SERVER, NOTIFY_USER(2)), OK, "replyrecv: other notifies");
        } else {
            CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "replyrecv: other waits");
            CHECK(m.type == NOTIFICATIONS_MSG, "replyrecv: other woken by the server");
            printf("replyrecv: other woken\n");
        }
    }
}

int main(void)
{
    switch (task_self()) {
    case SERVER: server(); break;
    case CLIENT: client(); break;
    case OTHER: other(); break;
    }
    return 0;
}
