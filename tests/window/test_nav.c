/* test_nav.c - moving about the diagram as the window does (navigate.h):
 * zoom about a point, pan, fit, live and pause, the cursor against the
 * model, the next event of a task, the other end of every message; and
 * the window itself, on SDL's dummy video driver, with keys typed in. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "window_test.h"
#include "window.h"

/* A layout as a 1200-pixel frame of n's view would have. */
static struct tw_layout frame(const struct tw_nav *n)
{
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, n->s, &n->v, 1200, 500);
    struct tw_layout L = d.L;
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    return L;
}

Test(nav, zoom_keeps_the_time_under_the_pointer)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tw_nav n;
    tw_nav_init(&n, s);
    tw_nav_update(&n);
    for (int k = 0; k < 12; k++) {
        struct tw_layout L = frame(&n);
        int x = L.plot_x0 + L.plot_w / 3 + k * 20;
        uint64_t before = tw_time_at(&L, x), span = n.v.t1 - n.v.t0;
        tw_nav_zoom(&n, &L, x, k < 8 ? 0.5 : 2);
        L = frame(&n);
        uint64_t after = tw_time_at(&L, x), col = (n.v.t1 - n.v.t0) / (uint64_t)L.plot_w + 1;
        cr_expect_leq(after > before ? after - before : before - after, col + span / L.plot_w,
                      "zoom %d: the time at x %d moved from %llu to %llu", k, x,
                      (unsigned long long)before, (unsigned long long)after);
        cr_expect(!n.fit);
    }
    tw_nav_fit(&n);
    cr_expect_eq(n.v.t0, s->model.events[0].ts);
    tv_session_free(s);
}

Test(nav, pan_moves_by_pixels_and_leaves_live)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tw_nav n;
    tw_nav_init(&n, s);
    tw_nav_update(&n);
    struct tw_layout L = frame(&n);
    tw_nav_zoom(&n, &L, L.plot_x0 + 10, 0.01);
    uint64_t t0 = n.v.t0, span = n.v.t1 - n.v.t0;
    L = frame(&n);
    tw_nav_pan(&n, &L, 100);
    cr_expect_eq(n.v.t0 - t0, 100 * span / (uint64_t)L.plot_w);
    cr_expect_eq(n.v.t1 - n.v.t0, span);
    cr_expect(!n.follow);
    cr_expect_str_eq(tw_nav_status(&n), "HISTORY");
    tw_nav_pause(&n);
    cr_expect_str_eq(tw_nav_status(&n), "LIVE", "space from history: live again");
    tw_nav_pause(&n);
    cr_expect_str_eq(tw_nav_status(&n), "PAUSED");
    tv_session_free(s);
}

/* Live, the cursor follows the last event as events arrive. */
Test(nav, live_follows_the_end)
{
    struct tv_session *s = tv_session_new();
    struct tw_nav n;
    tw_nav_init(&n, s);
    name(s, 1, "x");
    for (int i = 0; i < 50; i++) {
        add(s, (uint64_t)i * 100, TRACE_EV_SWITCH, 0, 1, 0, 0);
        tw_nav_update(&n);
        cr_expect_eq(n.v.cursor, (size_t)i + 1);
        cr_expect_eq(n.v.cur_ts, (uint64_t)i * 100);
        cr_expect_geq(n.v.t1, n.v.cur_ts);
    }
    tw_nav_pause(&n);
    add(s, 9999, TRACE_EV_SWITCH, 1, 0, 0, 0);
    tw_nav_update(&n);
    cr_expect_eq(n.v.cursor, 50, "paused: the cursor stays");
    tv_session_free(s);
}

/* The cursor is the terminal viewer's: a click at time t shows the state
 * after every event at or before t. */
Test(nav, the_cursor_is_the_state_at_a_time)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tw_nav n;
    tw_nav_init(&n, s);
    for (size_t i = 0; i + 1 < tv_session_count(s); i += 17) {
        uint64_t t = s->model.events[i].ts;
        tw_nav_set_time(&n, t);
        struct tr_state a, b;
        tv_session_state(s, n.v.cursor, &a);
        tr_model_state_at(&s->model, t, &b);
        cr_expect_eq(a.index, b.index, "at event %zu", i);
    }
    tw_nav_select(&n, 61);
    cr_expect_eq(n.v.cursor, 62, "selecting #62 puts the cursor after it");
    cr_expect(n.v.cur_ts >= n.v.t0 && n.v.cur_ts < n.v.t1, "and shows it");
    tv_session_free(s);
}

Test(nav, next_event_of_the_selected_task)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tw_nav n;
    tw_nav_init(&n, s);
    int task = task_id(s, "chan_server");
    n.v.sel_task = task;
    tw_nav_select(&n, 0);
    size_t seen = 0;
    while (tw_nav_next(&n, 1)) {
        const struct tr_event *e = &s->model.events[n.v.sel];
        cr_assert(e->subj == task || e->peer == task);
        seen++;
    }
    size_t want = 0;
    for (size_t i = 1; i < tv_session_count(s); i++)
        want += s->model.events[i].subj == task || s->model.events[i].peer == task;
    cr_expect_eq(seen, want);
    size_t last = (size_t)n.v.sel;
    cr_expect(tw_nav_next(&n, -1));
    cr_expect_lt((size_t)n.v.sel, last);
    tv_session_free(s);
}

/* FIFO: the k-th message into a queue is the k-th out of it. */
Test(nav, the_other_end_of_every_async_message)
{
    struct tv_session *s = load_trace(FANIN_TRACE, 0);
    size_t n = tv_session_count(s), enq[2048], del[2048], ne = 0, nd = 0;
    const struct tr_event *ev = s->model.events;
    unsigned from = ev[find_event(s, 0, TRACE_EV_ASYNC_ENQUEUE, -1, -1)].subj;
    unsigned to = ev[find_event(s, 0, TRACE_EV_ASYNC_ENQUEUE, -1, -1)].peer;
    for (size_t i = 0; i < n && ne < 2048 && nd < 2048; i++) {
        if (ev[i].subj == from && ev[i].peer == to && ev[i].type == TRACE_EV_ASYNC_ENQUEUE)
            enq[ne++] = i;
        if (ev[i].subj == from && ev[i].peer == to && ev[i].type == TRACE_EV_ASYNC_DELIVER)
            del[nd++] = i;
    }
    cr_assert_gt(nd, 5);
    for (size_t k = 0; k < nd && k < ne; k++) {
        cr_expect_eq(tw_other_end(s, enq[k]), (long)del[k], "enqueue #%zu", enq[k] + 1);
        cr_expect_eq(tw_other_end(s, del[k]), (long)enq[k], "delivery #%zu", del[k] + 1);
    }
    tv_session_free(s);
}

Test(nav, the_other_end_of_a_call_and_a_notification)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    int con = task_id(s, "consumer"), prod = task_id(s, "producer");
    size_t call = find_event(s, 0, TRACE_EV_MSG_CALL, con, prod);
    size_t block = call;
    while (s->model.events[block].type != TRACE_EV_CALL_BLOCK)
        block--;
    cr_expect_eq(tw_other_end(s, call), (long)block, "the call began where it blocked");
    cr_expect_eq(tw_other_end(s, block), (long)call);
    size_t sent = find_event(s, 0, TRACE_EV_NOTIFY_SEND, prod, con);
    size_t got = find_event(s, sent, TRACE_EV_NOTIFY_DELIVER, con, prod);
    cr_expect_eq(tw_other_end(s, sent), (long)got);
    struct tw_nav n;
    tw_nav_init(&n, s);
    tw_nav_select(&n, call);
    cr_expect(tw_nav_other_end(&n));
    cr_expect_eq(n.v.sel, (long)block);
    cr_expect_eq(n.v.cursor, block + 1);
    tv_session_free(s);
}

Test(nav, hiding_and_showing_lanes)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tw_nav n;
    tw_nav_init(&n, s);
    struct tw_layout L = frame(&n);
    cr_assert_eq(L.nlanes, 8);
    tw_nav_lane(&n, &L, 1);
    tw_nav_lane(&n, &L, 1);
    cr_expect_eq(n.v.sel_task, L.lane_task[1]);
    tw_nav_hide(&n);
    L = frame(&n);
    cr_expect_eq(L.nlanes, 7);
    cr_expect_eq(L.lane_of[task_id(s, "echo")], -1);
    tw_nav_show_all(&n);
    cr_expect_eq(frame(&n).nlanes, 8);
    tv_session_free(s);
}

/* The window on SDL's dummy video driver, keys typed in: j j k selects the
 * first lane (idle), x hides it, + zooms, s saves, q quits. The PNG it
 * saves is the window's size and shows 7 lanes between 8 lines. */
Test(window, runs_headless_and_saves_what_it_shows, .timeout = 60)
{
    char dir[128], cmd[600], path[200];
    snprintf(dir, sizeof(dir), "build/window-tests/sdl-%d", (int)getpid());
    mkdir("build", 0755);
    mkdir("build/window-tests", 0755);
    mkdir(dir, 0755);
    snprintf(cmd, sizeof(cmd), "cd %s && SDL_VIDEODRIVER=dummy BATON_WINDOW_KEYS='jjkx+sq' "
             "../../bin/baton-trace --window ../../../" DEMO_TRACE " 2>err.txt", dir);
    int rc = system(cmd);
    cr_assert_eq(rc, 0, "%s: exit %d (see %s/err.txt)", cmd, rc, dir);
    snprintf(path, sizeof(path), "%s/baton-window-1.png", dir);
    struct tw_canvas c;
    png_read(path, &c);
    cr_expect_eq(c.w, 1280);
    cr_expect_eq(c.h, 720);
    int lines = 0;
    for (int y = 56; y < 320; y++)
        lines += tw_get(&c, c.w - 3, y) == TW_RGB_GRID;
    cr_expect_eq(lines, 8, "7 lanes after x hid one: %d lines", lines);
    tw_canvas_free(&c);
}

/* The other way, in this process: the terminal viewer's cursor (event 62)
 * handed to the window's step shows there; what the window then saves is
 * exactly the diagram of that view. */
Test(window, takes_the_terminal_viewers_cursor, .timeout = 60)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    char dir[128];
    snprintf(dir, sizeof(dir), "build/window-tests/sync-%d", (int)getpid());
    mkdir("build", 0755);
    mkdir("build/window-tests", 0755);
    mkdir(dir, 0755);
    cr_assert_eq(chdir(dir), 0);            /* s saves here (each test is a process) */
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("BATON_WINDOW_KEYS", "s", 1);
    struct tw_win *w = tw_window_open(s, "sync", NULL);
    cr_assert_not_null(w, "no dummy SDL video driver");
    struct tw_sync y = { .cursor = 62, .cur_ts = s->model.events[61].ts, .ended = true };
    cr_assert(tw_window_step(w, &y));
    cr_expect(!y.moved, "the window did not move it");
    tw_window_close(w);
    struct tw_canvas got, want;
    struct tw_diagram d;
    png_read("baton-window-1.png", &got);
    struct tw_view v = view_of(s, 0, 0);
    v.cursor = 62;
    v.cur_ts = y.cur_ts;
    v.cursor_shown = true;
    v.title = "sync";
    v.status = "HISTORY";
    draw(&d, &want, s, &v, got.w, got.h);
    int x = tw_x(&d.L, v.cur_ts);
    cr_expect_eq(tw_get(&got, x, d.L.lanes_y + 3), TW_RGB_CURSOR, "the cursor's line at x %d", x);
    cr_expect_eq(memcmp(got.px, want.px, sizeof(tw_color) * (size_t)got.w * (size_t)got.h), 0,
                 "the window shows the diagram of that view");
    tw_diagram_free(&d);
    tw_canvas_free(&got);
    tw_canvas_free(&want);
    tv_session_free(s);
}
