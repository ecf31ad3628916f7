/* sup_server.c - the supervisor demo's server: it squares numbers, and
 * has a bug: every SUP_FAULT_EVERY-th request makes it write through a
 * null pointer. The kernel kills it; its caller gets ERR_ABORTED; its
 * supervisor (sup_supervisor.c) hears of the death and starts a new one. */
#include "sup_proto.h"

int main(void)
{
    printf("server %d: up\n", task_self());
    for (int served = 1;; served++) {
        struct message m;
        if (ipc_recv(IPC_ANY, &m) != OK || m.type != SRV_SQUARE)
            continue;
        uint32_t n = m.words[0];
        if (served % SUP_FAULT_EVERY == 0) {
            printf("server %d: request %u from %d hits the bug\n", task_self(),
                   (unsigned)n, m.src);
            *(volatile uint32_t *)0 = n;        /* the fault */
        }
        m.words[0] = n * n;
        ipc_reply(m.src, &m);
    }
}
