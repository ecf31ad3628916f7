/* diagram.c - the sequence diagram's layout, its lanes (each task's state
 * in every pixel column), the ruler, the header and legend, the cursor
 * and the line about the selected event (diagram.h). Marks, arrows and
 * queue strips are in diagram_marks.c. */
#include "diagram.h"
#include "font.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_W 150             /* the lane labels' column */
#define TOP_H 40                /* title and two legend lines */
#define RULER_H 16
#define INFO_H 26               /* two lines at the bottom */
#define LANE_MIN 8
#define LANE_MAX 32
#define STRIP_MAX 32
#define STRIP_MIN 10

typedef unsigned __int128 u128;

bool tw_diagram_init(struct tw_diagram *d)
{
    memset(d, 0, sizeof(*d));
    d->cells = calloc(TW_COLS_MAX, sizeof(*d->cells));
    d->col = calloc(TW_COLS_MAX + 1, sizeof(*d->col));
    d->marked = calloc(TW_COLS_MAX, sizeof(*d->marked));
    return d->cells && d->col && d->marked;
}

void tw_diagram_free(struct tw_diagram *d)
{
    free(d->cells);
    free(d->col);
    free(d->marked);
    free(d->marks);
    memset(d, 0, sizeof(*d));
}

/* ---- the time axis ---- */

int tw_x(const struct tw_layout *L, uint64_t ts)
{
    uint64_t span = L->t1 - L->t0;
    if (ts < L->t0) {
        u128 d = (u128)(L->t0 - ts) * (unsigned)L->plot_w / span;
        return d > (1 << 24) ? -(1 << 24) : L->plot_x0 - (int)d - 1;
    }
    u128 d = (u128)(ts - L->t0) * (unsigned)L->plot_w / span;
    return d > (1 << 24) ? (1 << 24) : L->plot_x0 + (int)d;
}

uint64_t tw_time_at(const struct tw_layout *L, int x)
{
    /* The first time whose column is x: ceil(c * span / w). */
    int c = x - L->plot_x0;
    if (c <= 0)
        return L->t0;
    u128 num = (u128)(unsigned)c * (L->t1 - L->t0);
    return L->t0 + (uint64_t)((num + (unsigned)L->plot_w - 1) / (unsigned)L->plot_w);
}

int tw_lane_y(const struct tw_layout *L, unsigned task)
{
    if (task >= TR_TASKS || L->lane_of[task] < 0)
        return -1;
    return L->lanes_y + L->lane_of[task] * L->lane_h + L->lane_h / 2;
}

/* Events with a time before ts. */
static size_t count_before(const struct tv_session *s, uint64_t ts)
{
    return ts ? tv_session_count_at(s, ts - 1) : 0;
}

int tw_tasks(const struct tv_session *s, uint8_t *ids)
{
    int n = 0;
    for (int id = 0; id < TR_TASKS; id++)
        if (s->dec.meta.names[id][0] || s->model.now.task[id].state != TRACE_STATE_UNKNOWN)
            ids[n++] = (uint8_t)id;
    return n;
}

void tw_view_fit(const struct tv_session *s, struct tw_view *v)
{
    size_t n = tv_session_count(s);
    v->t0 = n ? s->model.events[0].ts : 0;
    v->t1 = n ? s->model.events[n - 1].ts + 1 : 1;
    /* A little room after the last event, so its marks are not cut. */
    v->t1 += (v->t1 - v->t0) / 50 + 1;
    v->cursor = n;
    v->cur_ts = n ? s->model.events[n - 1].ts : 0;
}

/* ---- layout ---- */

static void layout(struct tw_layout *L, const struct tv_session *s, const struct tw_view *v,
                   int w, int h)
{
    uint8_t ids[TR_TASKS];
    int n = tw_tasks(s, ids);
    memset(L, 0, sizeof(*L));
    L->w = w;
    L->h = h;
    L->t0 = v->t0;
    L->t1 = v->t1 > v->t0 ? v->t1 : v->t0 + 1;
    L->plot_x0 = LABEL_W;
    L->plot_w = w - LABEL_W - 8;
    if (L->plot_w > TW_COLS_MAX)
        L->plot_w = TW_COLS_MAX;
    if (L->plot_w < 1)
        L->plot_w = 1;
    for (int i = 0; i < TR_TASKS; i++)
        L->lane_of[i] = -1;
    for (int i = 0; i < n; i++)
        if (!(v->hidden >> ids[i] & 1)) {
            L->lane_of[ids[i]] = L->nlanes;
            L->lane_task[L->nlanes++] = ids[i];
        }
    const struct tv_queues *qs = &s->queues;
    for (size_t q = 0; q < qs->n && L->nstrips < TW_STRIPS_MAX; q++)
        if (L->lane_of[qs->q[q].from] >= 0 || L->lane_of[qs->q[q].to] >= 0)
            L->strip_queue[L->nstrips++] = (int)q;     /* not when both lanes are hidden */
    L->ruler_y = TOP_H;
    L->lanes_y = TOP_H + RULER_H;
    int room = h - L->lanes_y - INFO_H - 4;
    L->strip_h = STRIP_MAX;
    if (L->nstrips && L->nstrips * STRIP_MAX > room / 3)
        L->strip_h = room / 3 / L->nstrips < STRIP_MIN ? STRIP_MIN : room / 3 / L->nstrips;
    room -= L->nstrips * L->strip_h;
    L->lane_h = L->nlanes ? room / L->nlanes : LANE_MAX;
    L->lane_h = L->lane_h > LANE_MAX ? LANE_MAX : L->lane_h < LANE_MIN ? LANE_MIN : L->lane_h;
    L->strips_y = L->lanes_y + L->nlanes * L->lane_h + 4;
    L->info_y = h - INFO_H + 2;
}

/* d->col[c]: the events before column c's first time, for c up to
 * plot_w; each a bisection that starts where the last one ended. */
static void columns(struct tw_diagram *d, const struct tv_session *s)
{
    const struct tw_layout *L = &d->L;
    size_t lo = 0, n = tv_session_count(s);
    for (int c = 0; c <= L->plot_w; c++) {
        uint64_t ts = tw_time_at(L, L->plot_x0 + c);
        size_t a = lo, b = n;
        while (a < b) {                     /* the first event at or after ts */
            size_t mid = a + (b - a) / 2;
            if (s->model.events[mid].ts < ts)
                a = mid + 1;
            else
                b = mid;
        }
        d->col[c] = lo = a;
    }
}

/* ---- the state of every lane in every column ---- */

/* Which of the states seen in a column is drawn: running over blocked
 * over ready over dead (as the terminal's timeline does). */
static int rank(uint8_t state)
{
    static const int r[] = { 0, 4, 2, 3, 1 };
    return state <= TRACE_STATE_DEAD ? r[state] : 0;
}

static void see(struct tw_cell *cell, const struct tr_task *t)
{
    if (rank(t->state) > rank(cell->state) ||
        (t->state == TRACE_STATE_BLOCKED && cell->state == TRACE_STATE_BLOCKED))
        *cell = (struct tw_cell){ t->state, t->wait, t->peer };
}

/* Replay the window event by event from the model's state at its start. */
static void cells_exact(struct tw_diagram *d, const struct tv_session *s)
{
    struct tw_layout *L = &d->L;
    static struct tr_state st;
    tv_session_state(s, L->first, &st);
    size_t at = L->first, n = tv_session_count(s);
    uint64_t last = n ? s->model.events[n - 1].ts : 0;
    for (int c = 0; c < L->plot_w; c++) {
        struct tw_cell *cell = d->cells[c];
        memset(cell, 0, sizeof(d->cells[c]));
        uint64_t start = tw_time_at(L, L->plot_x0 + c);
        if (start > last && c > 0)
            continue;                       /* the future: nothing yet */
        size_t end = d->col[c + 1];
        for (int k = 0; k < L->nlanes; k++)
            see(&cell[L->lane_task[k]], &st.task[L->lane_task[k]]);
        for (; at < end; at++) {
            const struct tr_event *e = &s->model.events[at];
            tr_state_apply(&st, e, tv_session_extra(s, at).p);
            for (int k = 0; k < L->nlanes; k++)
                see(&cell[L->lane_task[k]], &st.task[L->lane_task[k]]);
        }
    }
}

/* From the lane index: states only, a few block summaries per column. */
static void cells_dense(struct tw_diagram *d, const struct tv_session *s)
{
    struct tw_layout *L = &d->L;
    struct tv_lane_pos pos;
    tv_lanes_seek(&s->lanes, s->model.events, L->first, &pos);
    size_t n = tv_session_count(s);
    uint64_t last = n ? s->model.events[n - 1].ts : 0;
    for (int c = 0; c < L->plot_w; c++) {
        struct tw_cell *cell = d->cells[c];
        uint8_t seen[TR_TASKS] = { 0 };
        memset(cell, 0, sizeof(d->cells[c]));
        if (tw_time_at(L, L->plot_x0 + c) > last && c > 0)
            continue;
        size_t end = d->col[c + 1];
        /* A column of 8 blocks or more ends on a block's edge, so that it
         * is walked by summaries alone: its edge moves by less than an
         * eighth of a column, less than a pixel's worth of time. */
        if (end - pos.at >= 8 * TV_BLOCK && end < tv_session_count(s))
            end -= end % TV_BLOCK;
        tv_lanes_walk(&s->lanes, s->model.events, &pos, end, seen);
        for (int k = 0; k < L->nlanes; k++) {
            uint8_t b = seen[L->lane_task[k]];
            struct tw_cell *x = &cell[L->lane_task[k]];
            x->state = b & TV_SEEN_RUNNING ? TRACE_STATE_RUNNING
                     : b & TV_SEEN_BLOCKED ? TRACE_STATE_BLOCKED
                     : b & TV_SEEN_READY ? TRACE_STATE_READY
                     : b & TV_SEEN_DEAD ? TRACE_STATE_DEAD : TRACE_STATE_UNKNOWN;
            x->peer = TR_NO_TASK;
        }
    }
}

/* ---- lanes ---- */

tw_color tw_state_color(unsigned state, unsigned wait, enum tw_pattern *pat)
{
    *pat = TW_PAT_SOLID;
    switch (state) {
    case TRACE_STATE_RUNNING: return TW_RGB_RUN;
    case TRACE_STATE_READY:   return TW_RGB_READY;
    case TRACE_STATE_DEAD:    return TW_RGB_DEAD;
    case TRACE_STATE_BLOCKED: break;
    default:                  return TW_RGB_BG;
    }
    switch (wait) {
    case TRACE_WAIT_SEND:    *pat = TW_PAT_SLASH; return TW_RGB_SEND;
    case TRACE_WAIT_CALL:    *pat = TW_PAT_CROSS; return TW_RGB_SEND;
    case TRACE_WAIT_REPLY:   *pat = TW_PAT_BACKSLASH; return TW_RGB_REPLY;
    case TRACE_WAIT_RECV:    *pat = TW_PAT_VERTICAL; return TW_RGB_RECV;
    case TRACE_WAIT_CHANNEL: *pat = TW_PAT_HORIZONTAL; return TW_RGB_CHAN;
    default:                 *pat = TW_PAT_DOTS; return TW_RGB_WAIT;
    }
}

/* "reply<server": a state in words, for labels. */
static void state_text(const struct tv_session *s, const struct tw_cell *c, char *buf,
                       size_t size)
{
    char peer[40];
    const char *p = c->peer == TR_NO_TASK ? "" : tr_task_name(&s->dec, c->peer, peer);
    if (c->state != TRACE_STATE_BLOCKED) {
        snprintf(buf, size, "%s", c->state == TRACE_STATE_RUNNING ? "run"
                                  : tv_state_word(c->state));
        return;
    }
    switch (c->wait) {
    case TRACE_WAIT_SEND:    snprintf(buf, size, "send>%s", p); break;
    case TRACE_WAIT_CALL:    snprintf(buf, size, "call>%s", p); break;
    case TRACE_WAIT_REPLY:   snprintf(buf, size, "reply<%s", p); break;
    case TRACE_WAIT_RECV:    snprintf(buf, size, "recv<%s", c->peer == 0 ? "any" : p); break;
    case TRACE_WAIT_CHANNEL: snprintf(buf, size, "chan<%s", p); break;
    case TRACE_WAIT_SLEEP:   snprintf(buf, size, "sleep"); break;
    case TRACE_WAIT_CONSOLE: snprintf(buf, size, "console"); break;
    default:                 snprintf(buf, size, "blocked"); break;
    }
}

/* One span of equal cells: its shape, and its words when they fit. */
/* (The words go at x + at, if `room` pixels from there are free of marks.) */
static void span(struct tw_canvas *cv, const struct tv_session *s, int x, int w, int y,
                 int lh, const struct tw_cell *cell, bool labels, int at, int room)
{
    enum tw_pattern pat;
    tw_color col = tw_state_color(cell->state, cell->wait, &pat);
    int top = y + 2, bh = lh - 4;
    switch (cell->state) {
    case TRACE_STATE_RUNNING:
        tw_fill(cv, x, top, w, bh, col);
        break;
    case TRACE_STATE_READY:
        tw_fill(cv, x, y + lh / 2 - 1, w, bh >= 12 ? 3 : 2, col);
        break;
    case TRACE_STATE_BLOCKED: {
        int bt = top + bh / 5, bb = bh - 2 * (bh / 5);
        tw_hatch(cv, x, bt, w, bb, col, pat);
        tw_fill(cv, x, bt, w, 1, col);
        tw_fill(cv, x, bt + bb - 1, w, 1, col);
        break;
    }
    case TRACE_STATE_DEAD:
        for (int i = x; i < x + w; i++)
            if (i % 6 < 3)
                tw_put(cv, i, y + lh / 2, col);
        break;
    default:
        return;
    }
    char text[64];
    if (!labels || lh < 24)
        return;
    /* In the band's top part: a ready bar or the bottom of a hatch stays seen. */
    state_text(s, cell, text, sizeof(text));
    if ((w - at < room ? w - at : room) >= tw_text_width(text) + 8)
        tw_label(cv, x + at + 3, y + 4, text, TW_RGB_TEXT, TW_RGB_BG);
}

static bool same(const struct tw_cell *a, const struct tw_cell *b)
{
    return a->state == b->state && a->wait == b->wait && a->peer == b->peer;
}

static void lane_label(struct tw_canvas *cv, const struct tv_session *s,
                       const struct tr_state *st, unsigned id, int y, int lh, bool sel)
{
    char buf[40], text[64];
    const struct tr_task *t = &st->task[id];
    struct tw_cell now = { t->state, t->wait, t->peer };
    if (sel)
        tw_fill(cv, 0, y + 1, LABEL_W - 4, lh - 1, 0xfff0a0u);
    const char *name = tr_task_name(&s->dec, id, buf);
    state_text(s, &now, text, sizeof(text));
    tw_clip(cv, 0, LABEL_W - 4);
    if (lh >= 2 * TW_LINE_H) {
        tw_text(cv, 4, y + lh / 2 - TW_LINE_H, name, TW_RGB_TEXT);
        tw_text(cv, 10, y + lh / 2, text, 0x505050u);
    } else {
        char both[120];
        snprintf(both, sizeof(both), "%s %s", name, text);
        tw_text(cv, 4, y + (lh - TW_FONT_H) / 2, both, TW_RGB_TEXT);
    }
    tw_clip_reset(cv);
}

static void draw_lanes(struct tw_diagram *d, struct tw_canvas *cv, const struct tv_session *s,
                       const struct tw_view *v, const struct tr_state *st)
{
    const struct tw_layout *L = &d->L;
    for (int k = 0; k < L->nlanes; k++) {
        unsigned id = L->lane_task[k];
        int y = L->lanes_y + k * L->lane_h;
        if (k % 2)
            tw_fill(cv, 0, y, L->w, L->lane_h, TW_RGB_LANE_ALT);
        tw_fill(cv, 0, y, L->w, 1, TW_RGB_GRID);
        lane_label(cv, s, st, id, y, L->lane_h, v->sel_task == (int)id);
        tw_clip(cv, L->plot_x0, L->plot_x0 + L->plot_w);
        for (int c = 0; c < L->plot_w;) {
            int e = c + 1;
            while (e < L->plot_w && same(&d->cells[e][id], &d->cells[c][id]))
                e++;
            int at = 0, room = 0;       /* past an arrow's end at the start */
            while (at < 10 && c + at < e && d->marked[c + at] >> k & 1)
                at++;
            while (c + at + room < e && !(d->marked[c + at + room] >> k & 1))
                room++;
            span(cv, s, L->plot_x0 + c, e - c, y, L->lane_h, &d->cells[c][id], L->exact, at,
                 room);
            c = e;
        }
        tw_clip_reset(cv);
    }
    tw_fill(cv, 0, L->lanes_y + L->nlanes * L->lane_h, L->w, 1, TW_RGB_GRID);
}

/* ---- ruler, header, legend, cursor, info ---- */

/* 1, 2 or 5 times a power of ten, at least x. */
static double nice(double x)
{
    double p = 1;
    while (p * 10 <= x)
        p *= 10;
    while (p > x)
        p /= 10;
    return x <= p ? p : x <= 2 * p ? 2 * p : x <= 5 * p ? 5 * p : 10 * p;
}

static void ruler(struct tw_canvas *cv, const struct tv_session *s, const struct tw_layout *L)
{
    double hz = tv_session_hz(s), span = (double)(L->t1 - L->t0);
    double want = span * 120 / L->plot_w;       /* a label every 120 pixels or so */
    double step = hz > 0 ? nice(want / hz) * hz : nice(want < 1 ? 1 : want);
    uint64_t first = tv_session_count(s) ? s->model.events[0].ts : 0;
    double k0 = L->t0 > first ? (double)(L->t0 - first) / step : 0;
    tw_fill(cv, L->plot_x0, L->ruler_y + RULER_H - 1, L->plot_w, 1, TW_RGB_TEXT);
    tw_clip(cv, L->plot_x0, L->plot_x0 + L->plot_w);
    for (double k = (double)(uint64_t)k0; ; k++) {
        double at = (double)first + k * step + 0.5;
        if (at >= (double)L->t1)            /* in double: t1 may be near 2^64 */
            break;
        uint64_t ts = (uint64_t)at;
        if (ts < L->t0)
            continue;
        int x = tw_x(L, ts);
        char text[48];
        tv_time_text(s, ts, text, sizeof(text));
        tw_fill(cv, x, L->ruler_y + RULER_H - 5, 1, 5, TW_RGB_TEXT);
        tw_text(cv, x + 2, L->ruler_y + 2, text, TW_RGB_TEXT);
    }
    tw_clip_reset(cv);
}

static int swatch(struct tw_canvas *cv, int x, int y, unsigned state, unsigned wait,
                  const char *text)
{
    struct tw_cell c = { (uint8_t)state, (uint8_t)wait, TR_NO_TASK };
    tw_frame(cv, x, y - 1, 18, 12, TW_RGB_GRID);
    span(cv, NULL, x + 1, 16, y - 1, 12, &c, false, 0, 0);
    return x + 22 + tw_text(cv, x + 22, y + 1, text, TW_RGB_TEXT) + 12;
}

static void header(struct tw_canvas *cv, const struct tv_session *s, const struct tw_view *v,
                   const struct tw_layout *L)
{
    char line[400], a[48], b[48], cur[48];
    tv_time_text(s, L->t0, a, sizeof(a));
    tv_time_text(s, L->t1, b, sizeof(b));
    tv_time_text(s, v->cur_ts, cur, sizeof(cur));
    const struct tr_counts *k = &s->dec.counts;
    snprintf(line, sizeof(line), "baton-trace %s  %s  %s  events %zu  lost %llu  showing %s .. %s"
             "%s  cursor #%zu %s", s->dec.meta.have_arch ? s->dec.meta.arch : "",
             v->title ? v->title : "", v->status ? v->status : "", tv_session_count(s),
             (unsigned long long)(k->lost + k->missing), a, b,
             L->exact ? "" : " (dense: states only, marks thinned)", v->cursor, cur);
    tw_text(cv, 4, 3, line, TW_RGB_TEXT);
    int x = 4, y = 16;
    x = swatch(cv, x, y, TRACE_STATE_RUNNING, 0, "running");
    x = swatch(cv, x, y, TRACE_STATE_READY, 0, "ready");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_SEND, "send>");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_CALL, "call>");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_REPLY, "reply<");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_RECV, "recv<");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_CHANNEL, "chan<");
    x = swatch(cv, x, y, TRACE_STATE_BLOCKED, TRACE_WAIT_NONE, "other wait");
    swatch(cv, x, y, TRACE_STATE_DEAD, 0, "dead");
    tw_text(cv, 4, 29, "arrows: message (reply dashed), channel transfer (purple, size, reg/shm)"
            "   o notify sent  * delivered  v irq  async: ^ enqueue v deliver ! full"
            "   red line: deadlock, fault", 0x303030u);
}

static void cursor_line(struct tw_canvas *cv, const struct tw_layout *L, const struct tw_view *v)
{
    int x = tw_x(L, v->cur_ts);
    if (!v->cursor_shown || x < L->plot_x0 || x >= L->plot_x0 + L->plot_w)
        return;
    int bottom = L->strips_y + L->nstrips * L->strip_h;
    tw_line(cv, x, L->ruler_y + RULER_H - 6, x, bottom, TW_RGB_CURSOR, 0);
    tw_arrowhead(cv, x, L->ruler_y + RULER_H - 1, 0, 1, TW_RGB_CURSOR);
}

/* Event i as "+7.931ms producer async-full -> consumer depth 16". */
static const char *event_text(const struct tv_session *s, size_t i, char *buf, size_t size)
{
    char line[300], *p = line;
    int n;
    tv_time_text(s, s->model.events[i].ts, buf, size);
    tv_session_event_text(s, i, line, sizeof(line));
    while (*p == ' ')
        p++;
    while (*p >= '0' && *p <= '9')     /* the raw cycle count: the time is above */
        p++;
    n = (int)strlen(buf);
    snprintf(buf + n, size - (size_t)n, "%s", p);
    return buf;
}

static void info(struct tw_canvas *cv, const struct tv_session *s, const struct tw_view *v,
                 const struct tw_layout *L)
{
    char text[300], line[400];
    size_t n = tv_session_count(s);
    long ev = v->sel >= 0 ? v->sel : (long)v->cursor - 1;
    tw_fill(cv, 0, L->info_y - 2, L->w, 1, TW_RGB_GRID);
    if (ev >= 0 && (size_t)ev < n) {
        snprintf(line, sizeof(line), "%s #%ld %s", v->sel >= 0 ? "selected" : "cursor", ev + 1,
                 event_text(s, (size_t)ev, text, sizeof(text)));
        tw_text(cv, 4, L->info_y, line, TW_RGB_TEXT);
    }
    size_t alerts = 0, last = 0;
    for (size_t i = 0; i < s->nalerts && s->alerts[i] < v->cursor; i++)
        alerts++, last = s->alerts[i];
    if (alerts) {
        snprintf(line, sizeof(line), "%zu alert%s by the cursor, the last: #%zu %s", alerts,
                 alerts > 1 ? "s" : "", last + 1, event_text(s, last, text, sizeof(text)));
        tw_text(cv, 4, L->info_y + TW_LINE_H + 2, line, TW_RGB_ALERT);
    }
}

/* d->marked[column], bit k: a mark or its label is on lane k there (from a
 * little before the mark to where its label may end), so that a span's
 * words are not written under it. */
static void mark_columns(struct tw_diagram *d, const struct tw_view *v)
{
    const struct tw_layout *L = &d->L;
    memset(d->marked, 0, (size_t)L->plot_w * sizeof(*d->marked));
    for (size_t k = 0; k < d->nmarks && !v->marks_off; k++) {
        const struct tw_mark *m = &d->marks[k];
        int ends[2][2] = { { m->x0, m->y0 }, { m->x1, m->y1 } };
        for (int i = 0; i < 2; i++) {
            int lane = L->lane_h ? (ends[i][1] - L->lanes_y) / L->lane_h : -1;
            if (lane < 0 || lane >= L->nlanes || ends[i][1] < L->lanes_y)
                continue;
            bool arrow = m->x0 != m->x1 || m->y0 != m->y1;   /* its label is between lanes */
            for (int x = ends[i][0] - 4; x < ends[i][0] + (arrow ? 5 : 40); x++)
                if (x >= L->plot_x0 && x < L->plot_x0 + L->plot_w)
                    d->marked[x - L->plot_x0] |= 1ull << lane;
        }
    }
}

void tw_diagram_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                     const struct tw_view *v)
{
    static struct tr_state st;
    struct tw_layout *L = &d->L;
    layout(L, s, v, c->w, c->h);
    L->first = count_before(s, L->t0);
    L->end = count_before(s, L->t1);
    L->exact = L->end - L->first <= (size_t)TW_EXACT_PER_COL * (size_t)L->plot_w;
    columns(d, s);
    tw_fill(c, 0, 0, c->w, c->h, TW_RGB_BG);
    if (L->exact)
        cells_exact(d, s);
    else
        cells_dense(d, s);
    tw_marks_collect(d, s);
    mark_columns(d, v);
    tv_session_state(s, v->cursor, &st);
    draw_lanes(d, c, s, v, &st);
    ruler(c, s, L);
    tw_strips_draw(d, c, s, v);
    if (!v->marks_off)
        tw_marks_draw(d, c, s, v);
    cursor_line(c, L, v);
    header(c, s, v, L);
    info(c, s, v, L);
}

int tw_diagram_height(const struct tv_session *s, const struct tw_view *v, int lane_h)
{
    uint8_t ids[TR_TASKS];
    int n = tw_tasks(s, ids), lanes = 0, strips = 0;
    for (int i = 0; i < n; i++)
        lanes += !(v->hidden >> ids[i] & 1);
    for (size_t q = 0; q < s->queues.n; q++)
        strips += !(v->hidden >> s->queues.q[q].from & 1) || !(v->hidden >> s->queues.q[q].to & 1);
    if (strips > TW_STRIPS_MAX)
        strips = TW_STRIPS_MAX;
    return TOP_H + RULER_H + lanes * lane_h + 4 + strips * STRIP_MAX + INFO_H + 6;
}
