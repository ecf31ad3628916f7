/* c_queue.c - conformance, ipc_queue: senders blocked on one receiver are
 * served in the order they blocked (not by id, not by priority), calls and
 * sends alike, and kobjects(KOBJ_QUEUED) counts them. Roles by task id. */
#include <baton_test.h>

enum { SERVER = 1, NCLIENTS = 4 };

/* Client task ids in the order they block (by their sleeps), their delay,
 * and whether they call (and so wait for a reply) or just send. The
 * priorities in ipc_queue.manifest are chosen to disagree with this order. */
static const struct { task_t id; uint32_t delay_ms; bool call; } order[NCLIENTS] = {
    { 4, 0, false },
    { 2, 30, true },
    { 5, 60, false },
    { 3, 90, true },
};

static uint32_t token(task_t id) { return 0x1000u * (uint32_t)id + 7; }

static void server(void)
{
    sleep_ms(200);                        /* every client blocks meanwhile */
    CHECK_EQ(kobjects(KOBJ_QUEUED), NCLIENTS, "queue: KOBJ_QUEUED counts the 4 blocked senders");
    for (int i = 0; i < NCLIENTS; i++) {
        struct message m;
        CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "queue: recv a queued sender");
        if (m.src == order[i].id)
            printf("PASS queue: sender %d served in the order it blocked\n", i + 1);
        else
            printf("FAIL queue: turn %d went to task %d, want %d (FIFO)\n", i + 1,
                   m.src, order[i].id);
        CHECK_EQ(m.words[0], token(m.src), "queue: the message is the sender's own");
    }
    CHECK_EQ(kobjects(KOBJ_QUEUED), 0, "queue: KOBJ_QUEUED is 0 once all are taken");
    for (int i = 0; i < NCLIENTS; i++) {
        if (!order[i].call)
            continue;
        struct message r = { .type = MSG_USER + 1 };
        r.words[0] = token(order[i].id) + 1;
        CHECK_EQ(ipc_reply(order[i].id, &r), OK, "queue: reply to each caller");
    }
    printf("queue: server done\n");
}

static void client(int i)
{
    sleep_ms(order[i].delay_ms);
    struct message m = { .type = MSG_USER };
    m.words[0] = token(order[i].id);
    if (order[i].call) {
        CHECK_EQ(ipc_call(SERVER, &m), OK, "queue: queued call returns OK");
        CHECK(m.src == SERVER && m.words[0] == token(order[i].id) + 1,
              "queue: queued call gets its own reply");
    } else {
        CHECK_EQ(ipc_send(SERVER, &m), OK, "queue: queued send returns OK");
    }
}

int main(void)
{
    task_t me = task_self();
    if (me == SERVER) {
        server();
        return 0;
    }
    for (int i = 0; i < NCLIENTS; i++)
        if (order[i].id == me)
            client(i);
    return 0;
}
