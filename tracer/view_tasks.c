/* view_tasks.c - the panels that are tables of the state at the cursor:
 * tasks (what each is doing, waiting on whom, pending notifications and
 * from whom, counts), channels, alerts, and the script's panel. */
#include "view.h"
#include "script.h"
#include "text.h"
#include <string.h>

/* Scroll *top so that row sel of n shows in h rows. */
static void keep_visible(int *top, int sel, int n, int h)
{
    if (sel < *top)
        *top = sel;
    if (sel >= *top + h)
        *top = sel - h + 1;
    if (*top > n - h)
        *top = n - h;
    if (*top < 0)
        *top = 0;
}

/* "0x4 producer, kernel": the bits pending and who sent them. */
static void pending_text(struct tv_ui *ui, const struct tr_task *t, char *bits, char *from,
                         size_t size)
{
    size_t n = 0;
    bits[0] = from[0] = '\0';
    if (!t->pending)
        return;
    snprintf(bits, 16, "0x%x", t->pending);
    for (unsigned i = 0; i < TR_TASKS && n + 1 < size; i++) {
        char buf[40];
        if (t->senders >> i & 1)
            n += (size_t)snprintf(from + n, size - n, "%s%s", n ? "," : "",
                                  i == 0 ? "kernel" : tv_name(ui, i, buf));
    }
}

void tv_draw_tasks(struct tv_ui *ui, struct tv_rect r)
{
    bool focus = ui->focus == TV_P_TASKS;
    struct tv_rect in = tv_box(ui, r, "Tasks", focus);
    uint8_t ids[TR_TASKS];
    int n = tv_ui_tasks(ui, ids, TR_TASKS);
    if (in.h < 2)
        return;
    tv_putf(ui, in.y, in.x, in.w, ui->style[TV_S_HEAD],
            " %3s %-12s %-8s %-20s %4s %-8s %-14s %5s %5s %3s", "ID", "NAME", "STATE",
            "WAITING ON", "PRIO", "PENDING", "FROM", "SENT", "RECV", "ERR");
    if (ui->task_sel >= n)
        ui->task_sel = n ? n - 1 : 0;
    keep_visible(&ui->task_top, ui->task_sel, n, in.h - 1);
    for (int row = 0; row < in.h - 1 && ui->task_top + row < n; row++) {
        int k = ui->task_top + row, y = in.y + 1 + row;
        const struct tr_task *t = &ui->st.task[ids[k]];
        char name[40], wait[64], bits[16], from[64];
        tv_wait_text(ui, t, wait, sizeof(wait));
        pending_text(ui, t, bits, from, sizeof(from));
        attr_t a = ui->style[focus && k == ui->task_sel ? TV_S_SELECT : TV_S_NORMAL];
        tv_fill(ui, y, in.x, in.w, a);
        int x = in.x + tv_putf(ui, y, in.x, in.w, a, " %3u %-12.12s ", ids[k],
                               tv_name(ui, ids[k], name));
        x += tv_putf(ui, y, x, in.x + in.w - x, tv_state_style(ui, t->state) | (a & A_REVERSE),
                     "%-8s", tv_state_word(t->state));
        char padded[128];
        tv_putf(ui, y, x, in.x + in.w - x, a, " %s %4u %-8s %-14.14s %5u %5u %3u",
                tv_pad(padded, sizeof(padded), wait, 20), t->prio, bits, from,
                t->sent, t->received, t->errors);
    }
}

void tv_draw_channels(struct tv_ui *ui, struct tv_rect r)
{
    struct tv_rect in = tv_box(ui, r, "Channels", ui->focus == TV_P_CHANNELS);
    const struct tr_meta *m = &ui->s->dec.meta;
    if (in.h < 1)
        return;
    tv_putf(ui, in.y, in.x, in.w, ui->style[TV_S_HEAD], " %4s %-23s %-11s %-11s %-11s %5s  %s",
            "PORT", "NAME", "SEND END", "RECV END", "WAITING", "XFERS", "LAST");
    int row = 0, skipped = 0;
    for (int p = 0; p < TR_PORTS && row < in.h - 1; p++) {
        const struct tr_chan *c = &ui->st.chan[p];
        bool used = c->end[0] != TR_NO_TASK || c->end[1] != TR_NO_TASK || c->transfers;
        if (!used && !m->port_names[p][0])
            continue;
        if (skipped++ < ui->chan_top)
            continue;
        char a[40], b[40], w[40], last[40] = "-";
        if (c->transfers)
            snprintf(last, sizeof(last), "%u B, %s", c->last_size,
                     c->last_shared ? "shared memory" : "registers");
        tv_putf(ui, in.y + 1 + row++, in.x, in.w, ui->style[TV_S_NORMAL],
                " %4d %-23.23s %-11.11s %-11.11s %-11.11s %5u  %s", p, m->port_names[p],
                tv_name(ui, c->end[0], a), tv_name(ui, c->end[1], b),
                tv_name(ui, c->waiting, w), c->transfers, last);
    }
    if (row == 0 && in.h > 1)
        tv_put(ui, in.y + 1, in.x + 1, in.w - 1, "no channel opened yet", ui->style[TV_S_DIM]);
}

void tv_draw_alerts(struct tv_ui *ui, struct tv_rect r)
{
    bool focus = ui->focus == TV_P_ALERTS;
    struct tv_rect in = tv_box(ui, r, "Alerts: deadlocks refused, faults", focus);
    size_t n = 0;
    while (n < ui->s->nalerts && ui->s->alerts[n] < ui->cursor)
        n++;
    if (in.h < 1)
        return;
    if (n == 0) {
        tv_put(ui, in.y, in.x + 1, in.w - 1, "none so far", ui->style[TV_S_DIM]);
        return;
    }
    if (ui->alert_sel >= (int)n)
        ui->alert_sel = (int)n - 1;
    int top = 0;
    keep_visible(&top, ui->alert_sel, (int)n, in.h);
    for (int row = 0; row < in.h && top + row < (int)n; row++) {
        size_t i = ui->s->alerts[top + row];
        char text[800];
        tv_alert_text(ui, i, text, sizeof(text));
        bool sel = focus && top + row == ui->alert_sel;
        tv_putf(ui, in.y + row, in.x, in.w, ui->style[sel ? TV_S_SELECT : TV_S_ALERT],
                " %s", text);
    }
}

struct panel_ctx {
    struct tv_ui *ui;
    struct tv_rect in;
    int row, skip;
};

static void script_line(void *ctx, enum tv_script_line kind, const char *text)
{
    struct panel_ctx *p = ctx;
    static const enum tv_style styles[] = { TV_S_NORMAL, TV_S_HEAD, TV_S_FULL };
    if (p->skip > 0) {
        p->skip--;
        return;
    }
    if (p->row < p->in.h)
        tv_put(p->ui, p->in.y + p->row++, p->in.x + 1, p->in.w - 1, text,
               p->ui->style[styles[kind]]);
}

void tv_draw_script(struct tv_ui *ui, struct tv_rect r)
{
    struct panel_ctx p = { ui, tv_box(ui, r, "Script", ui->focus == TV_P_SCRIPT), 0,
                           ui->script_top };
    if (!ui->script) {
        script_line(&p, TV_LINE_TEXT, "no script: baton-trace --script F.lua ... "
                    "(see docs/tracer.md, and tracer/scripts/ for examples)");
        return;
    }
    tv_script_panel(ui->script, &ui->st, ui->cursor, script_line, &p);
}

void tv_alert_text(struct tv_ui *ui, size_t i, char *buf, size_t size)
{
    static struct tr_state before;
    const struct tr_event *e = &ui->s->model.events[i];
    char when[48], who[40], details[600];
    struct tr_extra x = tv_session_extra(ui->s, i);
    tr_event_details(&ui->s->dec, e, &x, details, sizeof(details));
    tv_time_text(ui->s, e->ts, when, sizeof(when));
    if (e->type == TRACE_EV_DEADLOCK) {
        snprintf(buf, size, "DEADLOCK #%zu %s  %s", i + 1, when, details);
        return;
    }
    /* A fault: who was waiting on the task (they wake with an error). */
    int n = snprintf(buf, size, "FAULT #%zu %s  %s faulted: %s", i + 1, when,
                     tv_name(ui, e->subj, who), details);
    tv_session_state(ui->s, i, &before);
    const char *sep = "; waiting on it: ";
    for (unsigned id = 0; id < TR_TASKS && n > 0 && (size_t)n < size; id++) {
        const struct tr_task *t = &before.task[id];
        if (t->state != TRACE_STATE_BLOCKED || t->peer != e->subj || id == e->subj ||
            (t->wait == TRACE_WAIT_RECV && e->subj == 0))
            continue;
        n += snprintf(buf + n, size - (size_t)n, "%s%s", sep, tv_name(ui, id, who));
        sep = ", ";
    }
}
