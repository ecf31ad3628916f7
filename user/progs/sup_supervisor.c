/* sup_supervisor.c - the supervisor demo's first task, privileged in the
 * manifest: it starts the server, restarts it each time it dies, tells
 * clients where it is, and when every client is done stops it and exits
 * (docs/supervisor.md). Deaths arrive as NOTIFY_DEATH, then task_death()
 * says whose and why. */
#include "sup_proto.h"

static task_t server;
static int restarts;

static void start_server(void)
{
    server = task_spawn("server", "sup_server", 4, NULL);
    if (server < 0) {
        printf("supervisor: cannot start the server: %s\n", err2str(server));
        exit(1);
    }
}

/* Read every death the kernel has for us; restart the server if it was
 * one of them (unless we are stopping it). */
static void reap(bool stopping)
{
    struct task_death d;
    while (task_death(&d) == OK) {
        if (d.cause == TASK_DEATH_FAULT)
            printf("supervisor: %s (%d) faulted at pc %p, address %p\n", d.name,
                   d.id, (void *)(uintptr_t)d.pc, (void *)(uintptr_t)d.addr);
        else if (d.cause == TASK_DEATH_KILLED)
            printf("supervisor: %s (%d) was killed by %d\n", d.name, d.id, d.killer);
        else
            printf("supervisor: %s (%d) exited with status %d\n", d.name, d.id, d.status);
        if (d.id == server && !stopping) {
            start_server();
            restarts++;
            trace_mark(MARK_RESTART);
            printf("supervisor: restarted the server as %d (restart %d)\n", server, restarts);
        }
    }
}

int main(void)
{
    start_server();
    int done = 0;
    while (done < SUP_CLIENTS) {
        struct message m;
        ASSERT_OK(ipc_recv(IPC_ANY, &m));
        if (m.type == NOTIFICATIONS_MSG && (m.notifications.data & NOTIFY_DEATH)) {
            printf("supervisor: notified of a death\n");
            reap(false);
        } else if (m.type == SUP_WHERE) {
            reap(false);              /* a death not heard of yet: a fresh id */
            m.words[0] = (uint32_t)server;
            ipc_reply(m.src, &m);
        } else if (m.type == SUP_DONE) {
            done++;
        }
    }
    ASSERT_OK(task_kill(server));
    reap(true);
    printf("supervisor: clients done; the server was restarted %d times\n", restarts);
    return 0;
}
