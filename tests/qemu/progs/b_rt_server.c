/* b_rt_server.c - the server of the round-trip benchmark (b_rt_client.c):
 * answer every call with its own message until the client says it is done.
 * Task 1 of the benchmark's manifest (scripts/bench-sim.sh). */
#include <baton.h>

#define RT_DONE (MSG_USER + 1)

int main(void)
{
    struct message m;
    for (;;) {
        if (ipc_recv(IPC_ANY, &m) != OK)
            return 1;
        if (m.type == RT_DONE)
            return 0;
        ipc_reply(m.src, &m);
    }
}
