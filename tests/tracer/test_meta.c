/* test_meta.c - metadata and control: what a viewer attaching late learns
 * from the repeated metadata (names, clock, ports, the tasks' state), and
 * the three ways to switch categories at run time (boot argument, syscall,
 * host command on the serial line). */
#include <criterion/criterion.h>
#include <string.h>
#include "tracer_test.h"
#include "model.h"
#include "sched.h"

/* Run a while: events, and a metadata set every TRACE_META_TICKS ticks. */
static void run_for(int seconds)
{
    for (int s = 0; s < seconds * 100; s++) {
        trace_switch(1, 2);
        trace_switch(2, 1);
        sched_ticks++;
        trace_drain();
    }
}

Test(meta, late_attach_learns_names)
{
    boot_with_tasks();
    struct task *srv = task_lookup(2);
    hk_block(2, BLOCK_RECV, IPC_ANY);       /* what the snapshot will say */
    srv->notify_from[1] = 0x30;
    run_for(3);
    size_t len;
    const uint8_t *p = hk_uart(&len);
    /* Attach in the middle of the stream, in the middle of a frame. */
    size_t from = len / 2 + 7;
    struct captured *c = decode(p + from, len - from, 0);
    cr_expect_leq(c->counts.corrupt, 1);
    cr_expect_str_eq(c->dec.meta.names[1], "client");
    cr_expect_str_eq(c->dec.meta.names[2], "server");
    cr_expect_str_eq(c->dec.meta.names[0], "idle");
    cr_expect_str_eq(c->dec.meta.arch, "host");
    cr_expect_eq(c->dec.meta.tick_hz, 100);
    cr_expect_str_eq(c->dec.meta.port_names[1], "client>server");
    cr_expect_eq(c->dec.meta.port_senders[1], 1u << 1);
    cr_expect_eq(c->dec.meta.port_receivers[1], 1u << 2);
    /* The snapshot puts the model right though it missed the start. */
    cr_assert_gt(count_type(c, TR_EV_SNAPSHOT), 0);
    struct tr_state s;
    tr_state_init(&s);
    size_t k = 0;
    while (c->ev[k].type != TR_EV_SNAPSHOT)
        k++;
    tr_state_apply(&s, &c->ev[k], c->extra[k]);
    cr_expect_eq(s.task[2].state, TRACE_STATE_BLOCKED);
    cr_expect_eq(s.task[2].wait, TRACE_WAIT_RECV);
    cr_expect_eq(s.task[2].pending, 0x30);
    cr_expect_eq(s.task[2].senders, 1u << 1);
    cr_expect_eq(s.task[1].state, TRACE_STATE_READY);
    cr_expect_eq(s.task[5].state, TRACE_STATE_UNKNOWN);
}

/* Metadata is repeated every TRACE_META_TICKS, and sent when asked for. */
Test(meta, repeated_and_on_request)
{
    boot_with_tasks();
    run_for(3);
    struct captured *c = decode_uart();
    /* At the first drain (tick 1), then at ticks 101 and 201. */
    cr_expect_eq(count_type(c, TR_EV_SNAPSHOT), 3);
    hk_uart_clear();
    for (const char *s = "\x1b_BS\x1b\\"; *s; s++)
        trace_rx(*s, NULL);
    trace_drain();
    c = decode_uart();
    cr_expect_eq(count_type(c, TR_EV_SNAPSHOT), 1);
}

/* A task created later: its name comes with its creation event. */
Test(meta, created_task_name)
{
    boot_with_tasks();
    hk_task(9, "latecomer", 1, 0, 0);
    trace_task_create(1, 9, 1, "latecomer");
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_str_eq(c->dec.meta.names[9], "latecomer");
}

/* ---- control ---- */

static char typed[64];
static size_t ntyped;

static void input(char c)
{
    typed[ntyped++] = c;
}

static void type_in(const char *s)
{
    for (; *s; s++)
        trace_rx(*s, input);
}

Test(control, host_commands_are_taken_out_of_input)
{
    boot_with_tasks();
    trace_set_mask(0);
    type_in("ab\x1b[A\x1b_BM5\x1b\\cd");    /* an arrow key, then a command */
    cr_expect_eq(ntyped, 7);
    cr_expect(memcmp(typed, "ab\x1b[Acd", 7) == 0);
    cr_expect_eq(trace_get_mask(), TRACE_CAT_SCHED | TRACE_CAT_IPC);
    type_in("\x1b_BM0\x1b\\");
    cr_expect_eq(trace_get_mask(), 0);
    type_in("\x1b_BMzz\x01\x1b\\x");        /* broken: dropped, x is input */
    cr_expect_eq(trace_get_mask(), 0);
    cr_expect_eq(typed[ntyped - 1], 'x');
    /* Each change is an event, so the viewer knows why events stop. */
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(count_type(c, TRACE_EV_MASK), 2);
    cr_expect_eq(c->ev[0].subj, TR_NO_TASK, "the host did it");
}

Test(control, boot_arguments)
{
    hk_reset();
    trace_boot_args("console=ttyS0 trace=ipc,sched,bogus quiet");
    trace_init();
    cr_expect_eq(trace_get_mask(), TRACE_CAT_IPC | TRACE_CAT_SCHED);
    trace_boot_args("trace=0x1ff");
    trace_init();
    cr_expect_eq(trace_get_mask(), TRACE_CAT_ALL);
    trace_boot_args("notrace=all trace=none");
    trace_init();
    cr_expect_eq(trace_get_mask(), 0);
    trace_boot_args("trace=all");
    trace_init();
    cr_expect_eq(trace_get_mask(), TRACE_CAT_ALL);
}

Test(control, syscall)
{
    boot_with_tasks();
    struct task *t = task_lookup(1);
    uint32_t get[SYSCALL_NARGS] = { TRACE_CTL_GET };
    uint32_t set[SYSCALL_NARGS] = { TRACE_CTL_SET, TRACE_CAT_CHAN };
    uint32_t bad[SYSCALL_NARGS] = { 99 };
    cr_expect_eq(trace_sys_ctl(t, get, NULL), TRACE_CAT_ALL);
    cr_expect_eq(trace_sys_ctl(t, set, NULL), TRACE_CAT_ALL);
    cr_expect_eq(trace_sys_ctl(t, get, NULL), TRACE_CAT_CHAN);
    cr_expect_eq(trace_sys_ctl(t, bad, NULL), ERR_INVALID_ARG);
    /* Off: a tracepoint records nothing. */
    trace_drain();
    hk_uart_clear();
    trace_switch(1, 2);
    trace_chan_open(1, 1, CHANNEL_SEND);
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(count_type(c, TRACE_EV_SWITCH), 0);
    cr_expect_eq(count_type(c, TRACE_EV_CHAN_OPEN), 1);
}

/* The viewer's T key reads the decoder's mask to choose "on" or "off": a
 * MASK event must update it, or T sends "off" forever (issue 12, item 4). */
Test(control, mask_event_updates_the_decoders_mask)
{
    boot_with_tasks();
    trace_drain();                      /* the metadata: mask 0x1ff */
    type_in("\x1b_BM0\x1b\\");
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(count_type(c, TRACE_EV_MASK), 1);
    cr_expect_eq(c->dec.meta.mask, 0, "off after the host's M0");
    type_in("\x1b_BM4\x1b\\");
    trace_drain();
    c = decode_uart();
    cr_expect_eq(c->dec.meta.mask, TRACE_CAT_IPC, "on again");
}
