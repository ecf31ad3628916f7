/* test_edges.c - synthesised sessions at the edges, drawn under ASan and
 * UBSan: one task, 32 tasks, a million events (fitted, zoomed, and the
 * dense path), every event at one time, empty sessions, tiny canvases,
 * axes of one cycle and of 2^60; interrupt marks on the driver's lane. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include "window_test.h"

/* Draw s fitted, zoomed on its middle, and at its start, at two sizes. */
static void draw_every_way(const struct tv_session *s, int want_lanes)
{
    static const int sizes[][2] = { { 1200, 700 }, { 201, 81 }, { 1, 1 }, { 5000, 300 } };
    size_t n = tv_session_count(s);
    uint64_t first = n ? s->model.events[0].ts : 0, last = n ? s->model.events[n - 1].ts : 0;
    uint64_t mid = first + (last - first) / 2;
    uint64_t axes[][2] = { { 0, 0 }, { mid, mid + 1 }, { mid, mid + 1000 }, { first, first + 50 },
                           { last, last + (1ull << 60) }, { 0, 1ull << 60 } };
    for (size_t a = 0; a < sizeof(axes) / sizeof(axes[0]); a++)
        for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
            struct tw_view v = view_of(s, axes[a][0], axes[a][1]);
            v.cursor_shown = true;
            v.cur_ts = mid;
            v.cursor = n / 2;
            v.sel = n ? (long)(n / 2) : -1;
            struct tw_diagram d;
            struct tw_canvas c;
            draw(&d, &c, s, &v, sizes[k][0], sizes[k][1]);
            cr_expect_eq(d.L.nlanes, want_lanes);
            tw_diagram_hit(&d, c.w / 2, c.h / 2);
            tw_diagram_free(&d);
            tw_canvas_free(&c);
        }
}

Test(edges, an_empty_session)
{
    struct tv_session *s = tv_session_new();
    draw_every_way(s, 0);
    tv_session_free(s);
}

Test(edges, one_task)
{
    struct tv_session *s = tv_session_new();
    name(s, 1, "alone");
    add(s, 0, TRACE_EV_TASK_CREATE, TR_NO_TASK, 1, 3, 0);
    for (int i = 1; i < 100; i++)
        add(s, (uint64_t)i * 10, i % 2 ? TRACE_EV_SWITCH : TRACE_EV_BLOCK, 1, i % 2 ? 1 : 0,
            TRACE_WAIT_SLEEP, 0);
    add(s, 1000, TRACE_EV_TASK_EXIT, 1, TR_NO_TASK, 0, 0);
    draw_every_way(s, 1);
    tv_session_free(s);
}

/* 32 named tasks calling each other in a ring, with notifications,
 * channel transfers, async traffic, deadlocks and faults. */
static struct tv_session *ring(int tasks, int events)
{
    struct tv_session *s = tv_session_new();
    for (int id = 1; id <= tasks; id++) {
        char text[16];
        snprintf(text, sizeof(text), "task%02d", id);
        name(s, (unsigned)id, text);
        add(s, 0, TRACE_EV_TASK_CREATE, TR_NO_TASK, (unsigned)id, 3, 0);
    }
    static const uint8_t types[] = {
        TRACE_EV_SWITCH, TRACE_EV_CALL_BLOCK, TRACE_EV_MSG_CALL, TRACE_EV_MSG_REPLY,
        TRACE_EV_RECV_BLOCK, TRACE_EV_NOTIFY_SEND, TRACE_EV_NOTIFY_DELIVER, TRACE_EV_CHAN_XFER,
        TRACE_EV_ASYNC_ENQUEUE, TRACE_EV_ASYNC_DELIVER, TRACE_EV_IRQ, TRACE_EV_WAKE,
    };
    srand(5);
    for (int i = 0; i < events; i++) {
        unsigned a = 1 + (unsigned)rand() % (unsigned)tasks, b = 1 + a % (unsigned)tasks;
        unsigned type = i % 100000 == 99999 ? TRACE_EV_DEADLOCK : types[rand() % sizeof(types)];
        add(s, 100 + (uint64_t)i * 7, type, a, b, (unsigned)rand() % 200, (uint32_t)(rand() % 9));
    }
    return s;
}

Test(edges, thirty_two_tasks)
{
    struct tv_session *s = ring(32, 20000);
    draw_every_way(s, 32);
    tv_session_free(s);
}

Test(edges, a_million_events, .timeout = 300)
{
    struct tv_session *s = ring(6, 1000000);
    cr_assert_eq(tv_session_count(s), 1000000 + 6);
    struct tw_view v = view_of(s, 0, 0);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, 1600, 600);
    cr_expect(!d.L.exact, "fitted: the dense path");
    cr_expect_leq(d.nmarks, (size_t)d.L.plot_w * TW_MARKS_PER_COL + s->nalerts);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    draw_every_way(s, 6);
    tv_session_free(s);
}

/* Zero-length intervals: every event at the same time, and spans of
 * zero cycles between them. */
Test(edges, every_event_at_one_time)
{
    struct tv_session *s = ring(4, 3000);
    struct tv_session *t = tv_session_new();
    for (size_t i = 0; i < tv_session_count(s); i++) {
        struct tr_event e = s->model.events[i];
        struct tr_extra x = tv_session_extra(s, i);
        e.ts = 77;
        tv_session_add(t, &e, &x);
    }
    for (int id = 1; id <= 4; id++)
        name(t, (unsigned)id, s->dec.meta.names[id]);
    draw_every_way(t, 4);
    tv_session_free(s);
    tv_session_free(t);
}

/* An interrupt is marked on the lane of the task the kernel notifies. */
Test(edges, an_interrupt_is_marked_on_its_drivers_lane)
{
    struct tv_session *s = tv_session_new();
    name(s, 0, "idle");
    name(s, 1, "uart");
    name(s, 2, "app");
    for (unsigned id = 0; id < 3; id++)
        add(s, 0, TRACE_EV_TASK_CREATE, TR_NO_TASK, id, 1, 0);
    add(s, 10, TRACE_EV_SWITCH, 0, 2, 0, 0);
    add(s, 20, TRACE_EV_IRQ, 2, TR_NO_TASK, 10, 0);
    add(s, 21, TRACE_EV_NOTIFY_SEND, 0, 1, 0, 1u << 10);
    add(s, 30, TRACE_EV_SWITCH, 2, 1, 0, 0);
    add(s, 31, TRACE_EV_NOTIFY_DELIVER, 1, 0, 0, 1u << 10);
    struct tw_view v = view_of(s, 0, 40);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, 800, 300);
    bool found = false;
    for (size_t k = 0; k < d.nmarks; k++)
        if (d.marks[k].type == TRACE_EV_IRQ) {
            found = true;
            cr_expect_eq(d.marks[k].y1, tw_lane_y(&d.L, 1), "on uart's lane");
            cr_expect_eq(d.marks[k].x1, tw_x(&d.L, 20));
        }
    cr_expect(found);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}
