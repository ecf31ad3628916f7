/* test_restart.c - a stream that holds more than one run of the kernel,
 * times that run back, and input that breaks the format's stated limits
 * (issue 12, items 9 and 11): each is reported, never silently rewritten
 * or accepted. */
#include <criterion/criterion.h>
#include <string.h>
#include "tracer_test.h"

/* A run of the fake kernel: its BOOT frame, metadata, 3 frames of wakes. */
static size_t one_run(uint8_t *out)
{
    boot_with_tasks();
    for (int f = 0; f < 3; f++) {
        for (int i = 0; i < 5; i++)
            trace_wake(1);
        trace_drain();
    }
    size_t len;
    const uint8_t *p = hk_uart(&len);
    memcpy(out, p, len);
    return len;
}

Test(restart, a_second_run_is_a_restart_not_lost_frames)
{
    static uint8_t buf[1 << 16];
    size_t n = one_run(buf);
    memcpy(buf + n, buf, n);                        /* cat run run */
    struct captured *one = decode(buf, n, 0);
    uint64_t events = one->counts.events, last = one->ev[one->n - 1].ts;
    cr_expect_eq(one->counts.restarts, 0);
    cr_expect_eq(one->counts.boot_frames, 1);
    struct captured *c = decode(buf, 2 * n, 0);
    cr_expect_eq(c->counts.restarts, 1);
    cr_expect_eq(c->counts.events, 2 * events);
    cr_expect_eq(c->counts.missing, 0, "an index back to 0 is not 65,000 lost events");
    cr_expect_eq(c->counts.seq_gaps, 0);
    cr_expect_eq(c->counts.time_back, 0, "no time rewritten");
    cr_expect_eq(count_type(c, TR_EV_RESTART), 1);
    /* The restart is at the first run's end; the second run's times follow. */
    size_t r = 0;
    while (c->ev[r].type != TR_EV_RESTART)
        r++;
    cr_expect_eq(c->ev[r].ts, last);
    cr_expect_eq(c->ev[r].aux, 0, "said by a BOOT frame, not inferred");
    for (size_t i = 1; i < c->n; i++)
        cr_expect_geq(c->ev[i].ts, c->ev[i - 1].ts);
    cr_expect_eq(c->ev[c->n - 1].ts, last + last);
}

/* A stream without BOOT frames (recorded before them): sequence 0 and
 * index 0 again after frames numbered higher is taken for a restart. */
Test(restart, inferred_without_a_boot_frame)
{
    uint8_t buf[256];
    size_t n = 0;
    /* run 1: frames seq 0, 1 (index 0, 1); run 2: seq 0, index 0 */
    const uint8_t a[] = { 0x10, 0, 0, 0, 0, 100, 1, 0x42, 1 };
    const uint8_t b[] = { 0x10, 1, 0, 1, 0, 101, 1, 0x42, 1 };
    const uint8_t c2[] = { 0x10, 0, 0, 0, 0, 5, 1, 0x42, 1 };
    n += make_frame(a, sizeof(a), buf + n);
    n += make_frame(b, sizeof(b), buf + n);
    n += make_frame(c2, sizeof(c2), buf + n);
    struct captured *c = decode(buf, n, 0);
    cr_expect_eq(c->counts.restarts, 1);
    cr_expect_eq(c->counts.missing, 0);
    cr_expect_eq(c->counts.seq_gaps, 0);
    cr_expect_eq(c->n, 4);
    cr_expect_eq(c->ev[2].type, TR_EV_RESTART);
    cr_expect_eq(c->ev[2].aux, 1, "inferred");
    cr_expect_eq(c->ev[3].ts, 102 + 6, "after the first run's last time, 102");
}

/* Within one run a time earlier than the last: shown at the last time,
 * and counted, so the dump and the viewer can say so. */
Test(restart, a_time_that_runs_back_is_counted)
{
    uint8_t buf[256];
    size_t n = 0;
    const uint8_t a[] = { 0x10, 0, 0, 0, 0, 100, 1, 0x42, 1 };
    const uint8_t b[] = { 0x10, 1, 0, 1, 0, 50, 1, 0x42, 1 };
    n += make_frame(a, sizeof(a), buf + n);
    n += make_frame(b, sizeof(b), buf + n);
    struct captured *c = decode(buf, n, 0);
    cr_expect_eq(c->counts.restarts, 0);
    cr_expect_eq(c->counts.time_back, 1);
    cr_expect_eq(c->ev[1].ts, 101);
}

/* ---- item 11: what breaks a stated limit is malformed ---- */

Test(malformed, a_varint_over_64_bits)
{
    uint8_t buf[256];
    /* WAKE with a dt of 10 bytes whose last carries more than bit 63 */
    const uint8_t bad[] = { 0x10, 0, 0, 0, 0, 0, 1, 0x42,
                            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 };
    const uint8_t ok[] = { 0x10, 0, 0, 0, 0, 0, 1, 0x42,
                           0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
    struct captured *c = decode(buf, make_frame(bad, sizeof(bad), buf), 0);
    cr_expect_eq(c->counts.malformed, 1);
    cr_expect_eq(c->counts.events, 0);
    c = decode(buf, make_frame(ok, sizeof(ok), buf), 0);
    cr_expect_eq(c->counts.malformed, 0, "bit 63 alone is a 64-bit value");
    cr_expect_eq(c->ev[0].ts, 1ull << 63);
}

/* Part 0 of a set, an event frame, the last part: not one point of the
 * stream, so not a snapshot; counted. */
Test(malformed, an_event_frame_inside_a_metadata_set)
{
    uint8_t buf[256];
    size_t n = 0;
    const uint8_t m0[] = { 0x11, 0, 0x00, TRACE_META_TASK, 6, 1, 3, 2, 0, 0xff, 'a' };
    const uint8_t ev[] = { 0x10, 1, 0, 0, 0, 0, 1, 0x42, 1 };
    const uint8_t m1[] = { 0x11, 2, 0x81, TRACE_META_TASK, 6, 2, 3, 2, 0, 0xff, 'b' };
    n += make_frame(m0, sizeof(m0), buf + n);
    n += make_frame(ev, sizeof(ev), buf + n);
    n += make_frame(m1, sizeof(m1), buf + n);
    struct captured *c = decode(buf, n, 0);
    cr_expect_eq(count_type(c, TR_EV_SNAPSHOT), 0);
    cr_expect_eq(c->counts.broken_sets, 1);
    cr_expect_eq(c->counts.malformed, 1);
    /* The same set without the event frame is a snapshot. */
    const uint8_t m1b[] = { 0x11, 1, 0x81, TRACE_META_TASK, 6, 2, 3, 2, 0, 0xff, 'b' };
    n = make_frame(m0, sizeof(m0), buf);
    n += make_frame(m1b, sizeof(m1b), buf + n);
    c = decode(buf, n, 0);
    cr_expect_eq(count_type(c, TR_EV_SNAPSHOT), 1);
    cr_expect_eq(c->counts.malformed, 0);
}

/* A TASK record shorter than id prio state wait peer: malformed, and no
 * snapshot made of it (the model would take the task for dead). */
Test(malformed, a_task_record_too_short)
{
    uint8_t buf[256];
    const uint8_t m[] = { 0x11, 0, 0x80, TRACE_META_TASK, 3, 1, 3, 2 };
    struct captured *c = decode(buf, make_frame(m, sizeof(m), buf), 0);
    cr_expect_eq(c->counts.malformed, 1);
    cr_expect_eq(c->counts.corrupt, 1);
    cr_expect_eq(count_type(c, TR_EV_SNAPSHOT), 0);
}
