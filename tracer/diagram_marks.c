/* diagram_marks.c - what the diagram draws over the lanes (diagram.h):
 * an arrow per rendezvous, from the sender's lane to the receiver's;
 * notification, interrupt and async marks; alerts; the async queue depth
 * strips. Marks are collected first (with their pixel positions, kept for
 * hit tests), then drawn. */
#include "diagram.h"
#include "font.h"
#include "grow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool is_rendezvous(unsigned type)
{
    return type == TRACE_EV_MSG_SEND || type == TRACE_EV_MSG_CALL ||
           type == TRACE_EV_MSG_REPLY || type == TRACE_EV_CHAN_XFER;
}

static bool is_marked(unsigned type)
{
    return is_rendezvous(type) || type == TRACE_EV_NOTIFY_SEND ||
           type == TRACE_EV_NOTIFY_DELIVER || type == TRACE_EV_IRQ ||
           type == TRACE_EV_ASYNC_ENQUEUE || type == TRACE_EV_ASYNC_DELIVER ||
           type == TRACE_EV_ASYNC_FULL || type == TRACE_EV_DEADLOCK ||
           type == TRACE_EV_TASK_FAULT;
}

/* The lane an interrupt is drawn on: its driver's, the task the kernel
 * notifies right after it (the line's bit); -1 when none follows soon. */
static int irq_lane_y(const struct tw_layout *L, const struct tv_session *s, size_t i)
{
    size_t n = tv_session_count(s);
    for (size_t k = i + 1; k < n && k <= i + 8; k++) {
        const struct tr_event *e = &s->model.events[k];
        if (e->type == TRACE_EV_NOTIFY_SEND && e->subj == 0)
            return tw_lane_y(L, e->peer);
    }
    return -1;
}

/* The mark of event i; `start` is when a rendezvous's sender began it. */
static void add(struct tw_diagram *d, const struct tv_session *s, size_t i, uint64_t start)
{
    const struct tw_layout *L = &d->L;
    const struct tr_event *e = &s->model.events[i];
    int x = tw_x(L, e->ts), y = tw_lane_y(L, e->subj), x0 = x, y0;
    switch (e->type) {
    case TRACE_EV_MSG_SEND: case TRACE_EV_MSG_CALL: case TRACE_EV_MSG_REPLY:
    case TRACE_EV_CHAN_XFER:
        y0 = y;
        y = tw_lane_y(L, e->peer);
        x0 = tw_x(L, start);
        if (y0 < 0 || y < 0)
            return;
        break;
    case TRACE_EV_ASYNC_DELIVER:
        y = y0 = tw_lane_y(L, e->peer);
        break;
    case TRACE_EV_IRQ:
        y = y0 = irq_lane_y(L, s, i);
        if (y < 0)
            y = y0 = L->ruler_y + 8;
        break;
    default:
        y0 = y;
        break;
    }
    if (y < 0)
        return;
    if (!tv_grow((void **)&d->marks, &d->marks_cap, d->nmarks + 1, sizeof(*d->marks)))
        return;
    d->marks[d->nmarks++] = (struct tw_mark){ i, e->type, x0, y0, x, y };
}

/* Replay the window: a rendezvous whose sender was blocked sending (or on
 * its channel end) starts where that wait began, or at the left edge if
 * it began before the window. */
static void collect_exact(struct tw_diagram *d, const struct tv_session *s)
{
    const struct tw_layout *L = &d->L;
    static struct tr_state st;
    uint64_t since[TR_TASKS];
    tv_session_state(s, L->first, &st);
    for (int t = 0; t < TR_TASKS; t++)
        since[t] = L->t0;
    for (size_t i = L->first; i < L->end; i++) {
        const struct tr_event *e = &s->model.events[i];
        uint64_t start = e->ts;
        if (is_rendezvous(e->type) && e->subj < TR_TASKS) {
            const struct tr_task *t = &st.task[e->subj];
            if (t->state == TRACE_STATE_BLOCKED && (t->wait == TRACE_WAIT_SEND ||
                t->wait == TRACE_WAIT_CALL || t->wait == TRACE_WAIT_CHANNEL))
                start = since[e->subj];
        }
        if (is_marked(e->type))
            add(d, s, i, start);
        uint8_t was[TR_TASKS];
        for (int t = 0; t < TR_TASKS; t++)
            was[t] = st.task[t].state;
        tr_state_apply(&st, e, tv_session_extra(s, i).p);
        if (e->subj < TR_TASKS && st.task[e->subj].state == TRACE_STATE_BLOCKED &&
            (was[e->subj] != TRACE_STATE_BLOCKED || e->type == TRACE_EV_SEND_BLOCK ||
             e->type == TRACE_EV_CALL_BLOCK || e->type == TRACE_EV_CHAN_BLOCK))
            since[e->subj] = e->ts;
    }
}

/* A few marks per pixel column, arrows straight down or up; the alerts
 * all, from the session's list. */
static void collect_dense(struct tw_diagram *d, const struct tv_session *s)
{
    const struct tw_layout *L = &d->L;
    size_t at = L->first;
    for (int c = 0; c < L->plot_w && at < L->end; c++) {
        size_t end = d->col[c + 1];
        int found = 0;
        for (size_t i = at; i < end && i < at + 64 && found < TW_MARKS_PER_COL; i++) {
            const struct tr_event *e = &s->model.events[i];
            if (is_marked(e->type) && e->type != TRACE_EV_DEADLOCK &&
                e->type != TRACE_EV_TASK_FAULT) {
                add(d, s, i, e->ts);
                found++;
            }
        }
        at = end > at ? end : at;
    }
    for (size_t k = 0; k < s->nalerts; k++)
        if (s->alerts[k] >= L->first && s->alerts[k] < L->end)
            add(d, s, s->alerts[k], s->model.events[s->alerts[k]].ts);
}

void tw_marks_collect(struct tw_diagram *d, const struct tv_session *s)
{
    d->nmarks = 0;
    if (d->L.exact)
        collect_exact(d, s);
    else
        collect_dense(d, s);
}

/* ---- drawing ---- */

/* Where labels are, in cells of 4x5 pixels, so that a label that would
 * overlap one already drawn is left out, in whatever order they come. */
struct labels {
    uint8_t *cell;
    int cols, rows;
};

/* A label at x, y, unless it would cover part of another. */
static void note(struct tw_canvas *c, struct labels *g, int x, int y, const char *text,
                 tw_color fg)
{
    int x0 = (x - 1) / 4, x1 = (x + tw_text_width(text) + 1) / 4;
    int y0 = (y - 1) / 5, y1 = (y + TW_FONT_H) / 5;
    if (x < 1 || y < 1 || x1 >= g->cols || y1 >= g->rows)
        return;                             /* at the edge: left out */
    for (int j = y0; j <= y1; j++)
        for (int i = x0; i <= x1; i++)
            if (g->cell[j * g->cols + i])
                return;
    for (int j = y0; j <= y1; j++)
        memset(g->cell + j * g->cols + x0, 1, (size_t)(x1 - x0 + 1));
    tw_label(c, x, y, text, fg, TW_RGB_BG);
}

static void arrow(struct tw_canvas *c, const struct tv_session *s, const struct tw_mark *m,
                  bool sel, struct labels *right, bool labels)
{
    const struct tr_event *e = &s->model.events[m->index];
    bool xfer = e->type == TRACE_EV_CHAN_XFER;
    tw_color col = sel ? TW_RGB_CURSOR : xfer ? TW_RGB_XFER : TW_RGB_MSG;
    int dash = e->type == TRACE_EV_MSG_REPLY ? 3 : 0, dir = m->y1 > m->y0 ? 1 : -1;
    tw_line(c, m->x0, m->y0, m->x1, m->y1, col, dash);
    if (sel || xfer)
        tw_line(c, m->x0 + 1, m->y0, m->x1 + 1, m->y1, col, dash);
    tw_arrowhead(c, m->x1, m->y1, m->x1 - m->x0, dir * abs(m->y1 - m->y0) + dir, col);
    tw_fill(c, m->x0 - 1, m->y0 - 1, 3, 3, col);       /* the sending end */
    if (!labels)
        return;
    char text[48];
    static const char *const kind[] = { "send", "call", "reply" };
    if (xfer)
        snprintf(text, sizeof(text), "%uB %s", e->a, e->aux & TRACE_PORT_SHARED ? "shm" : "reg");
    else
        snprintf(text, sizeof(text), "%s", kind[e->type - TRACE_EV_MSG_SEND]);
    note(c, right, m->x1 + 4, (m->y0 + m->y1) / 2 - TW_FONT_H / 2, text, col);
}

static void point(struct tw_canvas *c, const struct tv_session *s, const struct tw_layout *L,
                  const struct tw_mark *m, bool sel, struct labels *right, bool labels)
{
    const struct tr_event *e = &s->model.events[m->index];
    int x = m->x1, y = m->y1, q = L->lane_h / 4;
    char text[48] = "";
    switch (e->type) {
    case TRACE_EV_NOTIFY_SEND:
    case TRACE_EV_NOTIFY_DELIVER:
        tw_circle(c, x, y, 3, TW_RGB_BG, true);
        tw_circle(c, x, y, 3, TW_RGB_NOTIFY, e->type == TRACE_EV_NOTIFY_DELIVER);
        snprintf(text, sizeof(text), "0x%x", e->a);
        break;
    case TRACE_EV_IRQ:
        tw_arrowhead(c, x, y - q + 6, 0, 1, TW_RGB_TEXT);
        snprintf(text, sizeof(text), "irq %u", e->aux);
        break;
    case TRACE_EV_ASYNC_ENQUEUE:
        tw_arrowhead(c, x, y + q - 5, 0, -1, TW_RGB_ASYNC);
        break;
    case TRACE_EV_ASYNC_DELIVER:
        tw_arrowhead(c, x, y + q + 1, 0, 1, TW_RGB_ASYNC);
        break;
    case TRACE_EV_ASYNC_FULL:
        tw_label(c, x - 2, y - TW_FONT_H / 2, "!", TW_RGB_BG, TW_RGB_ALERT);
        snprintf(text, sizeof(text), "full");
        break;
    default:                                /* a deadlock refused, a fault */
        tw_fill(c, x, L->lanes_y, 2, L->nlanes * L->lane_h, TW_RGB_ALERT);
        tw_line(c, x - 4, y - 4, x + 4, y + 4, TW_RGB_ALERT, 0);
        tw_line(c, x - 4, y + 4, x + 4, y - 4, TW_RGB_ALERT, 0);
        /* Always named, over whatever is there. */
        tw_label(c, x + 5, y - q - TW_FONT_H / 2,
                 e->type == TRACE_EV_DEADLOCK ? "DEADLOCK" : "FAULT",
                 TW_RGB_ALERT, TW_RGB_BG);
        break;
    }
    if (sel)
        tw_frame(c, x - 6, y - 6, 13, 13, TW_RGB_CURSOR);
    if (labels && text[0])
        note(c, right, x + 5, y - q - TW_FONT_H / 2, text,
             e->type == TRACE_EV_ASYNC_FULL ? TW_RGB_ALERT : TW_RGB_TEXT);
}

void tw_marks_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                   const struct tw_view *v)
{
    const struct tw_layout *L = &d->L;
    struct labels grid = { NULL, c->w / 4 + 1, c->h / 5 + 1 };
    grid.cell = calloc((size_t)grid.cols * (size_t)grid.rows, 1);
    if (!grid.cell)
        grid.cols = grid.rows = 0;          /* no labels, then */
    tw_clip(c, L->plot_x0, L->plot_x0 + L->plot_w);
    /* Points first, arrows over them, the selection last. */
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < d->nmarks; k++) {
            const struct tw_mark *m = &d->marks[k];
            bool sel = (long)m->index == v->sel, rdv = is_rendezvous(m->type);
            if ((pass == 2) != sel || (pass == 1 && !rdv) || (pass == 0 && rdv))
                continue;
            if (rdv)
                arrow(c, s, m, sel, &grid, L->exact);
            else
                point(c, s, L, m, sel, &grid, L->exact);
        }
    free(grid.cell);
    tw_clip_reset(c);
}

long tw_diagram_hit(const struct tw_diagram *d, int x, int y)
{
    long best = -1, best_d = 5 * 5 + 1;
    for (size_t k = 0; k < d->nmarks; k++) {
        const struct tw_mark *m = &d->marks[k];
        /* The distance from (x, y) to the segment, squared. */
        double dx = m->x1 - m->x0, dy = m->y1 - m->y0, len = dx * dx + dy * dy;
        double t = len > 0 ? ((x - m->x0) * dx + (y - m->y0) * dy) / len : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double px = m->x0 + t * dx - x, py = m->y0 + t * dy - y;
        long dist = (long)(px * px + py * py);
        if (dist < best_d) {
            best_d = dist;
            best = (long)m->index;
        }
    }
    return best;
}

/* ---- async queue depth strips ---- */

void tw_strips_draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
                    const struct tw_view *v)
{
    const struct tw_layout *L = &d->L;
    (void)v;
    for (int k = 0; k < L->nstrips; k++) {
        const struct tv_queue *q = &s->queues.q[L->strip_queue[k]];
        unsigned peak = s->model.now.queue[q->from][q->to].high;
        int y = L->strips_y + k * L->strip_h, sh = L->strip_h, bar = sh - 4;
        char a[40], b[40], text[120];
        snprintf(text, sizeof(text), "%s>%s", tr_task_name(&s->dec, q->from, a),
                 tr_task_name(&s->dec, q->to, b));
        tw_clip(c, 0, L->plot_x0 - 4);
        tw_text(c, 4, y + 2, text, TW_RGB_TEXT);
        snprintf(text, sizeof(text), "queue, max %u", peak);
        if (sh >= 2 * TW_LINE_H)
            tw_text(c, 10, y + 2 + TW_LINE_H, text, 0x505050u);
        tw_clip_reset(c);
        tw_fill(c, L->plot_x0, y + sh - 2, L->plot_w, 1, TW_RGB_GRID);
        if (peak == 0)
            peak = 1;
        for (int col = 0; col < L->plot_w; col++) {
            size_t first = d->col[col], end = d->col[col + 1];
            unsigned max;
            bool full;
            tv_queue_range(q, first, end, &max, &full);
            int hgt = (int)((max * (unsigned)bar + peak - 1) / peak);
            tw_fill(c, L->plot_x0 + col, y + sh - 2 - hgt, 1, hgt,
                    full ? TW_RGB_ALERT : TW_RGB_ASYNC);
        }
    }
}
