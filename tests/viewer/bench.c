/* bench.c - the viewer's figures for `make bench` (printed, never asserted):
 *   bench host viewer_ingest <n> events/s          bytes -> decoder -> model,
 *                                                   lanes, queues: the live path
 *   bench host viewer_ingest_screen <n> events/s   the same, redrawing a 160x48
 *                                                   screen 30 times a second
 *   bench host viewer_redraw_<view> <ms> ms        one full redraw, 10 million
 *                                                   events in history
 *   bench host viewer_bytes_per_event <x> bytes    memory the history holds
 *   bench host viewer_rss_per_event <x> bytes      resident memory growth
 *   bench host window_frame_<view> <ms> ms         one frame of the window view
 *                                                   (1600x900, tracer/diagram.c)
 * The trace: 10 million events of a typical mix, encoded by the kernel's
 * own trace code (kernel/trace.c on the host), fed in 64 KiB reads as the
 * viewer reads a pipe. The screen is a real ncurses screen on a dummy
 * terminal (xterm-256color writing to /dev/null). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "host_kernel.h"
#include "session.h"
#include "view.h"
#include "diagram.h"
#include "png.h"

#define EVENTS 10000000
#define READ 65536

/* One round: a call and its reply, a channel transfer, a notification,
 * async traffic; 16 events among 8 tasks. */
static void record_round(int i)
{
    task_t c = 1 + i % 4, s = 5 + i % 2;
    trace_ipc_xfer(c, s, TRACE_MSG_CALL);
    trace_wake(s);
    trace_switch(c, s);
    trace_ipc_xfer(s, c, TRACE_MSG_REPLY);
    trace_wake(c);
    trace_ipc_recv_block(s, 0);
    trace_switch(s, c);
    trace_chan_xfer(c, 7, 1, 16, false);
    trace_wake(7);
    trace_chan_block(c, 2, 1);
    trace_switch(c, 7);
    trace_notify_send(7, c, 4);
    trace_notify_deliver(c, 7, 4);
    trace_wake(c);
    trace_put(TRACE_EV_ASYNC_ENQUEUE, 7, 8, 0, (uint32_t)(i % 16));
    trace_switch(7, c);
}

static const uint8_t *make_trace(size_t *len)
{
    static const char *const names[] = { "idle", "client1", "client2", "client3", "client4",
                                         "server1", "server2", "driver", "sink" };
    hk_reset();
    for (task_t id = 1; id <= 8; id++)
        hk_task(id, names[id], 3, 0, 0);
    hk_clock(1u << 24, 151);
    trace_init();
    trace_set_mask(TRACE_CAT_ALL);
    for (int i = 0; i < EVENTS / 16; i++) {
        record_round(i);
        if (i % 32 == 31)       /* 512 events: the ring holds 1024 */
            trace_drain();
    }
    trace_drain();
    return hk_uart(len);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double resident_bytes(void)
{
    long pages = 0, size;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%ld %ld", &size, &pages) != 2)
        pages = 0;
    if (f)
        fclose(f);
    return (double)pages * (double)sysconf(_SC_PAGESIZE);
}

/* Feed it all in READ-byte pieces; redraw every 1/30 s if ui is given. */
static double ingest(struct tv_session *s, const uint8_t *buf, size_t len, struct tv_ui *ui)
{
    double t0 = now(), next_draw = t0;
    for (size_t at = 0; at < len; at += READ) {
        tv_session_feed(s, buf + at, len - at < READ ? len - at : READ);
        if (ui && now() >= next_draw) {
            tv_ui_draw(ui);
            next_draw = now() + 1.0 / 30;
        }
    }
    tv_session_end(s);
    return now() - t0;
}

static struct tv_ui ui;

static void screen_open(struct tv_session *s)
{
    static FILE *out, *in;
    tv_ui_init(&ui, s);
    setenv("LINES", "48", 1);
    setenv("COLUMNS", "160", 1);
    setenv("TERM", "xterm-256color", 1);
    out = fopen("/dev/null", "w");
    in = fopen("/dev/null", "r");
    if (!out || !in || tv_screen_open(&ui, out, in) != 0) {
        fprintf(stderr, "viewer-bench: no dummy terminal\n");
        exit(1);
    }
}

/* Milliseconds per redraw, the best of a few. */
static double redraw_ms(void)
{
    double best = 1e9;
    tv_ui_draw(&ui);                    /* warm: the state at the cursor */
    for (int k = 0; k < 10; k++) {
        ui.st_valid = false;            /* as after a cursor move */
        double t0 = now();
        tv_ui_draw(&ui);
        double t = (now() - t0) * 1e3;
        best = t < best ? t : best;
    }
    return best;
}

static void redraws(struct tv_session *s)
{
    size_t n = tv_session_count(s);
    printf("bench host viewer_redraw_live %.2f ms\n", redraw_ms());
    ui.autofit = false;
    ui.scale = 2000;                    /* about 13 events a column */
    printf("bench host viewer_redraw_live_zoomed %.2f ms\n", redraw_ms());
    tv_ui_set_cursor(&ui, n / 2 + 12345);   /* far from a copy of the state */
    printf("bench host viewer_redraw_cursor %.2f ms\n", redraw_ms());
    ui.view = 4;
    printf("bench host viewer_redraw_events %.2f ms\n", redraw_ms());
    tv_filter_set(&ui, "client3");             /* one event in 16 or so */
    double t0 = now();
    while (tv_filter_step(&ui, 200000))
        ;
    printf("bench host viewer_filter_scan %.0f events/s\n", (double)n / (now() - t0));
    printf("bench host viewer_redraw_events_filtered %.2f ms\n", redraw_ms());
    tv_filter_set(&ui, "no-such-thing");        /* the worst: nothing matches */
    while (tv_filter_step(&ui, 200000))
        ;
    printf("bench host viewer_redraw_events_no_match %.2f ms\n", redraw_ms());
    tv_filter_set(&ui, "");
    ui.view = 1;
    ui.autofit = true;
    printf("bench host viewer_redraw_cursor_fit %.2f ms\n", redraw_ms());
}

/* ---- the window view: one frame of the diagram, 1600x900 ---- */

/* The CPU time this thread has used: a frame's cost without the time
 * other programs on a shared machine took the processor away. */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Milliseconds (of CPU) per frame of v, the best of a few. */
static double frame_ms(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                       const struct tw_view *v)
{
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t0 = cpu_now();
        tw_diagram_draw(d, c, s, v);
        double t = (cpu_now() - t0) * 1e3;
        best = t < best ? t : best;
    }
    return best;
}

/* A view of events [a, b) with the cursor in the middle. */
static struct tw_view window_of(const struct tv_session *s, size_t a, size_t b)
{
    struct tw_view v;
    memset(&v, 0, sizeof(v));
    v.t0 = s->model.events[a].ts;
    v.t1 = s->model.events[b].ts;
    v.cursor = a + (b - a) / 2;
    v.cur_ts = s->model.events[v.cursor].ts;
    v.cursor_shown = true;
    v.sel = -1;
    v.sel_task = -1;
    return v;
}

static void window_frames(const struct tv_session *s)
{
    struct tw_diagram d;
    struct tw_canvas c;
    size_t n = tv_session_count(s), mid = n / 2 + 12345;
    if (!tw_diagram_init(&d) || !tw_canvas_init(&c, 1600, 900))
        return;
    struct tw_view v;
    memset(&v, 0, sizeof(v));
    tw_view_fit(s, &v);
    v.sel = v.sel_task = -1;
    printf("bench host window_frame_fit %.2f ms\n", frame_ms(&d, &c, s, &v));
    v = window_of(s, mid, mid + 1000000);
    printf("bench host window_frame_1m_events %.2f ms\n", frame_ms(&d, &c, s, &v));
    v = window_of(s, mid, mid + (size_t)TW_EXACT_PER_COL * 1440);   /* the densest exact one */
    printf("bench host window_frame_exact_densest %.2f ms\n", frame_ms(&d, &c, s, &v));
    v = window_of(s, mid, mid + 2000);
    printf("bench host window_frame_zoomed %.2f ms\n", frame_ms(&d, &c, s, &v));
    double t0 = cpu_now();
    tw_png_write(&c, "/dev/null");
    printf("bench host window_png_1600x900 %.2f ms\n", (cpu_now() - t0) * 1e3);
    tw_canvas_free(&c);
    tw_diagram_free(&d);
}

int main(void)
{
    size_t len;
    const uint8_t *buf = make_trace(&len);
    double rss0 = resident_bytes();
    struct tv_session *s = tv_session_new();
    double t = ingest(s, buf, len, NULL);
    size_t n = tv_session_count(s);
    double rss = resident_bytes() - rss0;
    if (n < EVENTS) {
        fprintf(stderr, "viewer-bench: %zu events stored, %d expected\n", n, EVENTS);
        return 1;
    }
    printf("bench host viewer_ingest %.0f events/s\n", (double)n / t);
    printf("bench host viewer_bytes_per_event %.1f bytes\n",
           (double)tv_session_bytes(s) / (double)n);
    printf("bench host viewer_rss_per_event %.1f bytes\n", rss / (double)n);
    screen_open(s);
    redraws(s);
    window_frames(s);
    tv_screen_close(&ui);
    tv_ui_free(&ui);
    tv_session_free(s);

    s = tv_session_new();
    screen_open(s);
    t = ingest(s, buf, len, &ui);
    printf("bench host viewer_ingest_screen %.0f events/s\n", (double)tv_session_count(s) / t);
    tv_screen_close(&ui);
    tv_session_free(s);
    return 0;
}
