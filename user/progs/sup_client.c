/* sup_client.c - a client of the supervisor demo: it wants the squares of
 * SUP_REQUESTS numbers. When its call fails because the server died
 * (ERR_ABORTED) or was replaced (ERR_NOT_FOUND: the old id is stale), it
 * asks the supervisor where the server is now and tries again. */
#include "sup_proto.h"

/* Where the server is now: the supervisor knows. */
static task_t where(void)
{
    struct message m = { .type = SUP_WHERE };
    ASSERT_OK(ipc_call(SUP_SUPERVISOR, &m));
    return (task_t)m.words[0];
}

int main(void)
{
    task_t me = task_self(), server = where();
    uint32_t first = (uint32_t)me * 10;
    int retries = 0;
    for (uint32_t n = first; n < first + SUP_REQUESTS;) {
        struct message m = { .type = SRV_SQUARE, .words = { n } };
        error_t err = ipc_call(server, &m);
        if (err == OK) {
            printf("client %d: %u squared is %u\n", me, (unsigned)n, (unsigned)m.words[0]);
            n++;
            continue;
        }
        printf("client %d: server %d failed (%s), retrying\n", me, server, err2str(err));
        trace_mark(MARK_RETRY);
        retries++;
        sleep_ms(10);                 /* give the supervisor time to restart it */
        server = where();
    }
    printf("client %d: all %d answers, after %d retries\n", me, SUP_REQUESTS, retries);
    struct message done = { .type = SUP_DONE };
    ASSERT_OK(ipc_send(SUP_SUPERVISOR, &done));
    return 0;
}
