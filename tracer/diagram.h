/* diagram.h - the window view's drawing: a sequence diagram of a session
 * (session.h) into a canvas (canvas.h). One lane per task with its state
 * over time, an arrow from sender to receiver for every rendezvous, marks
 * for notifications, interrupts and async operations, an async queue
 * depth strip per queue, alerts, a ruler and the cursor. It reads the same
 * model, lane index and queue histories as the terminal viewer: nothing
 * here keeps a model of its own. The window (window.c) and --export-png
 * (figure.c) both call tw_diagram_draw; tests look at its pixels. */
#ifndef TRACER_DIAGRAM_H
#define TRACER_DIAGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "canvas.h"
#include "session.h"

#define TW_STRIPS_MAX 16        /* queue strips drawn, the first queues seen */
#define TW_COLS_MAX 4096        /* widest time axis, in pixels */
/* A window of at most this many events per pixel column is replayed event
 * by event: spans know their kind of blocking, arrows start where the
 * sender blocked, every mark is drawn. A denser one is drawn from the
 * lane index (states per pixel column) with
 * at most TW_MARKS_PER_COL marks per column: the cost of a frame then
 * depends on its width, not on the history. */
#define TW_EXACT_PER_COL 16
#define TW_MARKS_PER_COL 4

/* Colours (Okabe and Ito's palette, safe for colour-blind readers; each
 * state has a shape of its own too: solid, thin, hatched, dashed). */
#define TW_RGB_BG        0xffffffu
#define TW_RGB_TEXT      0x000000u
#define TW_RGB_GRID      0xd0d0d0u
#define TW_RGB_LANE_ALT  0xf4f4f4u
#define TW_RGB_RUN       0x0072b2u  /* blue: running (full height, solid) */
#define TW_RGB_READY     0x009e73u  /* bluish green: ready (a thin bar) */
#define TW_RGB_SEND      0xe69f00u  /* orange: blocked sending (/ hatch; call: x) */
#define TW_RGB_REPLY     0xd55e00u  /* vermillion: awaiting a reply (\ hatch) */
#define TW_RGB_RECV      0xcc79a7u  /* reddish purple: receiving (| hatch) */
#define TW_RGB_CHAN      0x56b4e9u  /* sky blue: on a channel end (- hatch) */
#define TW_RGB_WAIT      0x808080u  /* grey: sleep, console, or kind unknown (dots) */
#define TW_RGB_DEAD      0x404040u  /* dark grey: dead (a dashed line) */
#define TW_RGB_MSG       0x000000u  /* message arrows (reply: dashed) */
#define TW_RGB_XFER      0x6a3d9au  /* channel transfer arrows */
#define TW_RGB_NOTIFY    0x000000u  /* notification marks: o sent, * delivered */
#define TW_RGB_ASYNC     0x009e73u  /* async marks; the depth strip */
#define TW_RGB_ALERT     0xd55e00u  /* deadlocks, faults, a full queue */
#define TW_RGB_CURSOR    0xc00000u

/* What to show. */
struct tw_view {
    uint64_t t0, t1;            /* the time axis, in cycles (t1 > t0) */
    size_t cursor;              /* the state after `cursor` events ... */
    uint64_t cur_ts;            /* ... at this time, drawn as a line */
    bool cursor_shown;
    bool marks_off;             /* lanes only: no arrows, marks, alerts */
    uint64_t hidden;            /* bit i: task i's lane is filtered out */
    long sel;                   /* the selected event, or -1 */
    int sel_task;               /* the selected lane's task, or -1 */
    const char *title;          /* the source's name (may be NULL) */
    const char *status;         /* LIVE, PAUSED... (may be NULL) */
};

/* A mark drawn for an event: an arrow from (x0, y0) to (x1, y1), or a
 * point mark at (x1, y1) (then x0, y0 equal them). For hit tests. */
struct tw_mark {
    size_t index;               /* the event */
    uint8_t type;               /* its TRACE_EV_* */
    int x0, y0, x1, y1;
};

/* Where things are, for the last frame drawn. */
struct tw_layout {
    int w, h;
    int plot_x0, plot_w;        /* the time axis: pixel columns [x0, x0 + w) */
    uint64_t t0, t1;
    int ruler_y, lanes_y, lane_h, nlanes;
    uint8_t lane_task[TR_TASKS];    /* the task of each lane, top first */
    int lane_of[TR_TASKS];          /* each task's lane, or -1 */
    int strips_y, strip_h, nstrips;
    int strip_queue[TW_STRIPS_MAX]; /* index into the session's queues */
    int info_y;
    bool exact;                 /* the window was replayed event by event */
    size_t first, end;          /* the events in the window */
};

/* One lane's state in one pixel column. */
struct tw_cell {
    uint8_t state;              /* TRACE_STATE_*: the one drawn */
    uint8_t wait;               /* TRACE_WAIT_* when blocked (exact only) */
    uint8_t peer;
};

struct tw_diagram {
    struct tw_layout L;
    struct tw_mark *marks;
    size_t nmarks, marks_cap;
    struct tw_cell (*cells)[TR_TASKS];      /* [column][task] */
    size_t *col;                /* [column]: events before it (plot_w + 1 of them) */
    uint64_t *marked;           /* [column]: bit k, lane k has a mark there */
};

bool tw_diagram_init(struct tw_diagram *d);
void tw_diagram_free(struct tw_diagram *d);
/* Draw the diagram of s as v says on c (the whole canvas). */
void tw_diagram_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                     const struct tw_view *v);
/* The event whose mark is nearest to (x, y) within a few pixels, or -1. */
long tw_diagram_hit(const struct tw_diagram *d, int x, int y);

/* The time axis of the last frame: a time's pixel column (may be outside
 * the plot), and the first time in a column. */
int tw_x(const struct tw_layout *L, uint64_t ts);
uint64_t tw_time_at(const struct tw_layout *L, int x);
/* The middle of a task's lane, or -1 when it has none. */
int tw_lane_y(const struct tw_layout *L, unsigned task);
/* The height that gives each lane lane_h pixels (and strips their most). */
int tw_diagram_height(const struct tv_session *s, const struct tw_view *v, int lane_h);
/* The view that shows all of s (cursor at the end). */
void tw_view_fit(const struct tv_session *s, struct tw_view *v);
/* Tasks worth a lane (named, or seen in some state), in id order. */
int tw_tasks(const struct tv_session *s, uint8_t *ids);
/* The colour and pattern of a lane's state (for the legend and tests). */
tw_color tw_state_color(unsigned state, unsigned wait, enum tw_pattern *pat);

/* diagram_marks.c, for diagram.c */
void tw_marks_collect(struct tw_diagram *d, const struct tv_session *s);
void tw_marks_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                   const struct tw_view *v);
void tw_strips_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                    const struct tw_view *v);

#endif
