/* c_victim.c - a task for the spawn tests (c_spawn.c) to kill: it takes
 * one order from whoever spawned it, then waits in the way the order
 * names, or exits, or faults. A task that calls it reports what its call
 * returned (V_CALL_VICTIM). */
#include <baton_test.h>
#include "spawn_test.h"

/* Wait as ordered; a kill ends the wait, so nothing after it runs. */
static void wait_as(const struct message *order)
{
    task_t boss = order->src;
    struct message m = { .type = MSG_USER };
    channel_handle h;
    uint8_t buf[8];
    switch (order->type) {
    case V_READY:      for (;;) yield();
    case V_SLEEP:      sleep_ms(1000000); break;
    case V_RECV:       ipc_recv(boss, &m); break;
    case V_RECV_ANY:   ipc_recv(IPC_ANY, &m); break;
    case V_SEND:       ipc_send(boss, &m); break;
    case V_CALL:       ipc_call(boss, &m); break;      /* boss takes it: REPLY */
    case V_CONSOLE:    console_read(buf, 1); break;
    case V_CHANNEL:
        CHECK_EQ(channel_open(&h, SPAWN_PORT, CHANNEL_RECEIVE), OK, "spawn: victim opens its channel");
        channel_rcv(&h, buf, sizeof(buf));
        break;
    case V_EXIT:       exit((int)order->words[0]);
    case V_FAULT:      *(volatile uint32_t *)0x45000000u = 1; break;
    case V_CALL_VICTIM: {
        /* Call another victim, who sleeps: we wait on it until it dies. */
        error_t err = ipc_call((task_t)order->words[0], &m);
        struct message r = { .type = MSG_USER, .words = { (uint32_t)err } };
        ipc_send(boss, &r);
        return;
    }
    }
    printf("FAIL spawn: victim %d left its wait (order %d)\n", task_self(), order->type);
}

int main(void)
{
    struct message order;
    if (ipc_recv(IPC_ANY, &order) != OK)
        return 1;
    wait_as(&order);
    return 0;
}
