/* e_prodcons.c - schedule exploration: a bounded buffer task between two
 * producers and a consumer, by messages alone (ipc_call, and ipc_reply held
 * back while the buffer is full or empty). The consumer checks that every
 * item arrives exactly once and in its producer's order, and prints a
 * digest of the order it saw: under baton-sim --preempt, seeds make other
 * orders, and never a wrong one (tests/sim/test_sim.c). Roles by task id. */
#include <baton_test.h>

enum { BUFFER = 1, PRODUCER1 = 2, PRODUCER2 = 3, CONSUMER = 4 };
enum { NPRODUCERS = 2, ITEMS = 30, SLOTS = 4 };
enum { PUT = MSG_USER, GET };

struct ring {
    struct message item[SLOTS];
    int head, count;
};

static void push(struct ring *r, const struct message *m)
{
    r->item[(r->head + r->count++) % SLOTS] = *m;
}

/* Serve PUTs and GETs; a PUT into a full buffer, or a GET from an empty
 * one, waits for its reply until the other side has made room or data. */
static void buffer(void)
{
    struct ring r = { .count = 0 };
    struct message held[NPRODUCERS];      /* PUTs waiting for room, oldest first */
    int nheld = 0, full = 0, served = 0;
    bool get_waiting = false;
    while (served < NPRODUCERS * ITEMS) {
        struct message m;
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type == PUT && r.count < SLOTS) {
            push(&r, &m);
            ASSERT_OK(ipc_reply(m.src, &m));
        } else if (m.type == PUT) {
            held[nheld++] = m;
            full++;
        } else if (m.type == GET) {
            get_waiting = true;
        }
        if (get_waiting && r.count > 0) {
            ASSERT_OK(ipc_reply(CONSUMER, &r.item[r.head]));
            r.head = (r.head + 1) % SLOTS;
            r.count--;
            served++;
            get_waiting = false;
            if (nheld > 0) {              /* room again: take the oldest held PUT */
                push(&r, &held[0]);
                ASSERT_OK(ipc_reply(held[0].src, &held[0]));
                for (int i = 1; i < nheld; i++)
                    held[i - 1] = held[i];
                nheld--;
            }
        }
    }
    printf("prodcons: buffer done, it was full %d times\n", full);
}

static void producer(void)
{
    for (uint32_t seq = 0; seq < ITEMS; seq++) {
        struct message m = { .type = PUT };
        m.words[0] = (uint32_t)task_self();
        m.words[1] = seq;
        ASSERT_OK(ipc_call(BUFFER, &m));
    }
}

static void consumer(void)
{
    uint32_t next[TASK_MAX] = { 0 }, digest = 2166136261u;   /* FNV-1a */
    bool ok = true;
    for (int i = 0; i < NPRODUCERS * ITEMS; i++) {
        struct message m = { .type = GET };
        ASSERT_OK(ipc_call(BUFFER, &m));
        task_t from = (task_t)m.words[0];
        if (m.type != PUT || (from != PRODUCER1 && from != PRODUCER2) ||
            m.words[1] != next[from]) {
            printf("FAIL prodcons: item %d is %u from task %d\n", i, m.words[1], from);
            ok = false;
            continue;
        }
        next[from]++;
        digest = (digest ^ (uint32_t)from) * 16777619u;
    }
    printf("prodcons: order %08x\n", digest);
    CHECK(ok && next[PRODUCER1] == ITEMS && next[PRODUCER2] == ITEMS,
          "prodcons: every item exactly once, in its producer's order");
}

int main(void)
{
    switch (task_self()) {
    case BUFFER: buffer(); break;
    case PRODUCER1: case PRODUCER2: producer(); break;
    case CONSUMER: consumer(); break;
    default: printf("FAIL prodcons: unexpected task id %d\n", task_self());
    }
    return 0;
}
