/* test_draw.c - the diagram of recorded traces, checked on its pixels:
 * the number of lanes, arrows between the right lanes at the right
 * columns, the colour under each lane against the model's state, the
 * queue strip's height at its deepest, alert lines, and a PNG that reads
 * back to the same pixels. Expected positions are computed here from
 * the trace, not taken from the drawing code. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "window_test.h"
#include "figure.h"
#include "png.h"

#define W 1200
#define H 600

/* The pixel column of time ts: the axis maps [t0, t1) onto plot_w columns. */
static int expect_x(const struct tw_layout *L, uint64_t ts)
{
    return L->plot_x0 + (int)((double)(ts - L->t0) * L->plot_w / (double)(L->t1 - L->t0));
}

/* The middle row of a task's lane: lanes are the named tasks, by id. */
static int expect_y(const struct tv_session *s, const struct tw_layout *L, unsigned task)
{
    int k = 0;
    for (unsigned id = 0; id < task; id++)
        k += s->dec.meta.names[id][0] != 0;
    return L->lanes_y + k * L->lane_h + L->lane_h / 2;
}

static bool near(const struct tw_canvas *c, int x, int y, tw_color col)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            if (tw_get(c, x + dx, y + dy) == col)
                return true;
    return false;
}

/* The share of the segment's points (8 pixels at each end left out),
 * one per pixel along its longer side, drawn in col. */
static double on_line(const struct tw_canvas *c, int x0, int y0, int x1, int y1, tw_color col)
{
    int n = abs(x1 - x0) > abs(y1 - y0) ? abs(x1 - x0) : abs(y1 - y0), hit = 0, k;
    for (k = 8; k <= n - 8; k++)
        hit += near(c, x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n, col);
    return k > 8 ? (double)hit / (k - 8) : 0;
}

/* The same segment moved 6 pixels across its length (left, or up). */
static double aside(const struct tw_canvas *c, int x0, int y0, int x1, int y1, tw_color col)
{
    if (abs(x1 - x0) > abs(y1 - y0))
        return on_line(c, x0, y0 - 6, x1, y1 - 6, col);
    return on_line(c, x0 - 6, y0, x1 - 6, y1, col);
}

/* The window around event i: from `before` events before it to `after`. */
static struct tw_view around(const struct tv_session *s, size_t i, size_t before, size_t after)
{
    size_t a = i > before ? i - before : 0, b = i + after < tv_session_count(s) ? i + after : i;
    return view_of(s, s->model.events[a].ts, s->model.events[b].ts + 1);
}

/* Where the sender began a rendezvous: its block, when it was blocked. */
static uint64_t sender_start(const struct tv_session *s, size_t i)
{
    const struct tr_event *e = &s->model.events[i];
    struct tr_state st;
    tv_session_state(s, i, &st);
    if (st.task[e->subj].state != TRACE_STATE_BLOCKED)
        return e->ts;
    for (size_t k = i; k-- > 0;) {
        const struct tr_event *b = &s->model.events[k];
        if (b->subj == e->subj && (b->type == TRACE_EV_SEND_BLOCK ||
            b->type == TRACE_EV_CALL_BLOCK || b->type == TRACE_EV_CHAN_BLOCK))
            return b->ts;
    }
    return e->ts;
}

/* The arrow of event i: on the pixels, from the sender's lane at its
 * start to the receiver's lane at the event; and not one column aside. */
static void arrow_is_drawn(const char *trace, unsigned type, const char *from, const char *to,
                           tw_color col, double want)
{
    struct tv_session *s = load_trace(trace, 0);
    int a = task_id(s, from), b = task_id(s, to);
    size_t i = find_event(s, 0, type, a, b);
    struct tw_view v = around(s, i, 6, 6);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    const struct tw_layout *L = &d.L;
    cr_assert(L->exact);
    uint64_t t0 = sender_start(s, i) > L->t0 ? sender_start(s, i) : L->t0;
    int x0 = expect_x(L, t0), x1 = expect_x(L, s->model.events[i].ts);
    int y0 = expect_y(s, L, (unsigned)a), y1 = expect_y(s, L, (unsigned)b);
    double score = on_line(&c, x0, y0, x1, y1, col);
    cr_expect_geq(score, want, "%s %s->%s #%zu: %.2f of the line from (%d,%d) to (%d,%d)",
                  tr_event_name(type), from, to, i + 1, score, x0, y0, x1, y1);
    /* The tip exactly: drawn, and nothing of the arrow just beyond it. */
    int bx = abs(x1 - x0) > abs(y1 - y0) ? (x1 > x0 ? 1 : -1) : 0, by = bx ? 0 : y1 > y0 ? 1 : -1;
    cr_expect_eq(tw_get(&c, x1, y1), col, "the arrowhead's tip at (%d,%d)", x1, y1);
    for (int k = 1; k <= 4; k++)          /* a dashed line has gaps of 3 */
        cr_expect_neq(tw_get(&c, x1 + k * bx, y1 + k * by), col, "nothing %d beyond the tip", k);
    cr_expect_eq(tw_get(&c, x0, y0), col, "the sending end at (%d,%d)", x0, y0);
    cr_expect_lt(aside(&c, x0, y0, x1, y1, col), 0.3, "a line six columns aside");
    char path[160];
    snprintf(path, sizeof(path), "build/window-tests/arrow-%s-%s-%s.png", tr_event_name(type),
             from, to);
    mkdir("build", 0755);
    mkdir("build/window-tests", 0755);
    tw_png_write(&c, path);            /* to look at */
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}

Test(draw, a_channel_transfer_arrow_goes_from_sender_to_receiver)
{
    arrow_is_drawn(DEMO_TRACE, TRACE_EV_CHAN_XFER, "chan_client", "chan_server",
                   TW_RGB_XFER, 0.9);
}

Test(draw, a_call_arrow_starts_where_the_caller_blocked)
{
    arrow_is_drawn(DEMO_TRACE, TRACE_EV_MSG_CALL, "consumer", "producer", TW_RGB_MSG, 0.85);
}

Test(draw, a_reply_arrow_is_dashed_from_server_to_caller)
{
    arrow_is_drawn(DEMO_TRACE, TRACE_EV_MSG_REPLY, "producer", "consumer", TW_RGB_MSG, 0.4);
}

Test(draw, a_send_arrow_in_the_deadlock_trace)
{
    arrow_is_drawn(DEADLOCK_TRACE, TRACE_EV_MSG_SEND, "b", "a", TW_RGB_MSG, 0.85);
}

Test(draw, one_lane_per_task)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    int named = 0;
    for (int id = 0; id < TR_TASKS; id++)
        named += s->dec.meta.names[id][0] != 0;
    cr_assert_eq(named, 8, "the demo's 8 tasks");
    for (int hide = 0; hide < 2; hide++) {
        struct tw_view v = view_of(s, 0, 0);
        v.hidden = hide ? 1ull << task_id(s, "echo") : 0;
        struct tw_diagram d;
        struct tw_canvas c;
        draw(&d, &c, s, &v, W, H);
        cr_expect_eq(d.L.nlanes, named - hide);
        /* On the pixels: the lines between lanes, at the right margin. */
        int lines = 0;
        for (int y = d.L.lanes_y; y < d.L.strips_y; y++)
            lines += tw_get(&c, W - 3, y) == TW_RGB_GRID;
        cr_expect_eq(lines, named - hide + 1, "%d lines around %d lanes", lines, named - hide);
        tw_diagram_free(&d);
        tw_canvas_free(&c);
    }
    tv_session_free(s);
}

/* Does column x of a lane show the state? Running fills the band, ready
 * is a bar in the middle, blocked a hatch of its kind's colour. */
static bool shows(const struct tw_canvas *c, const struct tw_layout *L, int lane, int x,
                  const struct tr_task *t)
{
    int top = L->lanes_y + lane * L->lane_h;
    enum tw_pattern pat;
    tw_color col = tw_state_color(t->state, t->wait, &pat);
    switch (t->state) {
    case TRACE_STATE_RUNNING: return tw_get(c, x, top + L->lane_h - 4) == col;
    case TRACE_STATE_READY:   return tw_get(c, x, top + L->lane_h / 2) == col;
    case TRACE_STATE_BLOCKED:
        for (int y = top + 2; y < top + L->lane_h - 2; y++)
            for (int dx = 0; dx < 4; dx++)
                if (tw_get(c, x + dx, y) == col)
                    return true;
        return false;
    default:
        return true;
    }
}

/* In every column with no event in it, each lane shows the model's state
 * there (a few columns crossed by arrows and labels may not). */
static void lanes_show_the_model(const char *trace, size_t from, size_t to)
{
    struct tv_session *s = load_trace(trace, 0);
    size_t n = tv_session_count(s);
    uint64_t t1 = s->model.events[to < n ? to : n - 1].ts;
    struct tw_view v = view_of(s, s->model.events[from].ts, t1);
    v.marks_off = true;                 /* arrows cross lanes: not what is checked */
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    const struct tw_layout *L = &d.L;
    static struct tr_state st;
    int checked = 0, good = 0;
    for (int x = L->plot_x0; x < L->plot_x0 + L->plot_w - 4; x += 3) {
        uint64_t a = tw_time_at(L, x), b = tw_time_at(L, x + 4);
        if (tv_session_count_at(s, a - 1) != tv_session_count_at(s, b))
            continue;                       /* events there: several states */
        tr_model_state_at(&s->model, a, &st);
        for (int k = 0; k < L->nlanes; k++) {
            checked++;
            bool ok = shows(&c, L, k, x, &st.task[L->lane_task[k]]);
            good += ok;
            if (!ok && getenv("WINDOW_TEST_DEBUG"))
                fprintf(stderr, "x %d lane %d state %u wait %u\n", x, k,
                        st.task[L->lane_task[k]].state, st.task[L->lane_task[k]].wait);
        }
    }
    cr_assert_gt(checked, 200, "%d quiet cells", checked);
    cr_expect_geq(good, checked * 95 / 100, "%s: %d of %d cells show the model's state", trace,
                  good, checked);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}

Test(draw, lanes_show_the_state_of_the_model)
{
    lanes_show_the_model(DEMO_TRACE, 40, 120);
    lanes_show_the_model(DEADLOCK_TRACE, 0, 40);
    lanes_show_the_model(FAULT_TRACE, 20, 150);
}

/* The consumer runs between a switch to it and the next switch away. */
Test(draw, the_colour_under_a_lane_at_a_known_time)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    int con = task_id(s, "consumer"), prod = task_id(s, "producer");
    size_t i = find_event(s, 0, TRACE_EV_MSG_CALL, con, prod);
    size_t j = find_event(s, i, TRACE_EV_MSG_REPLY, prod, con);
    size_t r = find_event(s, j, TRACE_EV_SWITCH, -1, con);
    size_t e = find_event(s, r, TRACE_EV_SWITCH, con, -1);
    uint64_t ti = s->model.events[i].ts, tj = s->model.events[j].ts;
    uint64_t tr = s->model.events[r].ts, te = s->model.events[e].ts;
    struct tw_view v = view_of(s, ti - (te - ti) / 10, te + (te - ti) / 10);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    int top = expect_y(s, &d.L, (unsigned)con) - d.L.lane_h / 2;
    int xr = expect_x(&d.L, tr + (te - tr) * 3 / 4);
    cr_expect_eq(tw_get(&c, xr, top + d.L.lane_h - 4), TW_RGB_RUN, "running at x %d", xr);
    /* Awaiting the reply: the vermillion hatch, no blue. */
    int xb = expect_x(&d.L, ti + (tj - ti) / 2), reply = 0, run = 0;
    for (int y = top + 2; y < top + d.L.lane_h - 2; y++)
        for (int x = xb - 2; x <= xb + 2; x++) {
            reply += tw_get(&c, x, y) == TW_RGB_REPLY;
            run += tw_get(&c, x, y) == TW_RGB_RUN;
        }
    cr_expect_gt(reply, 5, "the reply hatch at x %d", xb);
    cr_expect_eq(run, 0);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}

/* The bar's height in column x of strip k: coloured pixels up from its base. */
static int bar(const struct tw_canvas *c, const struct tw_layout *L, int k, int x)
{
    int base = L->strips_y + k * L->strip_h + L->strip_h - 3, h = 0;
    while (tw_get(c, x, base - h) == TW_RGB_ASYNC || tw_get(c, x, base - h) == TW_RGB_ALERT)
        h++;
    return h;
}

Test(draw, the_queue_strip_is_full_height_at_its_deepest)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    int p = task_id(s, "producer"), con = task_id(s, "consumer");
    size_t full = find_event(s, 0, TRACE_EV_ASYNC_FULL, p, con);
    struct tw_view v = view_of(s, 0, 0);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    const struct tw_layout *L = &d.L;
    cr_assert_eq(L->nstrips, 2);
    cr_assert_eq(s->queues.q[L->strip_queue[0]].from, p, "producer>consumer first");
    int x = expect_x(L, s->model.events[full].ts);
    cr_expect_eq(bar(&c, L, 0, x), L->strip_h - 4, "depth 16 of 16: the whole strip");
    cr_expect_eq(tw_get(&c, x, L->strips_y + 2), TW_RGB_ALERT, "red where it was full");
    cr_expect_eq(bar(&c, L, 0, L->plot_x0 + L->plot_w - 1), 0, "empty at the end");
    /* Zoomed on one enqueue at depth 8: half the strip, rounded up. */
    size_t e8 = find_event(s, 0, TRACE_EV_ASYNC_ENQUEUE, p, con);
    while (s->model.events[e8].a != 8)
        e8 = find_event(s, e8 + 1, TRACE_EV_ASYNC_ENQUEUE, p, con);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    v = view_of(s, s->model.events[e8].ts, s->model.events[e8 + 1].ts);
    draw(&d, &c, s, &v, W, H);
    int want = (8 * (d.L.strip_h - 4) + 15) / 16;
    cr_expect_eq(bar(&c, &d.L, 0, d.L.plot_x0 + 2), want, "depth 8 of 16");
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}

/* A red line down every lane at each alert. */
static void alert_lines(const char *trace, unsigned type, size_t want)
{
    struct tv_session *s = load_trace(trace, 0);
    struct tw_view v = view_of(s, 0, 0);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    size_t seen = 0;
    for (size_t i = 0; i < tv_session_count(s); i++) {
        if (s->model.events[i].type != type)
            continue;
        int x = expect_x(&d.L, s->model.events[i].ts), red = 0, n = 0;
        for (int y = d.L.lanes_y; y < d.L.lanes_y + d.L.nlanes * d.L.lane_h; y++, n++)
            red += near(&c, x, y, TW_RGB_ALERT);
        cr_expect_geq(red, n * 8 / 10, "%s #%zu at x %d: %d of %d rows", tr_event_name(type),
                      i + 1, x, red, n);
        seen++;
    }
    cr_expect_eq(seen, want);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}

Test(draw, deadlocks_and_faults_are_red_lines)
{
    alert_lines(DEADLOCK_TRACE, TRACE_EV_DEADLOCK, 5);
    alert_lines(FAULT_TRACE, TRACE_EV_TASK_FAULT, 1);
}

Test(draw, the_png_reads_back_to_the_same_pixels)
{
    struct tv_session *s = load_trace(FANIN_TRACE, 0);
    struct tr_options o = { .input = FANIN_TRACE, .range = "#100:#400", .size = "900x400",
                            .at = "#250" };
    char path[128], err[200];
    snprintf(path, sizeof(path), "build/window-tests/%d-fanin.png", (int)getpid());
    mkdir("build", 0755);
    mkdir("build/window-tests", 0755);
    o.export_png = path;
    cr_assert_eq(tw_figure_export(&o, s), 0);
    struct tw_view v;
    cr_assert(tw_options_view(&o, s, &v, err, sizeof(err)), "%s", err);
    cr_expect_eq(v.cursor, 250);
    struct tw_diagram d;
    struct tw_canvas c, back;
    draw(&d, &c, s, &v, 900, 400);
    png_read(path, &back);
    cr_assert_eq(back.w, 900);
    cr_assert_eq(back.h, 400);
    cr_expect_eq(memcmp(back.px, c.px, sizeof(tw_color) * 900 * 400), 0);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tw_canvas_free(&back);
    tv_session_free(s);
}

Test(draw, a_click_on_an_arrow_finds_its_event)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    size_t i = find_event(s, 0, TRACE_EV_CHAN_XFER, task_id(s, "chan_client"), -1);
    struct tw_view v = around(s, i, 6, 6);
    struct tw_diagram d;
    struct tw_canvas c;
    draw(&d, &c, s, &v, W, H);
    int x = expect_x(&d.L, s->model.events[i].ts);
    int ya = expect_y(s, &d.L, (unsigned)task_id(s, "chan_client"));
    int yb = expect_y(s, &d.L, (unsigned)task_id(s, "chan_server"));
    cr_expect_eq(tw_diagram_hit(&d, x + 1, (ya + yb) / 2), (long)i);
    cr_expect_eq(tw_diagram_hit(&d, x + 40, (ya + yb) / 2 + 3), -1, "nothing there");
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    tv_session_free(s);
}
