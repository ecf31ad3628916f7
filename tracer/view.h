/* view.h - the ncurses viewer: what its files share. view.c runs the main
 * loop (sources, keys, the cursor), view_draw.c holds the drawing helpers
 * (styles, glyphs, boxes, clipped text, the status and help), and each
 * view_*.c draws panels. Everything on screen comes from the session at
 * the cursor: ui->st is the state after ui->cursor events. */
#ifndef TRACER_VIEW_H
#define TRACER_VIEW_H

/* Live, the fitted timeline shows this many seconds up to the last event
 * (z shows all of the history), so that the demo stays at a human pace. */
#define TV_LIVE_SECONDS 5
#define TV_LIVE_TEXT "5 s"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <curses.h>
#include "session.h"
#include "match.h"
#include "source.h"

struct tv_script;
struct tw_win;

enum tv_panel {
    TV_P_TASKS, TV_P_TIMELINE, TV_P_EVENTS, TV_P_CHANNELS, TV_P_QUEUES,
    TV_P_CONSOLE, TV_P_ALERTS, TV_P_SCRIPT, TV_P_COUNT
};

enum tv_style {
    TV_S_NORMAL, TV_S_TITLE, TV_S_FOCUS, TV_S_BORDER, TV_S_HEAD, TV_S_DIM,
    TV_S_RUN, TV_S_READY, TV_S_BLOCKED, TV_S_DEAD, TV_S_SELECT, TV_S_ALERT,
    TV_S_STATUS, TV_S_LIVE, TV_S_HOST, TV_S_SPARK, TV_S_FULL, TV_S_MATCH,
    TV_S_COUNT
};

/* Glyphs, in UTF-8 or ASCII. */
struct tv_glyphs {
    const char *h, *v, *tl, *tr, *bl, *br;      /* box lines */
    const char *run, *ready, *blocked, *dead;   /* timeline states */
    const char *rdv, *notify, *async, *alert;   /* timeline marks */
    const char *cursor, *to, *from;             /* ruler mark, arrows */
    const char *spark[9];                       /* sparkline, empty to full */
};

struct tv_rect {
    int y, x, h, w;
};

struct tv_ui {
    struct tv_session *s;
    struct tv_source *src;      /* NULL: nothing more will come */
    struct tv_script *script;   /* NULL: no script */
    FILE *record;               /* --record: raw bytes saved here */
    /* the terminal */
    SCREEN *screen;
    FILE *tty_out, *tty_in;
    bool utf8, ascii, mono;
    int colors;                 /* 0, 8 or 256 */
    attr_t style[TV_S_COUNT];
    const struct tv_glyphs *g;
    /* what is shown */
    int view;                   /* 1..8: the digit keys */
    enum tv_panel focus;
    struct tv_rect rect[TV_P_COUNT];
    bool shown[TV_P_COUNT];
    bool help, marks_off;
    /* the cursor: the state after `cursor` events, at time cur_ts */
    bool follow;                /* live: the cursor stays at the last event */
    bool paused;                /* left live with the space bar */
    size_t cursor;
    uint64_t cur_ts;
    struct tr_state st;         /* the state at the cursor */
    size_t st_cursor;           /* ... computed for this cursor */
    bool st_valid;
    /* the timeline */
    uint64_t scale;             /* cycles per column */
    bool autofit;               /* scale fits the whole history (live: the last seconds) */
    bool fit_all;               /* z: fit the whole history even when live */
    bool live_window;           /* as last drawn: the live window, not the fit */
    bool show_snapshots;        /* S: metadata snapshots in the event list */
    uint64_t t0;                /* time at the left edge */
    int lane_cols;              /* width of the lanes, as last drawn */
    int task_sel, task_top;     /* selected row of the tasks and lanes */
    int console_back;           /* console lines scrolled back */
    int alert_sel, chan_top, queue_top, script_top;
    /* search, filter, prompt, typing into the target */
    struct tv_query search, filter;
    size_t *fidx;               /* events that pass the filter, in order ... */
    size_t fn, fcap;
    size_t fscanned;            /* ... among the first fscanned events */
    int prompt;                 /* 0, '/' search or '\\' filter */
    char input[TV_QUERY_MAX];
    size_t input_len;
    bool insert;                /* keys go to the target's console */
    char message[200];          /* a one-off note on the hint line */
    /* counts for the status line */
    double rate;                /* events per second, recently */
    double rate_t;
    size_t rate_count;
    bool source_ended;
    bool quit;
    /* The viewer's own stderr while the screen is open: a pipe read into
     * the console pane (err_fd), the terminal kept aside (err_saved); -1
     * when not redirected. */
    int err_fd, err_saved;
    bool pipe_checked;          /* a shell pipe's writer looked at (its stderr) */
    struct tw_win *win;         /* the SDL2 window beside the screen (W), or NULL */
};

/* ---- view.c ---- */
/* Run the viewer until q. Returns the exit status. */
int tv_view_run(struct tv_ui *ui);
/* The state at the cursor is ui->st after this (cached). */
void tv_ui_update_state(struct tv_ui *ui);
/* Set the cursor to `n` events (leaving live mode) / to time ts. */
void tv_ui_set_cursor(struct tv_ui *ui, size_t n);
void tv_ui_set_time(struct tv_ui *ui, uint64_t ts);
/* W: open the window view on this session beside the screen, or close it. */
void tv_ui_window(struct tv_ui *ui);
/* Tasks worth a row: named, or seen in some state. Fills ids; returns n. */
int tv_ui_tasks(const struct tv_ui *ui, uint8_t *ids, int max);

/* ---- view_draw.c ---- */
void tv_draw_init(struct tv_ui *ui);            /* styles and glyphs */
/* Text clipped to w columns at (y, x); returns the columns used. */
int tv_put(struct tv_ui *ui, int y, int x, int w, const char *s, attr_t a);
int tv_putf(struct tv_ui *ui, int y, int x, int w, attr_t a, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void tv_fill(struct tv_ui *ui, int y, int x, int w, attr_t a);
/* A box around r with a title; returns the inside. */
struct tv_rect tv_box(struct tv_ui *ui, struct tv_rect r, const char *title, bool focus);
void tv_draw_status(struct tv_ui *ui);
void tv_draw_hints(struct tv_ui *ui);
void tv_draw_alert_bar(struct tv_ui *ui, int y);
void tv_draw_help(struct tv_ui *ui);
/* Draw everything (what a redraw is, for the loop and the benchmark). */
void tv_ui_draw(struct tv_ui *ui);
/* "reply <- server": what a blocked task waits for, in words. */
void tv_wait_text(struct tv_ui *ui, const struct tr_task *t, char *buf, size_t size);
attr_t tv_state_style(struct tv_ui *ui, unsigned state);
const char *tv_name(struct tv_ui *ui, unsigned id, char *buf);
/* src cut or padded with spaces to `width` columns (UTF-8 aware): for tables. */
char *tv_pad(char *dst, size_t size, const char *src, int width);

/* ---- panels ---- */
void tv_draw_tasks(struct tv_ui *ui, struct tv_rect r);
void tv_draw_channels(struct tv_ui *ui, struct tv_rect r);
void tv_draw_alerts(struct tv_ui *ui, struct tv_rect r);
void tv_draw_script(struct tv_ui *ui, struct tv_rect r);
/* "DEADLOCK #9 +1.2ms  refused: a -> b -> a", "FAULT #90 ... waiting on it: x": alert i. */
void tv_alert_text(struct tv_ui *ui, size_t i, char *buf, size_t size);
void tv_draw_timeline(struct tv_ui *ui, struct tv_rect r);
void tv_draw_queues(struct tv_ui *ui, struct tv_rect r);
void tv_draw_events(struct tv_ui *ui, struct tv_rect r);
void tv_draw_console(struct tv_ui *ui, struct tv_rect r);
/* The filter: set it (the matches are then found a slice at a time by
 * tv_filter_step, true while more remain); the next match at or after
 * event `from` (dir 1), or the last one before it (dir -1), or -1. */
void tv_filter_set(struct tv_ui *ui, const char *text);
bool tv_filter_step(struct tv_ui *ui, size_t budget);
size_t tv_filter_next(struct tv_ui *ui, size_t from, int dir);
/* The timeline's window: left edge and cycles per column for w columns. */
void tv_timeline_window(struct tv_ui *ui, int w, uint64_t *t0, uint64_t *scale);

/* ---- screen setup, shared with the benchmark ---- */
/* Start curses on the given terminal files (NULL: the process's own
 * terminal, /dev/tty if stdin or stdout is not one). 0 or -1. */
int tv_screen_open(struct tv_ui *ui, FILE *out, FILE *in);
void tv_screen_close(struct tv_ui *ui);
void tv_ui_init(struct tv_ui *ui, struct tv_session *s);
void tv_ui_free(struct tv_ui *ui);

#endif
