/* view_timeline.c - the timeline (one lane per task: running, ready and
 * blocked spans, marks where it took part in a rendezvous, a notification,
 * an async operation or an alert; a ruler; the cursor) and the async
 * queues with their sparklines over the same window of time. Columns are
 * computed from the lane index (lanes.h), not by replaying the model, so
 * a redraw costs about the same with ten events or ten million. */
#include "view.h"
#include "lanes.h"
#include <string.h>

#define LABEL 22                /* lane labels: name and state at the cursor */
#define MAX_COLS 1024

static uint64_t last_ts(const struct tv_session *s)
{
    size_t n = tv_session_count(s);
    return n ? s->model.events[n - 1].ts : 0;
}

void tv_timeline_window(struct tv_ui *ui, int w, uint64_t *t0, uint64_t *scale)
{
    struct tv_session *s = ui->s;
    size_t n = tv_session_count(s);
    if (w < 1)
        w = 1;
    uint64_t first = n ? s->model.events[0].ts : 0, last = last_ts(s);
    double window = tv_session_hz(s) * TV_LIVE_SECONDS;
    ui->live_window = ui->autofit && ui->follow && !ui->fit_all && window > 0 &&
                      (double)(last - first) > window;
    if (ui->live_window) {              /* live: the last seconds, moving on */
        ui->scale = (uint64_t)window / (uint64_t)w + 1;
        uint64_t span = (uint64_t)(w - 1) * ui->scale;
        ui->t0 = last > span ? last - span : 0;
    } else if (ui->autofit) {
        ui->scale = (last - first) / (uint64_t)w + 1;
        ui->t0 = first;
    } else if (ui->follow) {
        uint64_t span = (uint64_t)(w - 1) * ui->scale;
        ui->t0 = last > span ? last - span : 0;
    } else if (ui->cur_ts < ui->t0 || ui->cur_ts - ui->t0 >= (uint64_t)w * ui->scale) {
        uint64_t back = (uint64_t)(w / 2) * ui->scale;     /* recentre on the cursor */
        ui->t0 = ui->cur_ts > back ? ui->cur_ts - back : 0;
    }
    *t0 = ui->t0;
    *scale = ui->scale;
}

/* seen[c][task]: what each task did in column c (enum tv_seen). */
static void columns(struct tv_ui *ui, uint64_t t0, uint64_t scale, int w,
                    uint8_t seen[][TR_TASKS])
{
    const struct tv_session *s = ui->s;
    struct tv_lane_pos pos;
    size_t start = t0 ? tv_session_count_at(s, t0 - 1) : 0;   /* events before t0 */
    tv_lanes_seek(&s->lanes, s->model.events, start, &pos);
    for (int c = 0; c < w; c++) {
        memset(seen[c], 0, TR_TASKS);
        uint64_t end_ts = t0 + (uint64_t)(c + 1) * scale - 1;
        size_t end = tv_session_count_at(s, end_ts);
        if (t0 + (uint64_t)c * scale > last_ts(s) && c > 0)
            continue;                       /* the future: nothing yet */
        tv_lanes_walk(&s->lanes, s->model.events, &pos, end, seen[c]);
    }
}

/* The glyph and style for what a task did in one column. */
static const char *cell(struct tv_ui *ui, uint8_t b, attr_t *a)
{
    const struct tv_glyphs *g = ui->g;
    const char *glyph = " ";
    unsigned state = TRACE_STATE_UNKNOWN;
    if (b & TV_SEEN_RUNNING)
        glyph = g->run, state = TRACE_STATE_RUNNING;
    else if (b & TV_SEEN_BLOCKED)
        glyph = g->blocked, state = TRACE_STATE_BLOCKED;
    else if (b & TV_SEEN_READY)
        glyph = g->ready, state = TRACE_STATE_READY;
    else if (b & TV_SEEN_DEAD)
        glyph = g->dead, state = TRACE_STATE_DEAD;
    *a = tv_state_style(ui, state);
    if (ui->marks_off)
        return glyph;
    if (b & TV_SEEN_ALERT) {
        *a = ui->style[TV_S_FULL];
        return g->alert;
    }
    if (b & TV_SEEN_RDV)
        return g->rdv;
    if (b & TV_SEEN_NOTIFY)
        return g->notify;
    if (b & TV_SEEN_ASYNC)
        return g->async;
    return glyph;
}

/* Labels every 16 columns: the time at that column, on the clock of the
 * title, the status line and the event list (since the first event); and
 * the cursor's mark. */
static void ruler(struct tv_ui *ui, int y, int x, int w, uint64_t t0, uint64_t scale, int cur)
{
    char label[40];
    for (int c = 0; c + 8 < w; c += 16) {
        tv_time_text(ui->s, t0 + (uint64_t)c * scale, label, sizeof(label));
        tv_putf(ui, y, x + c, w - c, ui->style[TV_S_DIM], "|%s", label);
    }
    if (cur >= 0 && cur < w)
        tv_put(ui, y, x + cur, 1, ui->g->cursor, ui->style[TV_S_MATCH]);
}

static void lane(struct tv_ui *ui, int y, struct tv_rect in, unsigned id, bool sel,
                 uint8_t seen[][TR_TASKS], int w, int cur)
{
    char name[40];
    const struct tr_task *t = &ui->st.task[id];
    attr_t a = ui->style[sel ? TV_S_SELECT : TV_S_NORMAL];
    tv_fill(ui, y, in.x, LABEL, a);
    tv_putf(ui, y, in.x, LABEL, a, " %-12.12s ", tv_name(ui, id, name));
    tv_putf(ui, y, in.x + 14, LABEL - 14, tv_state_style(ui, t->state) | (a & A_REVERSE),
            "%-7.7s", tv_state_word(t->state));
    for (int c = 0; c < w; c++) {
        attr_t ca;
        const char *glyph = cell(ui, seen[c][id], &ca);
        tv_put(ui, y, in.x + LABEL + c, 1, glyph, c == cur ? ca | A_REVERSE : ca);
    }
}

void tv_draw_timeline(struct tv_ui *ui, struct tv_rect r)
{
    static uint8_t seen[MAX_COLS][TR_TASKS];
    char title[200], zoom[40];
    int w = r.w - 2 - LABEL;
    if (w > MAX_COLS)
        w = MAX_COLS;
    ui->lane_cols = w;
    uint64_t t0, scale;
    tv_timeline_window(ui, w, &t0, &scale);
    tv_duration_text(ui->s, scale, zoom, sizeof(zoom));
    const struct tv_glyphs *g = ui->g;
    char from[40];
    tv_time_text(ui->s, t0, from, sizeof(from));
    const char *fit = ui->live_window ? " (live: the last " TV_LIVE_TEXT "; z: all)"
                    : ui->autofit ? " (fit)" : "";
    snprintf(title, sizeof(title), "Timeline from %s, %s/column%s%s   %s run %s ready %s blocked"
             "   %s rendezvous %s notify %s async %s alert", from, zoom, fit,
             tv_session_hz(ui->s) > 0 ? "" : " (c: cycles, no clock yet)",
             g->run, g->ready, g->blocked, g->rdv, g->notify, g->async, g->alert);
    struct tv_rect in = tv_box(ui, r, title, ui->focus == TV_P_TIMELINE);
    if (in.h < 2 || w < 1)
        return;
    int cur = ui->cur_ts >= t0 && tv_session_count(ui->s) ?
              (int)((ui->cur_ts - t0) / scale) : -1;
    if (cur >= w)
        cur = -1;
    ruler(ui, in.y, in.x + LABEL, w, t0, scale, cur);
    columns(ui, t0, scale, w, seen);
    uint8_t ids[TR_TASKS];
    int n = tv_ui_tasks(ui, ids, TR_TASKS), top = 0;
    if (ui->task_sel >= in.h - 1)
        top = ui->task_sel - (in.h - 2);
    for (int row = 0; row < in.h - 1 && top + row < n; row++)
        lane(ui, in.y + 1 + row, in, ids[top + row],
             ui->focus == TV_P_TIMELINE && top + row == ui->task_sel, seen, w, cur);
}

/* ---- async queues ---- */

static void sparkline(struct tv_ui *ui, int y, int x, int w, const struct tv_queue *q,
                      unsigned peak)
{
    const struct tv_session *s = ui->s;
    uint64_t t0, scale;
    tv_timeline_window(ui, ui->lane_cols > 0 ? ui->lane_cols : COLS - LABEL - 2, &t0, &scale);
    uint64_t span = (uint64_t)(ui->lane_cols > 0 ? ui->lane_cols : COLS) * scale;
    for (int k = 0; k < w; k++) {
        uint64_t ta = t0 + span * (uint64_t)k / (uint64_t)w;
        uint64_t tb = t0 + span * (uint64_t)(k + 1) / (uint64_t)w;
        size_t first = ta ? tv_session_count_at(s, ta - 1) : 0;
        size_t end = tv_session_count_at(s, tb ? tb - 1 : 0);
        unsigned max;
        bool full;
        tv_queue_range(q, first, end, &max, &full);
        int level = max == 0 ? 0 : 1 + (int)((max - 1) * 8 / (peak ? peak : 1));
        attr_t a = ui->style[full ? TV_S_FULL : ta > ui->cur_ts ? TV_S_DIM : TV_S_SPARK];
        tv_put(ui, y, x + k, 1, ui->g->spark[level > 8 ? 8 : level], a);
    }
}

void tv_draw_queues(struct tv_ui *ui, struct tv_rect r)
{
    struct tv_rect in = tv_box(ui, r, "Async queues", ui->focus == TV_P_QUEUES);
    const struct tv_queues *qs = &ui->s->queues;
    if (in.h < 1)
        return;
    int fixed = 52, sw = in.w - fixed - 1;
    tv_putf(ui, in.y, in.x, in.w, ui->style[TV_S_HEAD], " %-12s %-12s %5s %5s %5s   %s",
            "FROM", "TO", "DEPTH", "HIGH", "FULL", sw > 10 ? "DEPTH OVER THE TIMELINE'S WINDOW" : "");
    if (qs->n == 0 && in.h > 1)
        tv_put(ui, in.y + 1, in.x + 1, in.w - 1, "no async message yet", ui->style[TV_S_DIM]);
    if (ui->queue_top > (int)qs->n - 1)
        ui->queue_top = qs->n ? (int)qs->n - 1 : 0;
    for (int row = 0; row < in.h - 1 && ui->queue_top + row < (int)qs->n; row++) {
        const struct tv_queue *q = &qs->q[ui->queue_top + row];
        const struct tr_queue *now = &ui->st.queue[q->from][q->to];
        char a[40], b[40];
        int y = in.y + 1 + row;
        tv_putf(ui, y, in.x, in.w, ui->style[now->full ? TV_S_FULL : TV_S_NORMAL],
                " %-12.12s %-12.12s %5u %5u %5u", tv_name(ui, q->from, a),
                tv_name(ui, q->to, b), now->depth, now->high, now->full);
        if (sw > 4)
            sparkline(ui, y, in.x + fixed, sw, q, ui->s->model.now.queue[q->from][q->to].high);
    }
}
