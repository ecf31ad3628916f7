/* e_fanin.c - schedule exploration: three tasks async_send more messages
 * than a queue holds to one receiver, which pulls them on NOTIFY_ASYNC. The
 * receiver checks FIFO and exactly once per sender, and prints a digest of
 * the order it saw (tests/sim/test_sim.c runs it over many seeds). */
#include <resea/async.h>
#include <baton_test.h>

enum { RECEIVER = 1, NSENDERS = 3, MESSAGES = 40 };   /* > ASYNC_QUEUE_MAX */
enum { FANIN_MSG = MSG_USER };

/* Queue every message, serving the receiver's pulls whenever the queue is
 * full, then until all are delivered (as demo_producer.c does). */
static void sender(void)
{
    int sent = 0, delivered = 0;
    while (delivered < MESSAGES) {
        if (sent < MESSAGES) {
            struct message m = { .type = FANIN_MSG };
            m.words[0] = (uint32_t)sent;
            error_t err = async_send(RECEIVER, &m);
            if (err == OK) {
                sent++;
                continue;
            }
            if (err != ERR_QUEUE_FULL) {
                printf("FAIL fanin: async_send: %s\n", err2str(err));
                return;
            }
        }
        struct message m;
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type == ASYNC_MSG && async_reply(m.src) == OK)
            delivered++;
    }
}

/* Pull one message from t; false if it breaks FIFO or exactly once. A
 * notification may be stale (coalescing): ERR_EMPTY then, and once t has
 * sent all and left, ERR_NOT_FOUND or ERR_ABORTED. */
static bool pull(task_t t, uint32_t next[], int *total, uint32_t *digest)
{
    struct message m;
    error_t err = async_recv(t, &m);
    if (err == ERR_EMPTY ||
        (next[t] == MESSAGES && (err == ERR_NOT_FOUND || err == ERR_ABORTED)))
        return true;
    if (err != OK || m.type != FANIN_MSG || m.src != t || m.words[0] != next[t]) {
        printf("FAIL fanin: from task %d: %s, message %u (want %u)\n", t,
               err2str(err), m.words[0], next[t]);
        return false;
    }
    next[t]++;
    (*total)++;
    *digest = (*digest ^ (uint32_t)t) * 16777619u;      /* FNV-1a */
    return true;
}

static void receiver(void)
{
    uint32_t next[TASK_MAX] = { 0 }, digest = 2166136261u;
    int total = 0;
    bool ok = true;
    while (total < NSENDERS * MESSAGES && ok) {
        struct message m;
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type != NOTIFICATIONS_MSG || !(m.notifications.data & NOTIFY_ASYNC))
            continue;
        for (task_t t = 1; t < TASK_MAX && ok; t++)
            if (m.notifications.senders & (1u << t))
                ok = pull(t, next, &total, &digest);
    }
    printf("fanin: order %08x\n", digest);
    bool all = ok;
    for (task_t t = RECEIVER + 1; t <= NSENDERS + 1; t++)
        all &= next[t] == MESSAGES;
    CHECK(all, "fanin: every message exactly once, FIFO per sender");
}

int main(void)
{
    if (task_self() == RECEIVER)
        receiver();
    else
        sender();
    return 0;
}
