/* sup_server.c - the supervisor demo's server: it squares numbers, and
 * has a bug: every SUP_FAULT_EVERY-th request makes it write through a
 * null pointer. The kernel kills it; its caller gets ERR_ABORTED; its
 * supervisor (sup_supervisor.c) hears of the death and starts a new one.
 * It answers with ipc_replyrecv: the answer and the next request in one
 * system call, the IPC fast path's round trip (docs/ipc.md). */
#include "sup_proto.h"

int main(void)
{
    printf("server %d: up\n", task_self());
    struct message m;
    error_t err = ipc_recv(IPC_ANY, &m);
    for (int served = 1;; served++) {
        if (err != OK || m.type != SRV_SQUARE) {    /* nothing to answer */
            err = ipc_recv(IPC_ANY, &m);
            continue;
        }
        uint32_t n = m.words[0];
        if (served % SUP_FAULT_EVERY == 0) {
            printf("server %d: request %u from %d hits the bug\n", task_self(),
                   (unsigned)n, m.src);
            *(volatile uint32_t *)0 = n;        /* the fault */
        }
        m.words[0] = n * n;
        err = ipc_replyrecv(m.src, &m);
        if (err != OK)                          /* the caller is gone: */
            err = ipc_recv(IPC_ANY, &m);        /* wait for the next one */
    }
}
