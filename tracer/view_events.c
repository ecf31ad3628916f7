/* view_events.c - the event list (around the cursor; filtered; search
 * hits marked) and the console pane (the text as the target printed it,
 * up to the cursor, wrapped, never mixed with the trace). */
#include "view.h"
#include "text.h"
#include <string.h>

#define SCAN_LIMIT 2000000      /* events a filtered list looks at per redraw */

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

/* Which events fill the h rows: those matching the filter around sel.
 * Returns how many, in rows[]; *at is sel's row (or -1). */
static int pick_rows(struct tv_ui *ui, size_t sel, bool have_sel, int h,
                     size_t *rows, int *at)
{
    const struct tv_session *s = ui->s;
    size_t n = tv_session_count(s);
    size_t after[256], before[256];
    int na = 0, nb = 0, want_after = have_sel ? h / 3 : 0;
    size_t looked;
    for (size_t i = have_sel ? sel + 1 : n; i < n && na < want_after; i++) {
        i = tv_find(s, &ui->filter, i, 1, SCAN_LIMIT, &looked);
        if (i == (size_t)-1)
            break;
        after[na++] = i;
    }
    for (size_t i = have_sel ? sel : n - 1; n && i != (size_t)-1 && nb < h - na && nb < 256; i--) {
        i = tv_find(s, &ui->filter, i, -1, SCAN_LIMIT, &looked);
        if (i == (size_t)-1)
            break;
        before[nb++] = i;
    }
    for (size_t i = na ? after[na - 1] + 1 : have_sel ? sel + 1 : n;
         i < n && nb + na < h && na < 256; i++) {
        i = tv_find(s, &ui->filter, i, 1, SCAN_LIMIT, &looked);
        if (i == (size_t)-1)
            break;
        after[na++] = i;
    }
    int k = 0;
    *at = -1;
    for (int j = nb - 1; j >= 0; j--) {
        if (have_sel && before[j] == sel)
            *at = k;
        rows[k++] = before[j];
    }
    for (int j = 0; j < na; j++)
        rows[k++] = after[j];
    return k;
}

void tv_draw_events(struct tv_ui *ui, struct tv_rect r)
{
    char title[300];
    int n = snprintf(title, sizeof(title), "Events");
    if (!tv_query_empty(&ui->filter))
        n += snprintf(title + n, sizeof(title) - (size_t)n, "  filter: %s", ui->filter.text);
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
    int k = pick_rows(ui, ui->cursor - 1, ui->cursor > 0, h, rows, &at);
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
