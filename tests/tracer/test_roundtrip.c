/* test_roundtrip.c - the kernel's own tracepoints and drain (kernel/trace.c,
 * kernel/trace_wire.c, compiled for the host) against the decoder: every
 * event comes back with every field, whichever wire form was chosen. */
#include <criterion/criterion.h>
#include <string.h>
#include "tracer_test.h"
#include "deadlock.h"

#define NT TR_NO_TASK

/* Check captured event i against the expected fields. */
static void expect(const struct captured *c, size_t i, unsigned type, unsigned subj,
                   unsigned peer, unsigned aux, uint32_t a)
{
    cr_assert_lt(i, c->n, "event %zu missing (%zu decoded)", i, c->n);
    const struct tr_event *e = &c->ev[i];
    cr_expect_eq(e->type, type, "event %zu: type %u, not %u", i, e->type, type);
    cr_expect_eq(e->subj, subj, "event %zu (%s): subject %u, not %u", i,
                 tr_event_name(type), e->subj, subj);
    cr_expect_eq(e->peer, peer, "event %zu (%s): peer %u, not %u", i,
                 tr_event_name(type), e->peer, peer);
    cr_expect_eq(e->aux, aux, "event %zu (%s): aux %u, not %u", i,
                 tr_event_name(type), e->aux, aux);
    cr_expect_eq(e->a, a, "event %zu (%s): a %u, not %u", i, tr_event_name(type), e->a, a);
}

/* The IPC steps of a call and its reply, then the blocking ones. */
static void record_ipc(void)
{
    trace_switch(0, 1);
    trace_ipc_xfer(1, 2, TRACE_MSG_CALL);      /* client is current: short */
    trace_wake(2);
    trace_switch(1, 2);
    trace_ipc_xfer(2, 1, TRACE_MSG_REPLY);
    trace_ipc_recv_block(2, 0);
    trace_ipc_send_block(1, 2, false);         /* not current: SUBJ prefix */
    trace_ipc_send_block(1, 2, true);
    trace_ipc_xfer(1, 2, TRACE_MSG_SEND);      /* seen from server: MSG_TAKE */
    trace_block(2, BLOCK_SLEEP);
}

Test(roundtrip, ipc_events)
{
    boot_with_tasks();
    record_ipc();
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.corrupt, 0);
    expect(c, 0, TRACE_EV_SWITCH, 0, 1, 0, 0);
    expect(c, 1, TRACE_EV_MSG_CALL, 1, 2, 0, 0);
    expect(c, 2, TRACE_EV_WAKE, NT, 2, 0, 0);
    expect(c, 3, TRACE_EV_SWITCH, 1, 2, 0, 0);
    expect(c, 4, TRACE_EV_MSG_REPLY, 2, 1, 0, 0);
    expect(c, 5, TRACE_EV_RECV_BLOCK, 2, 0, 0, 0);
    expect(c, 6, TRACE_EV_SEND_BLOCK, 1, 2, 0, 0);
    expect(c, 7, TRACE_EV_CALL_BLOCK, 1, 2, 0, 0);
    expect(c, 8, TRACE_EV_MSG_SEND, 1, 2, 0, 0);
    expect(c, 9, TRACE_EV_BLOCK, 2, NT, TRACE_WAIT_SLEEP, 0);
    /* Then the metadata set, as a snapshot (tracing was just switched on). */
    cr_expect_eq(c->n, 11);
    cr_expect_eq(c->ev[10].type, TR_EV_SNAPSHOT);
    /* One clock read per event, 10 cycles apart, after trace_init's. */
    for (size_t i = 0; i < 10; i++)
        cr_expect_eq(c->ev[i].ts, 1010 + 10 * i, "event %zu at %llu", i,
                     (unsigned long long)c->ev[i].ts);
}

Test(roundtrip, notify_irq_channel_events)
{
    boot_with_tasks();
    trace_switch(0, 2);
    trace_notify_send(0, 2, 0x5);              /* the kernel: SUBJ 0 */
    trace_notify_deliver(2, 0, 0x5);
    trace_irq(10);
    trace_chan_open(1, 1, CHANNEL_SEND);
    trace_chan_open(2, 1, CHANNEL_RECEIVE);
    trace_chan_block(2, 1, CHANNEL_RECEIVE);
    trace_chan_xfer(1, 2, 1, 4, false);        /* the sender is not current */
    trace_switch(2, 1);
    trace_chan_xfer(1, 2, 1, 4096, true);      /* now it is */
    trace_chan_close(1, 1, CHANNEL_SEND);
    trace_irq_ctl(2, 10, TRACE_IRQ_MASKED);     /* not the current task */
    trace_irq_ctl(1, 10, TRACE_IRQ_ACKED);
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.corrupt, 0);
    expect(c, 1, TRACE_EV_NOTIFY_SEND, 0, 2, 0, 0x5);
    expect(c, 2, TRACE_EV_NOTIFY_DELIVER, 2, 0, 0, 0x5);
    expect(c, 3, TRACE_EV_IRQ, NT, NT, 10, 0);
    expect(c, 4, TRACE_EV_CHAN_OPEN, 1, NT, 1, 0);
    expect(c, 5, TRACE_EV_CHAN_OPEN, 2, NT, 1 | TRACE_PORT_RECV, 0);
    expect(c, 6, TRACE_EV_CHAN_BLOCK, 2, NT, 1 | TRACE_PORT_RECV, 0);
    expect(c, 7, TRACE_EV_CHAN_XFER, 1, 2, 1, 4);
    expect(c, 9, TRACE_EV_CHAN_XFER, 1, 2, 1 | TRACE_PORT_SHARED, 4096);
    expect(c, 10, TRACE_EV_CHAN_CLOSE, 1, NT, 1, 0);
    expect(c, 11, TRACE_EV_IRQ_CTL, 2, NT, 10, TRACE_IRQ_MASKED);
    expect(c, 12, TRACE_EV_IRQ_CTL, 1, NT, 10, TRACE_IRQ_ACKED);
}

Test(roundtrip, task_error_and_user_events)
{
    boot_with_tasks();
    trace_switch(0, 1);
    hk_waits_for(2, 3);
    hk_waits_for(3, 1);
    trace_deadlock(task_lookup(1), task_lookup(2));    /* 1 -> 2 -> 3 -> 1 */
    trace_syscall_ret(1, SYS_IPC, ERR_DEADLOCK);
    trace_syscall_ret(1, SYS_TASK_SELF, 3);            /* no error: nothing */
    trace_task_create(1, 3, 2, "a-long-task-name-cut");
    trace_task_exit(3, -7);
    trace_task_fault(3, 0x40001234u, 0xdeadbeefu);
    uint32_t mark[SYSCALL_NARGS] = { TRACE_CTL_RECORD, TRACE_EV_MARK, 0, 42 };
    uint32_t enq[SYSCALL_NARGS] = { TRACE_CTL_RECORD, TRACE_EV_ASYNC_ENQUEUE, 2, 3 };
    uint32_t bad[SYSCALL_NARGS] = { TRACE_CTL_RECORD, TRACE_EV_SWITCH, 2, 3 };
    cr_expect_eq(trace_sys_ctl(task_lookup(1), mark, NULL), OK);
    cr_expect_eq(trace_sys_ctl(task_lookup(1), enq, NULL), OK);
    cr_expect_eq(trace_sys_ctl(task_lookup(1), bad, NULL), ERR_INVALID_ARG);
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.corrupt, 0);
    expect(c, 1, TRACE_EV_DEADLOCK, 1, 2, 2, 0);
    cr_expect_eq(c->extra_len[1], 2);
    cr_expect(c->extra[1][0] == 2 && c->extra[1][1] == 3);
    expect(c, 2, TRACE_EV_SYSCALL_ERR, 1, NT, SYS_IPC, (uint32_t)ERR_DEADLOCK);
    /* Task 1 runs: it created task 3 (the subject), and ended it (the
     * exit's peer: its killer). */
    expect(c, 3, TRACE_EV_TASK_CREATE, 1, 3, 2, 0);
    cr_expect_eq(c->extra_len[3], 15);
    cr_expect(memcmp(c->extra[3], "a-long-task-nam", 15) == 0);
    expect(c, 4, TRACE_EV_TASK_EXIT, 3, 1, 0, (uint32_t)-7);
    expect(c, 5, TRACE_EV_TASK_FAULT, 3, NT, 0, 0x40001234u);
    cr_expect_eq(c->ev[5].b, 0xdeadbeefu);
    expect(c, 6, TRACE_EV_MARK, 1, NT, 0, 42);
    expect(c, 7, TRACE_EV_ASYNC_ENQUEUE, 1, 2, 0, 3);
}

/* A task that ends itself has no killer; one ended by the running task
 * names it. Ids with a generation (task 259: slot 3) travel as their slot. */
Test(roundtrip, exit_and_kill)
{
    boot_with_tasks();
    trace_switch(0, 3);
    trace_task_exit(3, 5);                     /* its own exit */
    trace_switch(3, 1);
    trace_task_create(1, 259, 4, "again");
    trace_task_exit(259, -1);                  /* killed by 1 */
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.corrupt, 0);
    expect(c, 1, TRACE_EV_TASK_EXIT, 3, NT, 0, 5);
    expect(c, 3, TRACE_EV_TASK_CREATE, 1, 3, 4, 0);
    expect(c, 4, TRACE_EV_TASK_EXIT, 3, 1, 0, (uint32_t)-1);
}

/* Task ids of 32 and more have no short forms: the explicit ones carry
 * them (the wire allows ids up to 254). */
Test(roundtrip, explicit_forms_for_big_ids)
{
    boot_with_tasks();
    trace_switch(1, 40);
    trace_wake(41);
    trace_ipc_xfer(40, 41, TRACE_MSG_SEND);
    trace_ipc_xfer(41, 40, TRACE_MSG_CALL);
    trace_ipc_recv_block(40, 200);
    trace_switch(40, 2);
    trace_ipc_xfer(254, 2, TRACE_MSG_REPLY);
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.corrupt, 0);
    expect(c, 0, TRACE_EV_SWITCH, 1, 40, 0, 0);
    expect(c, 1, TRACE_EV_WAKE, NT, 41, 0, 0);
    expect(c, 2, TRACE_EV_MSG_SEND, 40, 41, 0, 0);
    expect(c, 3, TRACE_EV_MSG_CALL, 41, 40, 0, 0);
    expect(c, 4, TRACE_EV_RECV_BLOCK, 40, 200, 0, 0);
    expect(c, 5, TRACE_EV_SWITCH, 40, 2, 0, 0);
    expect(c, 6, TRACE_EV_MSG_REPLY, 254, 2, 0, 0);
}

/* Console text written between drains comes out as text, in its place. */
Test(roundtrip, console_text_between_frames)
{
    boot_with_tasks();
    const char *hello = "hello\r\n", *bye = "bye, ESC alone: \x1b!\r\n";
    for (const char *s = hello; *s; s++)
        arch_console_putc(*s);
    trace_switch(0, 1);
    trace_drain();
    for (const char *s = bye; *s; s++)
        arch_console_putc(*s);
    struct captured *c = decode_uart();
    cr_expect_str_eq(c->text, "hello\r\nbye, ESC alone: \x1b!\r\n");
    cr_expect_eq(c->counts.events, 1);
}

/* Many drains, many frames: every event arrives, in order, none missing. */
Test(roundtrip, many_frames)
{
    boot_with_tasks();
    for (int i = 0; i < 20000; i++) {
        trace_switch(i % 3 + 1, (i + 1) % 3 + 1);
        if (i % 50 == 49)
            trace_drain();
    }
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.events, 20000);
    cr_expect_eq(c->counts.lost + c->counts.missing + c->counts.corrupt, 0);
    cr_expect_gt(c->counts.frames, 20000 / 100);
    for (size_t i = 0, k = 0; i < c->n; i++) {
        if (c->ev[i].type != TRACE_EV_SWITCH)
            continue;
        cr_assert_eq(c->ev[i].peer, (k + 1) % 3 + 1, "switch %zu", k);
        k++;
    }
}

/* A created task's name in the slot after it, where the ring wraps. */
Test(roundtrip, extra_slot_across_the_ring_end)
{
    boot_with_tasks();
    for (int i = 0; i < 63; i++)
        trace_wake(1);
    trace_drain();
    trace_task_create(0, 3, 5, "wrapped");     /* slots 63 and 64 = 0 */
    trace_drain();
    struct captured *c = decode_uart();
    size_t i = c->n - 1;
    while (i > 0 && c->ev[i].type != TRACE_EV_TASK_CREATE)
        i--;
    expect(c, i, TRACE_EV_TASK_CREATE, NT, 3, 5, 0);
    cr_expect(c->extra_len[i] == 7 && memcmp(c->extra[i], "wrapped", 7) == 0);
    cr_expect_eq(c->counts.lost, 0);
}

/* The aim of the format: 6 bytes or fewer per IPC event on the wire, all
 * framing included, for a call/reply loop 100-300 cycles apart. */
Test(roundtrip, ipc_events_are_compact)
{
    boot_with_tasks();
    hk_uart_clear();
    hk_clock(1u << 20, 173);
    int events = 0;
    for (int i = 0; i < 2000; i++) {
        trace_ipc_xfer(1, 2, TRACE_MSG_CALL);
        trace_wake(2);
        trace_switch(1, 2);
        trace_ipc_xfer(2, 1, TRACE_MSG_REPLY);
        trace_wake(1);
        trace_ipc_recv_block(2, 0);
        trace_switch(2, 1);
        events += 7;
        if (i % 8 == 7)
            trace_drain();
    }
    trace_drain();
    size_t len;
    hk_uart(&len);
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.events, (uint64_t)events);
    double per_event = (double)len / events;
    cr_log_info("%.2f bytes per IPC event on the wire", per_event);
    cr_expect_leq(per_event, 6.0, "%.2f bytes per event", per_event);
}
