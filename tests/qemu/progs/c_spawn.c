/* c_spawn.c - conformance, spawn: task_spawn, task_kill and task_death.
 * The boss (privileged) spawns victims (c_victim.c), kills each in one
 * kind of wait, and checks that the ids it held go stale, that whoever
 * waited on a victim wakes with an error and that the kobjects() counts
 * come back; `plain`, not privileged, is refused everything. */
#include <baton_test.h>
#include "spawn_test.h"

enum { BOSS = 1, PLAIN = 2 };
#define CYCLES 1000

static const struct task_grants victim_grants = { .recv_ports = 1u << SPAWN_PORT };

struct counts { long pages, tasks, chans, queued, dead; };

static struct counts counts(void)
{
    return (struct counts){ kobjects(KOBJ_PAGES), kobjects(KOBJ_TASKS),
                            kobjects(KOBJ_CHANNELS), kobjects(KOBJ_QUEUED),
                            kobjects(KOBJ_DEAD) };
}

static bool counts_equal(struct counts a, struct counts b)
{
    return a.pages == b.pages && a.tasks == b.tasks && a.chans == b.chans &&
           a.queued == b.queued && a.dead == b.dead;
}

static task_t spawn_victim(void)
{
    return task_spawn("victim", "c_victim", 3, &victim_grants);
}

static void order(task_t v, int what, uint32_t word)
{
    struct message m = { .type = what, .words = { word } };
    CHECK_EQ(ipc_send(v, &m), OK, "spawn: a victim takes its order");
}

/* Read the death of v: killed by us, or as `cause` says. Its NOTIFY_DEATH
 * is taken too, if still pending (notification_rcv(0): from the kernel). */
static void check_death(task_t v, int cause, const char *what)
{
    notification_rcv(0);
    struct task_death d;
    CHECK_EQ(task_death(&d), OK, what);
    if (d.id != v || d.cause != cause)
        printf("FAIL %s: death of %d cause %d, want %d cause %d\n", what, d.id,
               d.cause, v, cause);
    else if (cause == TASK_DEATH_KILLED && d.killer != task_self())
        printf("FAIL %s: killer %d\n", what, d.killer);
}

static void refused(void)
{
    struct task_grants g = { 0 };
    CHECK_EQ(task_spawn("x", "c_victim", 3, &g), ERR_NOT_PERMITTED, "spawn: unprivileged spawn refused");
    CHECK_EQ(task_kill(BOSS), ERR_NOT_PERMITTED, "spawn: unprivileged kill refused");
    struct task_death d;
    CHECK_EQ(task_death(&d), ERR_NOT_PERMITTED, "spawn: unprivileged death query refused");
}

static void bad_requests(void)
{
    struct task_grants more = { .send_ports = 1u << 9 };
    CHECK_EQ(task_spawn("x", "c_victim", 3, &more), ERR_NOT_PERMITTED, "spawn: a port the creator lacks");
    struct task_grants irq = { .irqs = 1u << IRQ_UART };
    CHECK_EQ(task_spawn("x", "c_victim", 3, &irq), ERR_NOT_PERMITTED, "spawn: an irq the creator lacks");
    struct task_grants flag = { .flags = 1u << 7 };
    CHECK_EQ(task_spawn("x", "c_victim", 3, &flag), ERR_INVALID_ARG, "spawn: an unknown flag");
    CHECK_EQ(task_spawn("x", "no_such_prog", 3, NULL), ERR_NOT_FOUND, "spawn: an unknown program");
    CHECK_EQ(task_spawn("x", "hello", 3, NULL), ERR_NOT_FOUND, "spawn: a program not in this image");
    CHECK_EQ(task_spawn("x", "c_victim", 0, NULL), ERR_INVALID_ARG, "spawn: priority 0");
    CHECK_EQ(task_spawn("x", "c_victim", 8, NULL), ERR_INVALID_ARG, "spawn: priority 8");
    CHECK_EQ(task_spawn("", "c_victim", 3, NULL), ERR_INVALID_ARG, "spawn: an empty name");
    CHECK_EQ(task_spawn("a-name-too-long-x", "c_victim", 3, NULL), ERR_INVALID_ARG, "spawn: a long name");
    CHECK_EQ(syscall(SYS_TASK_SPAWN, TEST_KERNEL_ADDR, 0, 0, 0, 0, 0), ERR_BAD_ADDRESS,
             "spawn: a request in kernel memory");
    CHECK_EQ(task_kill(task_self()), ERR_INVALID_TASK, "spawn: kill yourself");
    CHECK_EQ(task_kill(0), ERR_INVALID_TASK, "spawn: kill the kernel");
    CHECK_EQ(task_kill(TASK_MAX - 1), ERR_NOT_FOUND, "spawn: kill an unused slot");
    CHECK_EQ(task_kill(999999), ERR_NOT_FOUND, "spawn: kill an id that never was");
    CHECK_EQ(task_kill(-3), ERR_NOT_FOUND, "spawn: kill a negative id");
    struct task_death d;
    CHECK_EQ(task_death(&d), ERR_EMPTY, "spawn: no death to read yet");
    CHECK_EQ(syscall(SYS_TASK_DEATH, TEST_KERNEL_ADDR, 0, 0, 0, 0, 0), ERR_BAD_ADDRESS,
             "spawn: a death record in kernel memory");
}

/* Kill a victim waiting as ordered; the counts must come back. */
static void kill_waiting(int what, const char *name)
{
    struct counts before = counts();
    task_t v = spawn_victim();
    CHECK(v > 0, "spawn: a victim is spawned");
    order(v, what, 0);
    struct message m;
    if (what == V_CALL)               /* take its call: it awaits our reply */
        CHECK_EQ(ipc_recv(v, &m), OK, "spawn: boss takes the victim's call");
    sleep_ms(30);                     /* the victim runs into its wait */
    if (what == V_SEND || what == V_CALL)
        CHECK_EQ(kobjects(KOBJ_QUEUED), before.queued + (what == V_SEND),
                 "spawn: a queued victim counts");
    CHECK_EQ(task_kill(v), OK, name);
    CHECK_EQ(notification_rcv(0), OK, "spawn: a kill notifies the supervisor");
    CHECK_EQ(task_kill(v), ERR_NOT_FOUND, "spawn: a dead victim cannot be killed twice");
    m = (struct message){ .type = MSG_USER };
    CHECK_EQ(ipc_send_noblock(v, &m), ERR_NOT_FOUND, "spawn: ipc to a dead victim");
    if (what == V_CALL)
        CHECK_EQ(ipc_reply(v, &m), ERR_NOT_FOUND, "spawn: reply to a dead caller");
    if (what == V_SEND)
        CHECK_EQ(ipc_recv_noblock(IPC_ANY, &m), ERR_WOULD_BLOCK, "spawn: a dead sender's message is gone");
    CHECK_EQ(kobjects(KOBJ_DEAD), before.dead + 1, "spawn: the dead victim awaits its supervisor");
    check_death(v, TASK_DEATH_KILLED, "spawn: the death record of a kill");
    CHECK(counts_equal(counts(), before), "spawn: counts back after a kill");
}

/* A task blocked on the victim wakes with ERR_ABORTED when it is killed. */
static void kill_awaited(void)
{
    struct counts before = counts();
    task_t v = spawn_victim(), w = spawn_victim();
    order(v, V_SLEEP, 0);
    order(w, V_CALL_VICTIM, (uint32_t)v);
    sleep_ms(30);
    CHECK_EQ(kobjects(KOBJ_QUEUED), before.queued + 1, "spawn: a caller waits on the victim");
    CHECK_EQ(task_kill(v), OK, "spawn: kill a task someone calls");
    struct message m;
    CHECK_EQ(ipc_recv(w, &m), OK, "spawn: its caller reports");
    CHECK_EQ((error_t)m.words[0], ERR_ABORTED, "spawn: the caller of a killed task gets ERR_ABORTED");
    check_death(v, TASK_DEATH_KILLED, "spawn: the killed task's death");
    for (int i = 0; i < 100 && kobjects(KOBJ_DEAD) == before.dead; i++)
        sleep_ms(10);
    check_death(w, TASK_DEATH_EXIT, "spawn: the caller's exit");
    CHECK(counts_equal(counts(), before), "spawn: counts back after a kill and an exit");
}

/* Exits and faults reach the supervisor as NOTIFY_DEATH, then a record. */
static void deaths(void)
{
    task_t v = spawn_victim();
    order(v, V_EXIT, 7);
    struct message m;
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "spawn: the supervisor hears");
    CHECK(m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_DEATH) &&
          (m.notifications.senders & 1u), "spawn: NOTIFY_DEATH, from the kernel");
    struct task_death d;
    CHECK_EQ(task_death(&d), OK, "spawn: read an exit");
    CHECK(d.id == v && d.cause == TASK_DEATH_EXIT && d.status == 7 &&
          strcmp(d.name, "victim") == 0, "spawn: an exit's record: id, status, name");
    v = spawn_victim();
    order(v, V_FAULT, 0);
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "spawn: the supervisor hears of a fault");
    CHECK_EQ(task_death(&d), OK, "spawn: read a fault");
    CHECK(d.id == v && d.cause == TASK_DEATH_FAULT && d.status == -1 &&
          d.addr == 0x45000000u && d.pc != 0, "spawn: a fault's record: pc and address");
    CHECK_EQ(task_death(&d), ERR_EMPTY, "spawn: every death read once");
}

/* A slot's next task gets a new id; the old one reaches nobody. */
static void stale_id(void)
{
    task_t a = spawn_victim();
    CHECK_EQ(task_kill(a), OK, "spawn: kill a never-run task");
    check_death(a, TASK_DEATH_KILLED, "spawn: its death");
    task_t b = spawn_victim();
    CHECK(b > 0 && b != a && TASK_SLOT(b) == TASK_SLOT(a), "spawn: the slot reused, with a new id");
    struct message m = { .type = MSG_USER };
    CHECK_EQ(ipc_send_noblock(a, &m), ERR_NOT_FOUND, "spawn: ipc_send to a stale id");
    CHECK_EQ(ipc_call(a, &m), ERR_NOT_FOUND, "spawn: ipc_call to a stale id");
    CHECK_EQ(ipc_notify(a, NOTIFY_USER(0)), ERR_NOT_FOUND, "spawn: ipc_notify to a stale id");
    CHECK_EQ(notification_rcv(a), ERR_NOT_FOUND, "spawn: notification_rcv from a stale id");
    CHECK_EQ(task_kill(a), ERR_NOT_FOUND, "spawn: task_kill of a stale id");
    CHECK_EQ(ipc_notify(b, NOTIFY_USER(0)), OK, "spawn: the new id works");
    CHECK_EQ(task_kill(b), OK, "spawn: kill the new task");
    check_death(b, TASK_DEATH_KILLED, "spawn: the new task's death");
}

/* Fill the table: a clear error, and nothing kept by the failed spawn. */
static void table_full(void)
{
    struct counts before = counts();
    task_t ids[TASK_MAX];
    int n = 0;
    task_t id;
    while (n < TASK_MAX && (id = spawn_victim()) > 0)
        ids[n++] = id;
    CHECK_EQ(id, ERR_TABLE_FULL, "spawn: a full table is ERR_TABLE_FULL");
    CHECK_EQ(n, TASK_MAX - 1 - before.tasks, "spawn: every free slot was used");
    long pages = kobjects(KOBJ_PAGES);
    CHECK_EQ(spawn_victim(), ERR_TABLE_FULL, "spawn: still full");
    CHECK_EQ(kobjects(KOBJ_PAGES), pages, "spawn: a refused spawn takes no page");
    for (int i = 0; i < n; i++)
        task_kill(ids[i]);
    struct task_death d;
    int read = 0;
    while (task_death(&d) == OK)
        read++;
    CHECK_EQ(read, n, "spawn: every death of the full table read");
    notification_rcv(0);
    CHECK(counts_equal(counts(), before), "spawn: counts back after a full table");
}

static void cycles(void)
{
    struct counts before = counts();
    task_t last = 0;
    int bad = 0;
    for (int i = 0; i < CYCLES; i++) {
        task_t v = spawn_victim();
        struct task_death d;
        if (v <= 0 || v == last || task_kill(v) != OK || task_death(&d) != OK || d.id != v)
            bad++;
        last = v;
    }
    CHECK_EQ(bad, 0, "spawn: 1000 spawn/kill cycles, each id new");
    notification_rcv(0);
    CHECK(counts_equal(counts(), before), "spawn: counts back after 1000 cycles");
}

static void boss(void)
{
    struct counts start = counts();
    bad_requests();
    static const struct { int what; const char *name; } waits[] = {
        { V_READY, "spawn: kill a ready task" },
        { V_SLEEP, "spawn: kill a sleeping task" },
        { V_RECV, "spawn: kill a task in recv(boss)" },
        { V_RECV_ANY, "spawn: kill a task in recv(any)" },
        { V_SEND, "spawn: kill a queued sender" },
        { V_CALL, "spawn: kill a caller awaiting its reply" },
        { V_CONSOLE, "spawn: kill a task reading the console" },
        { V_CHANNEL, "spawn: kill a task blocked on a channel" },
    };
    for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++)
        kill_waiting(waits[i].what, waits[i].name);
    kill_awaited();
    deaths();
    stale_id();
    table_full();
    cycles();
    /* plain, a boot task we supervise, exits: we hear of it too. */
    struct message m = { .type = MSG_USER };
    CHECK_EQ(ipc_send(PLAIN, &m), OK, "spawn: plain may go");
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "spawn: hear of plain's exit");
    check_death(PLAIN, TASK_DEATH_EXIT, "spawn: the boot task's death");
    struct counts end = counts();
    CHECK(end.tasks == start.tasks - 1 && end.dead == 0 && end.pages < start.pages &&
          end.chans == start.chans && end.queued == start.queued, "spawn: only plain is gone");
    printf("spawn: done\n");
}

int main(void)
{
    if (task_self() == BOSS) {
        boss();
        return 0;
    }
    refused();
    struct message m;
    ipc_recv(BOSS, &m);
    return 0;
}
