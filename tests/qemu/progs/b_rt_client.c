/* b_rt_client.c - the round-trip benchmark: RT_COUNT ipc_call + ipc_reply
 * round trips with the server (task 1), then one message to stop it. It
 * measures nothing itself: scripts/bench-sim.sh times the whole run, in
 * the simulator and in QEMU, on the host's wall clock. */
#include <baton.h>

#define SERVER   1
#define RT_COUNT 200000
#define RT_DONE  (MSG_USER + 1)

int main(void)
{
    struct message m = { .type = MSG_USER };
    for (int i = 0; i < RT_COUNT; i++) {
        m.type = MSG_USER;
        m.words[0] = (uint32_t)i;
        if (ipc_call(SERVER, &m) != OK || m.words[0] != (uint32_t)i) {
            printf("rt: round trip %d failed\n", i);
            return 1;
        }
    }
    m.type = RT_DONE;
    ASSERT_OK(ipc_send(SERVER, &m));
    printf("rt: %d round trips\n", RT_COUNT);
    return 0;
}
