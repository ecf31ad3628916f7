/* test_model.c - the IPC state model and its question "what was the state
 * at time t": task states and who waits on whom through a call and its
 * reply, channels, pending notifications with senders, async queues, a
 * task's death; periodic copies agree with a replay from the start. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "tracer_test.h"
#include "model.h"

#define NT TR_NO_TASK

static struct tr_model m;
static struct tr_state s;

static void add(uint64_t ts, unsigned type, unsigned subj, unsigned peer,
                unsigned aux, uint32_t a)
{
    struct tr_event e = { .ts = ts, .type = (uint8_t)type, .subj = (uint8_t)subj,
                          .peer = (uint8_t)peer, .aux = (uint8_t)aux, .a = a };
    struct tr_extra x = { NULL, 0 };
    cr_assert(tr_model_add(&m, &e, &x));
}

static void at(uint64_t ts)
{
    tr_model_state_at(&m, ts, &s);
}

static void expect_task(unsigned id, unsigned state, unsigned wait, unsigned peer)
{
    cr_expect_eq(s.task[id].state, state, "task %u state %u, not %u (t=%llu)", id,
                 s.task[id].state, state, (unsigned long long)s.ts);
    cr_expect_eq(s.task[id].wait, wait, "task %u wait %u, not %u", id, s.task[id].wait, wait);
    cr_expect_eq(s.task[id].peer, peer, "task %u peer %u, not %u", id, s.task[id].peer, peer);
}

/* client 1 calls server 2, which was waiting in an open receive. */
Test(model, call_and_reply)
{
    tr_model_init(&m, 3);                       /* copies every 3 events */
    add(10, TRACE_EV_TASK_CREATE, NT, 1, 3, 0);
    add(11, TRACE_EV_TASK_CREATE, NT, 2, 4, 0);
    add(20, TRACE_EV_SWITCH, 0, 2, 0, 0);
    add(30, TRACE_EV_RECV_BLOCK, 2, 0, 0, 0);
    add(40, TRACE_EV_SWITCH, 2, 1, 0, 0);
    add(50, TRACE_EV_MSG_CALL, 1, 2, 0, 0);
    add(51, TRACE_EV_WAKE, NT, 2, 0, 0);
    add(60, TRACE_EV_SWITCH, 1, 2, 0, 0);
    add(70, TRACE_EV_MSG_REPLY, 2, 1, 0, 0);
    add(71, TRACE_EV_WAKE, NT, 1, 0, 0);
    at(35);
    expect_task(2, TRACE_STATE_BLOCKED, TRACE_WAIT_RECV, 0);
    expect_task(1, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    at(45);
    expect_task(1, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.running, 1);
    at(55);                                     /* the call: awaiting reply */
    expect_task(1, TRACE_STATE_BLOCKED, TRACE_WAIT_REPLY, 2);
    expect_task(2, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    at(65);
    expect_task(2, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, NT);
    at(1000);
    expect_task(1, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.task[1].sent, 1);
    cr_expect_eq(s.task[2].received, 1);
    at(5);                                      /* before anything */
    expect_task(1, TRACE_STATE_UNKNOWN, TRACE_WAIT_NONE, NT);
    tr_model_free(&m);
}

/* Without sched events (category off) a rendezvous still unblocks. */
Test(model, rendezvous_without_sched_events)
{
    tr_model_init(&m, 0);
    add(10, TRACE_EV_SEND_BLOCK, 1, 2, 0, 0);
    add(20, TRACE_EV_MSG_SEND, 1, 2, 0, 0);     /* 2 took it from its queue */
    at(15);
    expect_task(1, TRACE_STATE_BLOCKED, TRACE_WAIT_SEND, 2);
    at(20);
    expect_task(1, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    add(30, TRACE_EV_CALL_BLOCK, 1, 2, 0, 0);
    add(40, TRACE_EV_MSG_CALL, 1, 2, 0, 0);
    at(40);
    expect_task(1, TRACE_STATE_BLOCKED, TRACE_WAIT_REPLY, 2);
    tr_model_free(&m);
}

Test(model, channels)
{
    tr_model_init(&m, 0);
    add(10, TRACE_EV_CHAN_OPEN, 2, NT, 1 | TRACE_PORT_RECV, 0);
    add(11, TRACE_EV_CHAN_OPEN, 1, NT, 1, 0);
    add(20, TRACE_EV_CHAN_BLOCK, 2, NT, 1 | TRACE_PORT_RECV, 0);
    add(30, TRACE_EV_CHAN_XFER, 1, 2, 1 | TRACE_PORT_SHARED, 4096);
    add(40, TRACE_EV_CHAN_BLOCK, 1, NT, 1, 0);
    add(50, TRACE_EV_CHAN_CLOSE, 2, NT, 1 | TRACE_PORT_RECV, 0);
    at(25);
    expect_task(2, TRACE_STATE_BLOCKED, TRACE_WAIT_CHANNEL, 1);
    cr_expect_eq(s.chan[1].end[0], 1);
    cr_expect_eq(s.chan[1].end[1], 2);
    cr_expect_eq(s.chan[1].waiting, 2);
    at(30);
    expect_task(2, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.chan[1].transfers, 1);
    cr_expect_eq(s.chan[1].last_size, 4096);
    cr_expect(s.chan[1].last_shared);
    at(45);
    expect_task(1, TRACE_STATE_BLOCKED, TRACE_WAIT_CHANNEL, 2);
    at(50);                                     /* the peer closed: woken */
    expect_task(1, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.chan[1].end[1], NT);
    tr_model_free(&m);
}

Test(model, notifications_with_senders)
{
    tr_model_init(&m, 0);
    add(10, TRACE_EV_NOTIFY_SEND, 1, 3, 0, 0x4);
    add(20, TRACE_EV_NOTIFY_SEND, 0, 3, 0, 0x1);        /* a timer */
    add(30, TRACE_EV_NOTIFY_SEND, 1, 3, 0, 0x8);
    add(40, TRACE_EV_NOTIFY_DELIVER, 3, 1, 0, 0xc);
    at(35);
    cr_expect_eq(s.task[3].pending, 0xd);
    cr_expect_eq(s.task[3].senders, (1u << 0) | (1u << 1));
    cr_expect_eq(s.task[3].from_bits[1], 0xc);
    at(40);
    cr_expect_eq(s.task[3].pending, 0x1);
    cr_expect_eq(s.task[3].senders, 1u << 0);
    tr_model_free(&m);
}

Test(model, async_queues)
{
    tr_model_init(&m, 0);
    for (unsigned d = 1; d <= 16; d++)
        add(d, TRACE_EV_ASYNC_ENQUEUE, 4, 5, 0, d);
    add(17, TRACE_EV_ASYNC_FULL, 4, 5, 0, 16);
    add(18, TRACE_EV_ASYNC_PULL, 5, 4, 0, 0);
    add(19, TRACE_EV_ASYNC_DELIVER, 4, 5, 0, 15);
    at(8);
    cr_expect_eq(s.queue[4][5].depth, 8);
    at(100);
    cr_expect_eq(s.queue[4][5].depth, 15);
    cr_expect_eq(s.queue[4][5].high, 16);
    cr_expect_eq(s.queue[4][5].full, 1);
    tr_model_free(&m);
}

/* A task's death wakes whoever waited on it and closes its ends. */
Test(model, task_exit)
{
    tr_model_init(&m, 0);
    add(10, TRACE_EV_CHAN_OPEN, 2, NT, 3, 0);
    add(20, TRACE_EV_CALL_BLOCK, 1, 2, 0, 0);
    add(21, TRACE_EV_RECV_BLOCK, 3, 0, 0, 0);       /* from anyone: stays */
    add(30, TRACE_EV_TASK_EXIT, 2, NT, 0, (uint32_t)-1);
    at(30);
    expect_task(2, TRACE_STATE_DEAD, TRACE_WAIT_NONE, NT);
    expect_task(1, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    expect_task(3, TRACE_STATE_BLOCKED, TRACE_WAIT_RECV, 0);
    cr_expect_eq(s.chan[3].end[0], NT);
    tr_model_free(&m);
}

/* Task 1 kills task 2 (the exit's peer is its killer) and spawns a task
 * into the same slot: 1 runs throughout, the lane of slot 2 goes dead,
 * then ready again with the new task's priority. */
Test(model, kill_and_slot_reuse)
{
    tr_model_init(&m, 2);
    add(10, TRACE_EV_TASK_CREATE, NT, 1, 5, 0);
    add(11, TRACE_EV_TASK_CREATE, NT, 2, 3, 0);
    add(20, TRACE_EV_SWITCH, 0, 2, 0, 0);
    add(30, TRACE_EV_RECV_BLOCK, 2, 1, 0, 0);
    add(40, TRACE_EV_SWITCH, 2, 1, 0, 0);
    add(50, TRACE_EV_TASK_EXIT, 2, 1, 0, (uint32_t)-1);     /* killed by 1 */
    add(60, TRACE_EV_TASK_CREATE, 1, 2, 4, 0);              /* spawned by 1 */
    at(55);
    expect_task(2, TRACE_STATE_DEAD, TRACE_WAIT_NONE, NT);
    expect_task(1, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.running, 1);
    at(60);
    expect_task(2, TRACE_STATE_READY, TRACE_WAIT_NONE, NT);
    cr_expect_eq(s.task[2].prio, 4);
    expect_task(1, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, NT);
    tr_model_free(&m);
}

/* Copies every 7 events + a replay must equal one replay from the start,
 * at every point of a long pseudo-random trace. */
Test(model, copies_agree_with_full_replay)
{
    tr_model_init(&m, 7);
    srand(3);
    static const unsigned types[] = {
        TRACE_EV_SWITCH, TRACE_EV_WAKE, TRACE_EV_MSG_SEND, TRACE_EV_MSG_CALL,
        TRACE_EV_MSG_REPLY, TRACE_EV_RECV_BLOCK, TRACE_EV_SEND_BLOCK,
        TRACE_EV_NOTIFY_SEND, TRACE_EV_NOTIFY_DELIVER, TRACE_EV_CHAN_OPEN,
        TRACE_EV_CHAN_BLOCK, TRACE_EV_CHAN_XFER, TRACE_EV_ASYNC_ENQUEUE,
        TRACE_EV_TASK_EXIT, TRACE_EV_TASK_CREATE,
    };
    for (uint64_t i = 0; i < 3000; i++)
        add(i * 3, types[rand() % 15], rand() % 6, rand() % 6, rand() % 8, rand() % 9);
    struct tr_state replay;
    tr_state_init(&replay);
    for (size_t n = 0; n <= m.count; n++) {
        tr_model_state_after(&m, n, &s);
        cr_assert(memcmp(&s, &replay, sizeof(s)) == 0, "state after %zu events", n);
        if (n < m.count)
            tr_state_apply(&replay, &m.events[n], NULL);
    }
    tr_model_free(&m);
}

/* Through the kernel's encoder and the decoder into the model. */
static void to_model(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    tr_model_add(ctx, e, x);
}

Test(model, from_the_kernel_encoder)
{
    boot_with_tasks();
    trace_drain();                  /* the metadata: the fake kernel's state */
    hk_uart_clear();
    trace_switch(0, 2);
    trace_ipc_recv_block(2, 0);
    trace_switch(2, 1);
    trace_ipc_xfer(1, 2, TRACE_MSG_CALL);
    trace_wake(2);
    trace_switch(1, 2);
    trace_drain();
    size_t len;
    const uint8_t *p = hk_uart(&len);
    static struct tr_decoder d;
    static const struct tr_decode_ops ops = { to_model, NULL, NULL };
    tr_model_init(&m, 2);
    tr_decoder_init(&d, &ops, &m);
    tr_decoder_feed(&d, p, len);
    tr_decoder_end(&d);
    tr_model_state_after(&m, m.count, &s);
    expect_task(1, TRACE_STATE_BLOCKED, TRACE_WAIT_REPLY, 2);
    expect_task(2, TRACE_STATE_RUNNING, TRACE_WAIT_NONE, NT);
    tr_model_free(&m);
}
