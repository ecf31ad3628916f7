/* c_fault.c - conformance, ipc_fault: a task that faults or exits wakes those
 * blocked on it (ERR_ABORTED, ERR_CLOSED on its channels), and once they are
 * gone the kobjects() counts are back. Roles by task id, one program for all. */
#include <baton_test.h>

enum {
    WATCHER = 1, CALIB, SERVER, SENDER, CALLER, RECEIVER, ANY, CHANSEND,
    CHANRECV, CALLER2, QUITTER, QCALLER, QRECV, NTASKS = QRECV,
};
enum { GO = MSG_USER, BYE };
enum { SERVER_RECV_PORT = 5, SERVER_SEND_PORT = 6 };

static struct message msg(int type)
{
    struct message m;
    memset(&m, 0, sizeof(m));
    m.type = type;
    return m;
}

static void go(task_t id, uint32_t queued, uint32_t channels)
{
    struct message m = msg(GO);
    m.words[0] = queued;
    m.words[1] = channels;
    CHECK_EQ(ipc_send(id, &m), OK, "fault: watcher starts a task");
}

/* Wait (bounded) until only `n` tasks are left. */
static void wait_tasks(long n)
{
    for (int i = 0; i < 500 && kobjects(KOBJ_TASKS) != n; i++)
        sleep_ms(10);
    CHECK_EQ(kobjects(KOBJ_TASKS), n, "fault: the dead tasks are gone");
}

static void watcher(void)
{
    long pages = kobjects(KOBJ_PAGES), tasks = kobjects(KOBJ_TASKS);
    long chans = kobjects(KOBJ_CHANNELS), queued = kobjects(KOBJ_QUEUED);
    CHECK_EQ(tasks, NTASKS, "fault: all tasks alive at the start");
    /* One task of this program exits cleanly: what it frees is the cost
     * of each task here. */
    go(CALIB, 0, 0);
    long per_task = pages - kobjects(KOBJ_PAGES);
    CHECK(per_task > 0, "fault: an exited task gives its pages back");
    CHECK_EQ(kobjects(KOBJ_TASKS), tasks - 1, "fault: KOBJ_TASKS counts an exit");

    /* The server opens its channel ends and waits for CALLER2's call; the
     * others block on it one by one; CALLER2's call makes it fault. */
    for (task_t id = SERVER; id <= CALLER2; id++)
        go(id, (uint32_t)queued, (uint32_t)chans);
    wait_tasks(NTASKS - 8);          /* left: watcher, ANY and the quitter's group */

    /* The quitter takes QCALLER's call and exits without a reply. */
    go(QUITTER, 0, 0);
    go(QRECV, 0, 0);
    go(QCALLER, 0, 0);
    wait_tasks(2);                   /* left: watcher, ANY */
    CHECK_EQ(kobjects(KOBJ_QUEUED), queued, "fault: KOBJ_QUEUED is back where it was");

    /* ANY waits in recv(any): no death concerned it. */
    struct message m = msg(BYE);
    m.words[0] = 0xb1e;
    CHECK_EQ(ipc_send(ANY, &m), OK, "fault: the task in recv(any) still waits");
    wait_tasks(1);
    CHECK_EQ(kobjects(KOBJ_PAGES), pages - per_task * (NTASKS - 1),
             "fault: KOBJ_PAGES is back where it was");
    CHECK_EQ(kobjects(KOBJ_CHANNELS), chans, "fault: KOBJ_CHANNELS is back where it was");
    CHECK_EQ(kobjects(KOBJ_QUEUED), queued, "fault: KOBJ_QUEUED is still where it was");
    /* No task is privileged here: nobody supervises, no dead task is kept. */
    CHECK_EQ(kobjects(KOBJ_DEAD), 0, "fault: no dead task kept without a supervisor");
    printf("fault: counts measured\n");
}

static void server(const struct message *start)
{
    channel_handle in, out;
    CHECK_EQ(channel_open(&in, SERVER_RECV_PORT, CHANNEL_RECEIVE), OK, "fault: server opens a receive end");
    CHECK_EQ(channel_open(&out, SERVER_SEND_PORT, CHANNEL_SEND), OK, "fault: server opens a send end");
    struct message m;
    CHECK_EQ(ipc_recv(CALLER2, &m), OK, "fault: server takes CALLER2's call");
    /* Blocked on us now: SENDER and CALLER queued, RECEIVER in recv(us),
     * CALLER2 awaiting our reply, CHANSEND and CHANRECV on our channels. */
    CHECK_EQ(kobjects(KOBJ_QUEUED), (long)start->words[0] + 2, "fault: KOBJ_QUEUED counts two queued senders");
    CHECK_EQ(kobjects(KOBJ_CHANNELS), (long)start->words[1] + 2, "fault: KOBJ_CHANNELS counts two open channels");
    printf("fault: server faults now\n");
    *(volatile uint32_t *)0x45000000u = 1;       /* unmapped: fatal */
    printf("FAIL fault: the server survived its fault\n");
}

static void quitter(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(QCALLER, &m), OK, "fault: quitter takes a call");
    printf("fault: quitter exits without replying\n");
}

static void client(task_t me)
{
    struct message m = msg(MSG_USER + 2);
    channel_handle h;
    uint8_t buf[8] = "payload";
    switch (me) {
    case SENDER:
        CHECK_EQ(ipc_send(SERVER, &m), ERR_ABORTED, "fault: a queued sender gets ERR_ABORTED");
        break;
    case CALLER:
        CHECK_EQ(ipc_call(SERVER, &m), ERR_ABORTED, "fault: a queued caller gets ERR_ABORTED");
        break;
    case CALLER2:
        CHECK_EQ(ipc_call(SERVER, &m), ERR_ABORTED, "fault: a caller awaiting the reply gets ERR_ABORTED");
        break;
    case RECEIVER:
        CHECK_EQ(ipc_recv(SERVER, &m), ERR_ABORTED, "fault: a task in recv(server) gets ERR_ABORTED");
        break;
    case ANY:
        CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "fault: a task in recv(any) is not woken by a death");
        CHECK(m.src == WATCHER && m.type == BYE && m.words[0] == 0xb1e,
              "fault: recv(any) gets the next real message");
        break;
    case CHANSEND:
        CHECK_EQ(channel_open(&h, SERVER_RECV_PORT, CHANNEL_SEND), OK, "fault: open the send end");
        CHECK_EQ(channel_send(&h, buf, sizeof(buf)), ERR_CLOSED,
                 "fault: channel_send to a dead receiver gets ERR_CLOSED");
        break;
    case CHANRECV:
        CHECK_EQ(channel_open(&h, SERVER_SEND_PORT, CHANNEL_RECEIVE), OK, "fault: open the receive end");
        CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), ERR_CLOSED,
                 "fault: channel_rcv from a dead sender gets ERR_CLOSED");
        break;
    case QCALLER:
        CHECK_EQ(ipc_call(QUITTER, &m), ERR_ABORTED, "fault: a caller of an exiting task gets ERR_ABORTED");
        break;
    case QRECV:
        CHECK_EQ(ipc_recv(QUITTER, &m), ERR_ABORTED, "fault: a task in recv(exiting task) gets ERR_ABORTED");
        break;
    }
}

int main(void)
{
    task_t me = task_self();
    if (me == WATCHER) {
        watcher();
        return 0;
    }
    struct message start;
    CHECK_EQ(ipc_recv(WATCHER, &start), OK, "fault: wait for the watcher");
    if (me == CALIB)
        return 0;
    if (me == SERVER)
        server(&start);
    else if (me == QUITTER)
        quitter();
    else
        client(me);
    return 0;
}
