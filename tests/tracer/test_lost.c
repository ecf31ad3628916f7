/* test_lost.c - every event accounted for: ring overflow becomes a LOST
 * record with the exact count (and time), frames that never arrive are
 * counted from sequence numbers and event indexes, frames that parse badly
 * lose exactly their remaining events. The ring has 64 slots here. */
#include <criterion/criterion.h>
#include <string.h>
#include "tracer_test.h"

static size_t find_type(const struct captured *c, unsigned type)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->ev[i].type == type)
            return i;
    cr_assert_fail("no %s event", tr_event_name(type));
    return 0;
}

Test(lost, ring_overflow_is_counted_exactly)
{
    boot_with_tasks();
    trace_drain();                          /* metadata out of the way */
    hk_uart_clear();
    for (int i = 0; i < 100; i++)           /* 64 fit, 36 do not */
        trace_wake(1 + i % 2);
    trace_drain();
    for (int i = 0; i < 5; i++)
        trace_wake(3);
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.events, 64 + 1 + 5);
    cr_expect_eq(c->counts.lost, 36);
    size_t k = find_type(c, TRACE_EV_LOST);
    cr_expect_eq(k, 64, "the LOST record sits where the loss began");
    cr_expect_eq(c->ev[k].a, 36);
    /* Its time is the first lost event's: 64 clock reads after the first. */
    cr_expect_eq(c->ev[k].ts, c->ev[0].ts + 64 * 10);
    cr_expect_eq(c->ev[k + 1].peer, 3);
    cr_expect_eq(c->counts.missing + c->counts.corrupt, 0);
}

/* An event of two slots with one slot free is lost whole. */
Test(lost, multi_slot_event_fits_or_is_lost)
{
    boot_with_tasks();
    trace_drain();
    hk_uart_clear();
    for (int i = 0; i < 63; i++)
        trace_wake(1);
    trace_task_create(0, 3, 2, "third");    /* needs 2: lost */
    trace_wake(2);                          /* needs 1 + the LOST: lost */
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.lost, 2);
    cr_expect_eq(count_type(c, TRACE_EV_TASK_CREATE), 0);
    cr_expect_eq(count_type(c, TRACE_EV_WAKE), 63);
}

/* The kernel's totals reach the viewer in the metadata. */
Test(lost, totals_in_metadata)
{
    boot_with_tasks();
    for (int i = 0; i < 80; i++)
        trace_wake(1);
    trace_drain();                          /* 64 stored, 16 lost... */
    for (const char *s = "\x1b_BS\x1b\\"; *s; s++)
        trace_rx(*s, NULL);                 /* the host asks for metadata */
    trace_drain();                          /* ...and the totals are sent */
    struct captured *c = decode_uart();
    cr_expect_eq(c->dec.meta.recorded, 64);         /* LOST records not counted */
    cr_expect_eq(c->dec.meta.lost_total, 16);
}

/* Whole frames lost on the way: their events are "missing", exactly. */
Test(lost, frames_lost_in_transit)
{
    boot_with_tasks();
    trace_drain();
    size_t len;
    hk_uart(&len);
    size_t cut_from = 0, cut_to = 0;
    for (int f = 0; f < 5; f++) {
        for (int i = 0; i < 7; i++)
            trace_wake(1);
        if (f == 1)
            hk_uart(&cut_from);
        trace_drain();
        if (f == 2)
            hk_uart(&cut_to);
    }
    const uint8_t *p = hk_uart(&len);
    static uint8_t buf[65536];
    memcpy(buf, p, cut_from);
    memcpy(buf + cut_from, p + cut_to, len - cut_to);
    struct captured *c = decode(buf, cut_from + len - cut_to, 0);
    cr_expect_eq(c->counts.events, 3 * 7);
    cr_expect_eq(c->counts.missing, 2 * 7);
    cr_expect_eq(c->counts.seq_gaps, 2);
    cr_expect_eq(c->counts.corrupt, 0);
}

/* A frame with a good CRC but an event code that does not exist: the
 * events before it count, the rest show up as missing in the next frame. */
Test(lost, malformed_frame)
{
    uint8_t buf[256];
    size_t n = 0;
    /* H, seq, shift, index 0, base 0, cur 1; WAKE(2) dt 1; code 0x00; WAKE */
    const uint8_t bad[] = { 0x10, 0, 0, 0, 0, 0, 1, 0x42, 1, 0x00, 0x42, 1 };
    const uint8_t good[] = { 0x10, 1, 0, 3, 0, 5, 1, 0x42, 1 };
    n += make_frame(bad, sizeof(bad), buf + n);
    n += make_frame(good, sizeof(good), buf + n);
    struct captured *c = decode(buf, n, 0);
    cr_expect_eq(c->counts.events, 2);
    cr_expect_eq(c->counts.malformed, 1);
    cr_expect_eq(c->counts.corrupt, 1);
    cr_expect_eq(c->counts.missing, 2);     /* index 3 expected 1 */
    cr_expect_eq(c->ev[1].ts, 6);           /* the second frame's base 5 + 1 */
}

/* A switch may be among the events a LOST record stands for: until the
 * next SWITCH the running task is not known, so a task that ends then has
 * no killer, and one created then no creator, rather than wrong ones. */
Test(lost, no_killer_or_creator_guessed_after_a_loss)
{
    boot_with_tasks();
    trace_switch(0, 1);
    trace_drain();
    hk_uart_clear();
    for (int i = 0; i < 64; i++)            /* the ring full */
        trace_wake(3);
    trace_switch(1, 2);                     /* lost: task 2 runs, unseen */
    trace_drain();
    trace_task_exit(2, 0);                  /* task 2 ends itself */
    trace_task_create(2, 3, 4, "late");     /* ...or task 2 made task 3 */
    trace_switch(2, 3);
    trace_task_exit(1, -1);                 /* task 3 kills task 1 */
    trace_drain();
    struct captured *c = decode_uart();
    cr_expect_eq(c->counts.lost, 1);
    size_t k = find_type(c, TRACE_EV_TASK_EXIT);
    cr_expect_eq(c->ev[k].subj, 2);
    cr_expect_eq(c->ev[k].peer, TR_NO_TASK, "no killer guessed (not task 1)");
    cr_expect_eq(c->ev[k].a, 0);
    size_t m = find_type(c, TRACE_EV_TASK_CREATE);
    cr_expect_eq(c->ev[m].peer, 3);
    cr_expect_eq(c->ev[m].subj, TR_NO_TASK, "no creator guessed (not task 1)");
    cr_expect_eq(c->ev[c->n - 1].type, TRACE_EV_TASK_EXIT);
    cr_expect_eq(c->ev[c->n - 1].subj, 1);
    cr_expect_eq(c->ev[c->n - 1].peer, 3, "after a SWITCH, the killer is known again");
}
