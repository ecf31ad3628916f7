/* view_events.c - the event list (around the cursor; filtered; search
 * hits marked) and the console pane (the text as the target printed it,
 * up to the cursor, wrapped, never mixed with the trace). */
#include "view.h"
#include "text.h"
#include <stdlib.h>
#include <string.h>


/* Event i as a row: number, time, subject, name, details. */
static void event_row(struct tv_ui *ui, size_t i, char *buf, size_t size)
{
    const struct tr_event *e = &ui->s->model.events[i];
    char when[40], subj[40], details[600];
    const char *who = tv_name(ui, e->subj, subj);
    if (e->type == TRACE_EV_NOTIFY_SEND && e->subj == 0)
        who = "kernel";
    else if (e->type == TRACE_EV_MASK && e->subj == TR_NO_TASK)
        who = "host";
    struct tr_extra x = tv_session_extra(ui->s, i);
    tr_event_details(&ui->s->dec, e, &x, details, sizeof(details));
    tv_time_text(ui->s, e->ts, when, sizeof(when));
    snprintf(buf, size, " %8zu %-14s %-12.12s %-14s %s", i + 1, when, who,
             tr_event_name(e->type), details);
}

/* ---- the filtered list ----
 * With a filter, the matching events are found in the background (a
 * slice at a time, between keys) and kept in ui->fidx, in order: a
 * redraw never scans the history. */

/* Matches (all events without a filter) numbered before event i. */
static size_t matches_before(const struct tv_ui *ui, size_t i)
{
    if (tv_query_empty(&ui->filter))
        return i < tv_session_count(ui->s) ? i : tv_session_count(ui->s);
    size_t lo = 0, hi = ui->fn;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ui->fidx[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t match_count(const struct tv_ui *ui)
{
    return tv_query_empty(&ui->filter) ? tv_session_count(ui->s) : ui->fn;
}

static size_t match_at(const struct tv_ui *ui, size_t k)
{
    return tv_query_empty(&ui->filter) ? k : ui->fidx[k];
}

/* The filter as typed, and unless S asked for them, no metadata snapshots:
 * one a second would push everything else out of the list. */
void tv_filter_set(struct tv_ui *ui, const char *text)
{
    struct tv_query *q = &ui->filter;
    tv_query_parse(q, text);
    if (!ui->show_snapshots && q->nwords < TV_QUERY_WORDS) {
        snprintf(q->word[q->nwords], sizeof(q->word[0]), "snapshot");
        q->negate[q->nwords++] = true;
    }
    ui->fn = ui->fscanned = 0;
}

bool tv_filter_step(struct tv_ui *ui, size_t budget)
{
    size_t n = tv_session_count(ui->s);
    if (tv_query_empty(&ui->filter) || ui->fscanned >= n)
        return false;
    size_t end = n - ui->fscanned > budget ? ui->fscanned + budget : n;
    for (size_t i = ui->fscanned; i < end; i++) {
        if (!tv_match(ui->s, &ui->filter, i))
            continue;
        if (ui->fn == ui->fcap) {
            size_t cap = ui->fcap ? 2 * ui->fcap : 1024;
            size_t *p = realloc(ui->fidx, cap * sizeof(*p));
            if (!p)
                return false;
            ui->fidx = p;
            ui->fcap = cap;
        }
        ui->fidx[ui->fn++] = i;
    }
    ui->fscanned = end;
    return end < n;
}

size_t tv_filter_next(struct tv_ui *ui, size_t from, int dir)
{
    size_t k = matches_before(ui, from);
    if (dir > 0)
        return k < match_count(ui) ? match_at(ui, k) : (size_t)-1;
    return k > 0 ? match_at(ui, k - 1) : (size_t)-1;
}

/* Which matches fill the h rows around the cursor: the selected event
 * (the last one applied) about two thirds down. Returns how many, in
 * rows[]; *at is the selected row (or -1). */
static int pick_rows(struct tv_ui *ui, int h, size_t *rows, int *at)
{
    size_t m = match_count(ui), p = matches_before(ui, ui->cursor);
    size_t below = m - p < (size_t)h / 3 ? m - p : (size_t)h / 3;
    size_t first = p > (size_t)h - below ? p - ((size_t)h - below) : 0;
    int k = 0;
    *at = -1;
    for (size_t j = first; j < m && k < h; j++) {
        rows[k] = match_at(ui, j);
        if (ui->cursor && rows[k] == ui->cursor - 1)
            *at = k;
        k++;
    }
    return k;
}

void tv_draw_events(struct tv_ui *ui, struct tv_rect r)
{
    char title[300];
    int n = snprintf(title, sizeof(title), "Events%s%s",
                     ui->show_snapshots ? "" : " (S: snapshots)",
                     tv_session_hz(ui->s) > 0 ? "" : " (times in cycles, c: no clock yet)");
    if (ui->filter.text[0])
        n += snprintf(title + n, sizeof(title) - (size_t)n, "  filter: %s (%zu)%s",
                      ui->filter.text, ui->fn, ui->fscanned < tv_session_count(ui->s)
                      ? ", looking..." : "");
    if (!tv_query_empty(&ui->search))
        snprintf(title + n, sizeof(title) - (size_t)n, "  search: %s (n/N)", ui->search.text);
    bool focus = ui->focus == TV_P_EVENTS;
    struct tv_rect in = tv_box(ui, r, title, focus);
    if (in.h < 2)
        return;
    tv_putf(ui, in.y, in.x, in.w, ui->style[TV_S_HEAD], " %8s %-14s %-12s %-14s %s",
            "#", "TIME", "TASK", "EVENT", "DETAILS");
    size_t rows[256];
    int at, h = in.h - 1 < 256 ? in.h - 1 : 256;
    int k = pick_rows(ui, h, rows, &at);
    for (int j = 0; j < k; j++) {
        char line[800];
        event_row(ui, rows[j], line, sizeof(line));
        enum tv_style st = j == at ? TV_S_SELECT
                         : !tv_query_empty(&ui->search) && tv_match(ui->s, &ui->search, rows[j])
                         ? TV_S_MATCH : rows[j] >= ui->cursor ? TV_S_DIM : TV_S_NORMAL;
        if (j == at)
            tv_fill(ui, in.y + 1 + j, in.x, in.w, ui->style[st]);
        tv_put(ui, in.y + 1 + j, in.x, in.w, line, ui->style[st]);
    }
    if (k == 0)
        tv_put(ui, in.y + 1, in.x + 1, in.w - 1,
               tv_session_count(ui->s) ? "no event matches the filter" : "no event yet",
               ui->style[TV_S_DIM]);
}

/* ---- console ---- */

/* Characters (not bytes) in a UTF-8 string of n bytes. */
static int chars(const char *p, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xc0) != 0x80;
    return c;
}

/* The byte offset of character k. */
static size_t byte_of(const char *p, size_t n, int k)
{
    size_t i = 0;
    for (int c = 0; i < n; i++)
        if (((unsigned char)p[i] & 0xc0) != 0x80 && c++ == k)
            return i;
    return n;
}

/* One console line, wrapped at w, its last rows ending at row `bottom`;
 * returns the rows it took (only those at or below `top` are drawn). */
static int console_line(struct tv_ui *ui, const struct tv_line *l, struct tv_rect in,
                        int bottom)
{
    const char *text = ui->s->console.text + l->off;
    int w = in.w - 1, nch = chars(text, l->len);
    int rows = nch == 0 ? 1 : (nch + w - 1) / w;
    attr_t a = ui->style[l->kind == TV_LINE_HOST ? TV_S_HOST : TV_S_NORMAL];
    for (int r = 0; r < rows; r++) {
        int y = bottom - rows + 1 + r;
        if (y < in.y)
            continue;
        size_t from = byte_of(text, l->len, r * w), to = byte_of(text, l->len, (r + 1) * w);
        char buf[1024];
        size_t n = to - from < sizeof(buf) - 1 ? to - from : sizeof(buf) - 1;
        memcpy(buf, text + from, n);
        buf[n] = '\0';
        tv_put(ui, y, in.x + 1, w, buf, a);
    }
    return rows;
}

void tv_draw_console(struct tv_ui *ui, struct tv_rect r)
{
    const struct tv_console *c = &ui->s->console;
    char title[120];
    snprintf(title, sizeof(title), "Console%s", ui->insert ? "  (typing into the target)"
             : ui->src && ui->src->wfd >= 0 ? "  (i: type into the target)" : "");
    struct tv_rect in = tv_box(ui, r, title, ui->focus == TV_P_CONSOLE || ui->insert);
    if (in.h < 1)
        return;
    size_t n = tv_console_lines_at(&ui->s->console, ui->cursor);
    if (ui->console_back > (int)n - 1)
        ui->console_back = n ? (int)n - 1 : 0;
    int bottom = in.y + in.h - 1;
    for (size_t i = n - (size_t)ui->console_back; i > 0 && bottom >= in.y; i--)
        bottom -= console_line(ui, &c->lines[i - 1], in, bottom);
}
