/* view_draw.c - how the viewer draws: styles for 256, 8 or no colours,
 * glyphs in UTF-8 or ASCII, clipped text, boxes, the layout of each view,
 * the status line, the hint line, the alert bar and the help. */
#include "view.h"
#include "script.h"
#include "text.h"
#include <langinfo.h>
#include <stdarg.h>
#include <string.h>
#include <wchar.h>

static const struct tv_glyphs utf8_glyphs = {
    "\u2500", "\u2502", "\u250c", "\u2510", "\u2514", "\u2518",
    "\u2588", "\u2500", "\u00b7", " ",
    "\u25c6", "\u25cb", "\u25b4", "\u2716",
    "\u25bc", "\u2192", "\u2190",
    { " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" },
};

static const struct tv_glyphs ascii_glyphs = {
    "-", "|", "+", "+", "+", "+",
    "#", "-", ".", " ",
    "*", "o", "^", "X",
    "v", "->", "<-",
    { " ", ".", ".", ":", ":", "=", "=", "#", "#" },
};

/* ---- styles ---- */

struct colour { short fg, bg; attr_t attr; };

/* Per style: 256-colour, then 8-colour choice; -1 is the default colour. */
static const struct colour colours256[TV_S_COUNT] = {
    [TV_S_NORMAL] = { -1, -1, 0 },        [TV_S_TITLE] = { 81, -1, A_BOLD },
    [TV_S_FOCUS] = { 16, 81, A_BOLD },    [TV_S_BORDER] = { 240, -1, 0 },
    [TV_S_HEAD] = { 250, -1, A_BOLD },    [TV_S_DIM] = { 244, -1, 0 },
    [TV_S_RUN] = { 40, -1, A_BOLD },      [TV_S_READY] = { 179, -1, 0 },
    [TV_S_BLOCKED] = { 167, -1, 0 },      [TV_S_DEAD] = { 241, -1, 0 },
    [TV_S_SELECT] = { -1, 237, 0 },       [TV_S_ALERT] = { 231, 124, A_BOLD },
    [TV_S_STATUS] = { 16, 110, 0 },       [TV_S_LIVE] = { 16, 114, A_BOLD },
    [TV_S_HOST] = { 139, -1, 0 },         [TV_S_SPARK] = { 75, -1, 0 },
    [TV_S_FULL] = { 196, -1, A_BOLD },    [TV_S_MATCH] = { 226, -1, A_BOLD },
};

static const struct colour colours8[TV_S_COUNT] = {
    [TV_S_NORMAL] = { -1, -1, 0 },                [TV_S_TITLE] = { COLOR_CYAN, -1, A_BOLD },
    [TV_S_FOCUS] = { COLOR_BLACK, COLOR_CYAN, 0 }, [TV_S_BORDER] = { -1, -1, 0 },
    [TV_S_HEAD] = { -1, -1, A_BOLD },             [TV_S_DIM] = { -1, -1, A_DIM },
    [TV_S_RUN] = { COLOR_GREEN, -1, A_BOLD },     [TV_S_READY] = { COLOR_YELLOW, -1, 0 },
    [TV_S_BLOCKED] = { COLOR_RED, -1, 0 },        [TV_S_DEAD] = { -1, -1, A_DIM },
    [TV_S_SELECT] = { -1, -1, A_REVERSE },        [TV_S_ALERT] = { COLOR_WHITE, COLOR_RED, A_BOLD },
    [TV_S_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0 }, [TV_S_LIVE] = { COLOR_BLACK, COLOR_GREEN, 0 },
    [TV_S_HOST] = { COLOR_MAGENTA, -1, 0 },       [TV_S_SPARK] = { COLOR_CYAN, -1, 0 },
    [TV_S_FULL] = { COLOR_RED, -1, A_BOLD },      [TV_S_MATCH] = { COLOR_YELLOW, -1, A_BOLD },
};

/* No colours: attributes alone tell the styles apart. */
static const attr_t mono[TV_S_COUNT] = {
    [TV_S_TITLE] = A_BOLD, [TV_S_FOCUS] = A_REVERSE, [TV_S_HEAD] = A_UNDERLINE,
    [TV_S_DIM] = A_DIM, [TV_S_RUN] = A_BOLD, [TV_S_DEAD] = A_DIM,
    [TV_S_SELECT] = A_REVERSE, [TV_S_ALERT] = A_REVERSE | A_BOLD,
    [TV_S_STATUS] = A_REVERSE, [TV_S_LIVE] = A_REVERSE | A_BOLD, [TV_S_HOST] = A_DIM,
    [TV_S_FULL] = A_BOLD | A_UNDERLINE, [TV_S_MATCH] = A_BOLD | A_UNDERLINE,
};

void tv_draw_init(struct tv_ui *ui)
{
    ui->utf8 = !ui->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    ui->g = ui->utf8 ? &utf8_glyphs : &ascii_glyphs;
    ui->colors = 0;
    if (!ui->mono && has_colors() && start_color() == OK) {
        use_default_colors();
        ui->colors = COLORS >= 256 && COLOR_PAIRS > TV_S_COUNT ? 256 : 8;
    }
    for (int i = 0; i < TV_S_COUNT; i++) {
        if (ui->colors == 0) {
            ui->style[i] = mono[i];
            continue;
        }
        const struct colour *c = ui->colors == 256 ? &colours256[i] : &colours8[i];
        init_pair((short)(i + 1), c->fg, c->bg);
        ui->style[i] = COLOR_PAIR(i + 1) | c->attr;
    }
}

/* ---- text ---- */

int tv_put(struct tv_ui *ui, int y, int x, int w, const char *s, attr_t a)
{
    if (w <= 0 || y < 0 || y >= LINES)
        return 0;
    wchar_t buf[512];
    int n = 0, used = 0;
    mbstate_t ms;
    memset(&ms, 0, sizeof(ms));
    while (*s && n < 511) {
        wchar_t wc = (unsigned char)*s;
        size_t k = 1;
        if (ui->utf8) {
            k = mbrtowc(&wc, s, 4, &ms);
            if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
                wc = L'?';      /* not UTF-8 after all: show, do not guess */
                k = 1;
                memset(&ms, 0, sizeof(ms));
            }
        } else if (wc >= 0x80) {
            wc = L'?';
        }
        int cw = wc < 0x20 ? -1 : ui->utf8 ? wcwidth(wc) : 1;
        if (cw < 0) {
            wc = L'?';
            cw = 1;
        }
        if (used + cw > w)
            break;
        buf[n++] = wc;
        used += cw;
        s += k;
    }
    attrset(a);
    mvaddnwstr(y, x, buf, n);
    return used;
}

int tv_putf(struct tv_ui *ui, int y, int x, int w, attr_t a, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return tv_put(ui, y, x, w, buf, a);
}

void tv_fill(struct tv_ui *ui, int y, int x, int w, attr_t a)
{
    (void)ui;
    if (w > 0 && y >= 0 && y < LINES) {
        attrset(a);
        mvhline(y, x, ' ', w);
    }
}

/* n copies of glyph g from (y, x). */
static void repeat(struct tv_ui *ui, int y, int x, int n, const char *g, attr_t a)
{
    char line[2048];
    size_t len = strlen(g), at = 0;
    for (int i = 0; i < n && at + len < sizeof(line); i++, at += len)
        memcpy(line + at, g, len);
    line[at] = '\0';
    tv_put(ui, y, x, n, line, a);
}

struct tv_rect tv_box(struct tv_ui *ui, struct tv_rect r, const char *title, bool focus)
{
    const struct tv_glyphs *g = ui->g;
    attr_t b = ui->style[TV_S_BORDER];
    if (r.h < 2 || r.w < 4)
        return (struct tv_rect){ r.y, r.x, 0, 0 };
    tv_put(ui, r.y, r.x, 1, g->tl, b);
    repeat(ui, r.y, r.x + 1, r.w - 2, g->h, b);
    tv_put(ui, r.y, r.x + r.w - 1, 1, g->tr, b);
    for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
        tv_put(ui, y, r.x, 1, g->v, b);
        tv_put(ui, y, r.x + r.w - 1, 1, g->v, b);
    }
    tv_put(ui, r.y + r.h - 1, r.x, 1, g->bl, b);
    repeat(ui, r.y + r.h - 1, r.x + 1, r.w - 2, g->h, b);
    tv_put(ui, r.y + r.h - 1, r.x + r.w - 1, 1, g->br, b);
    tv_putf(ui, r.y, r.x + 2, r.w - 4, ui->style[focus ? TV_S_FOCUS : TV_S_TITLE],
            " %s ", title);
    return (struct tv_rect){ r.y + 1, r.x + 1, r.h - 2, r.w - 2 };
}

/* ---- words for states ---- */

attr_t tv_state_style(struct tv_ui *ui, unsigned state)
{
    static const enum tv_style styles[] = {
        TV_S_DIM, TV_S_RUN, TV_S_READY, TV_S_BLOCKED, TV_S_DEAD,
    };
    return ui->style[state < 5 ? styles[state] : TV_S_DIM];
}

const char *tv_name(struct tv_ui *ui, unsigned id, char *buf)
{
    return tr_task_name(&ui->s->dec, id, buf);
}

void tv_wait_text(struct tv_ui *ui, const struct tr_task *t, char *buf, size_t size)
{
    char p[40];
    const char *peer = tv_name(ui, t->peer, p), *to = ui->g->to, *from = ui->g->from;
    buf[0] = '\0';
    if (t->state != TRACE_STATE_BLOCKED)
        return;
    switch (t->wait) {
    case TRACE_WAIT_SLEEP:   snprintf(buf, size, "sleeping"); break;
    case TRACE_WAIT_CONSOLE: snprintf(buf, size, "console input"); break;
    case TRACE_WAIT_SEND:    snprintf(buf, size, "send %s %s", to, peer); break;
    case TRACE_WAIT_CALL:    snprintf(buf, size, "call %s %s", to, peer); break;
    case TRACE_WAIT_RECV:
        snprintf(buf, size, "recv %s %s", from, t->peer == 0 ? "any" : peer); break;
    case TRACE_WAIT_REPLY:   snprintf(buf, size, "reply %s %s", from, peer); break;
    case TRACE_WAIT_CHANNEL:
        snprintf(buf, size, "chan %u %s %s", t->port & TRACE_PORT_MASK,
                 t->port & TRACE_PORT_RECV ? from : to,
                 t->peer == TR_NO_TASK ? "(no peer)" : peer);
        break;
    default:                 snprintf(buf, size, "wait %u", t->wait); break;
    }
}

/* ---- layout ---- */

static void place(struct tv_ui *ui, enum tv_panel p, int y, int x, int h, int w)
{
    ui->shown[p] = h >= 3 && w >= 8;
    ui->rect[p] = (struct tv_rect){ y, x, h, w };
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The overview on a large screen: tasks beside queues and channels, the
 * timeline, the events beside the console. */
static void layout_overview(struct tv_ui *ui, int top, int h, int nt)
{
    int W = COLS;
    int band = clampi(nt + 3, 5, h * 2 / 5), tl = clampi(nt + 4, 5, h / 3);
    int rest = h - band - tl, left = W * 3 / 5, half = W * 11 / 20;
    place(ui, TV_P_TASKS, top, 0, band, left);
    place(ui, TV_P_QUEUES, top, left, band / 2, W - left);
    place(ui, TV_P_CHANNELS, top + band / 2, left, band - band / 2, W - left);
    place(ui, TV_P_TIMELINE, top + band, 0, tl, W);
    place(ui, TV_P_EVENTS, top + band + tl, 0, rest, half);
    place(ui, TV_P_CONSOLE, top + band + tl, half, rest, W - half);
}

/* The overview at 80x24, laid out first (issue 12, item 7): every task
 * with its priority and pending notifications across the whole width, the
 * queues' depths beside the channels' full names, then the events; the
 * timeline only when there is room for it (view 3 has it), the console
 * in view 6. */
static void layout_small(struct tv_ui *ui, int top, int h, int nt)
{
    int W = COLS, nq = (int)ui->s->queues.n;
    int qc = clampi((nq > 2 ? nq : 2) + 3, 4, 6);
    /* every task first, the events keeping two lines (a box of 5) */
    int band = clampi(nt + 3, 4, h - qc - 5);
    int rest = h - band - qc, tl = rest >= 14 ? clampi(nt + 4, 5, rest / 2) : 0;
    place(ui, TV_P_TASKS, top, 0, band, W);
    place(ui, TV_P_QUEUES, top + band, 0, qc, W / 2);
    place(ui, TV_P_CHANNELS, top + band, W / 2, qc, W - W / 2);
    if (tl)
        place(ui, TV_P_TIMELINE, top + band + qc, 0, tl, W);
    place(ui, TV_P_EVENTS, top + band + qc + tl, 0, rest - tl, W);
}

/* Rows 1 .. h of the screen, for the view's panels. */
static void layout(struct tv_ui *ui, int top, int h)
{
    uint8_t ids[TR_TASKS];
    int nt = tv_ui_tasks(ui, ids, TR_TASKS), W = COLS;
    memset(ui->shown, 0, sizeof(ui->shown));
    switch (ui->view) {
    case 1:
        if (W < 100 || h < 30)
            layout_small(ui, top, h, nt);
        else
            layout_overview(ui, top, h, nt);
        break;
    case 2: place(ui, TV_P_TASKS, top, 0, h * 3 / 5, W);
            place(ui, TV_P_CHANNELS, top + h * 3 / 5, 0, h - h * 3 / 5, W); break;
    case 3: place(ui, TV_P_TIMELINE, top, 0, h * 2 / 3, W);
            place(ui, TV_P_QUEUES, top + h * 2 / 3, 0, h - h * 2 / 3, W); break;
    case 4: place(ui, TV_P_EVENTS, top, 0, h, W); break;
    case 5: place(ui, TV_P_QUEUES, top, 0, h / 2, W);
            place(ui, TV_P_CHANNELS, top + h / 2, 0, h - h / 2, W); break;
    case 6: place(ui, TV_P_CONSOLE, top, 0, h, W); break;
    case 7: place(ui, TV_P_ALERTS, top, 0, h / 2, W);
            place(ui, TV_P_EVENTS, top + h / 2, 0, h - h / 2, W); break;
    default: place(ui, TV_P_SCRIPT, top, 0, h / 2, W);
             place(ui, TV_P_EVENTS, top + h / 2, 0, h - h / 2, W); break;
    }
    if (!ui->shown[ui->focus])
        for (int p = 0; p < TV_P_COUNT; p++)
            if (ui->shown[p]) {
                ui->focus = (enum tv_panel)p;
                break;
            }
}

static void (*const drawers[TV_P_COUNT])(struct tv_ui *, struct tv_rect) = {
    [TV_P_TASKS] = tv_draw_tasks, [TV_P_TIMELINE] = tv_draw_timeline,
    [TV_P_EVENTS] = tv_draw_events, [TV_P_CHANNELS] = tv_draw_channels,
    [TV_P_QUEUES] = tv_draw_queues, [TV_P_CONSOLE] = tv_draw_console,
    [TV_P_ALERTS] = tv_draw_alerts, [TV_P_SCRIPT] = tv_draw_script,
};

/* The number of alerts at or before the cursor. */
static size_t alerts_at(struct tv_ui *ui)
{
    size_t n = 0;
    while (n < ui->s->nalerts && ui->s->alerts[n] < ui->cursor)
        n++;
    return n;
}

void tv_ui_draw(struct tv_ui *ui)
{
    tv_ui_update_state(ui);
    erase();
    int bottom = LINES - 1;
    bool alert = alerts_at(ui) > 0;
    if (alert)
        bottom--;
    layout(ui, 1, bottom - 1);
    for (int p = 0; p < TV_P_COUNT; p++)
        if (ui->shown[p])
            drawers[p](ui, ui->rect[p]);
    tv_draw_status(ui);
    if (alert)
        tv_draw_alert_bar(ui, bottom);
    tv_draw_hints(ui);
    if (ui->help)
        tv_draw_help(ui);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- the status line, the alert bar, hints, help ---- */

void tv_draw_status(struct tv_ui *ui)
{
    struct tr_counts c = tr_decoder_counts(&ui->s->dec);
    const struct tr_meta *m = &ui->s->dec.meta;
    char when[48], src[200];
    uint64_t ts = ui->cursor ? ui->s->model.events[ui->cursor - 1].ts : 0;
    tv_time_text(ui->s, ts, when, sizeof(when));
    const char *mode = ui->follow ? "LIVE" : ui->paused ? "PAUSED" : "HISTORY";
    tv_fill(ui, 0, 0, COLS, ui->style[TV_S_STATUS]);
    int x = tv_putf(ui, 0, 0, COLS, ui->style[TV_S_STATUS], " baton-trace %s ",
                    m->have_arch ? m->arch : "");
    x += tv_putf(ui, 0, x, COLS - x, ui->style[ui->follow ? TV_S_LIVE : TV_S_ALERT],
                 " %s ", mode);
    src[0] = '\0';
    if (ui->src && ui->src->kind == TV_SRC_COMMAND)
        snprintf(src, sizeof(src), " %s: %.120s",
                 ui->src->exited ? "exited" : ui->source_ended ? "ended" : "running", ui->src->name);
    else if (ui->src)
        snprintf(src, sizeof(src), " %.120s%s", ui->src->name,
                 ui->source_ended && ui->src->kind != TV_SRC_FILE ? " (ended)" : "");
    char notes[160];
    tr_counts_notes(&c, notes, sizeof(notes));
    /* The cursor first: at 80 columns the counters are what gets cut. */
    x += tv_putf(ui, 0, x, COLS - x, ui->style[TV_S_STATUS],
            " #%zu %s %s events %zu  rate %.0f/s  lost %llu  missing %llu  corrupt %llu%s%s %s",
            ui->cursor, when, ui->g->v, tv_session_count(ui->s), ui->rate,
            (unsigned long long)c.lost, (unsigned long long)c.missing,
            (unsigned long long)c.corrupt, notes, ui->s->out_of_memory ? "  OUT OF MEMORY"
            : ui->script && tv_script_verdict(ui->script) == 2 ? "  SCRIPT ERROR (view 8)" : "",
            src[0] ? ui->g->v : "");
    int room = COLS - x - 1, len = (int)strlen(src);     /* the source, right-aligned */
    if (src[0] && room > 8)
        tv_put(ui, 0, len < room ? COLS - 1 - len : x, room, src, ui->style[TV_S_STATUS]);
}

void tv_draw_alert_bar(struct tv_ui *ui, int y)
{
    size_t n = alerts_at(ui);
    char text[800];
    tv_alert_text(ui, ui->s->alerts[n - 1], text, sizeof(text));
    tv_fill(ui, y, 0, COLS, ui->style[TV_S_ALERT]);
    tv_putf(ui, y, 0, COLS, ui->style[TV_S_ALERT], " %s   (%zu alert%s: 7 lists them)",
            text, n, n == 1 ? "" : "s");
}

void tv_draw_hints(struct tv_ui *ui)
{
    int y = LINES - 1;
    attr_t a = ui->style[TV_S_STATUS];
    tv_fill(ui, y, 0, COLS, a);
    if (ui->prompt) {
        /* Like less: the line starts empty; what Enter on it does is said. */
        const char *was = ui->prompt == '/' ? ui->search.text : ui->filter.text;
        tv_fill(ui, y, 0, COLS, ui->style[TV_S_NORMAL]);
        tv_putf(ui, y, 0, COLS, ui->style[TV_S_NORMAL], "%s%s_",
                ui->prompt == '/' ? "search: " : "filter: ", ui->input);
        int x = 9 + (int)ui->input_len + 2;
        char note[TV_QUERY_MAX + 60] = " Enter: none  Esc cancel ";
        if (ui->prompt == '/' && was[0])
            snprintf(note, sizeof(note), " Enter: \"%s\" again (Up edits it)  Esc cancel ", was);
        else if (was[0])
            snprintf(note, sizeof(note), " Enter: no filter (Up edits \"%s\")  Esc cancel ", was);
        if (!ui->input_len && x < COLS)
            tv_put(ui, y, x, COLS - x, note, a);
    } else if (ui->insert) {
        tv_put(ui, y, 0, COLS, " TYPING INTO THE TARGET: keys go to its console; "
               "Ctrl-] (or Esc twice) to stop ", ui->style[TV_S_LIVE]);
    } else if (ui->message[0]) {
        tv_putf(ui, y, 0, COLS, a, " %s", ui->message);
    } else {
        tv_put(ui, y, 0, COLS, " q quit  ? help  / search  n/N next/prev  \\ filter  "
               "space pause  f live  h/l,arrows move  +/- zoom  Tab panel  1-8 views  "
               "i type to target", a);
    }
}

static const char *const help_lines[] = {
    "q            quit (stops a program the viewer started);  ? this help",
    "1..8         views: 1 overview  2 tasks  3 timeline  4 events",
    "             5 queues & channels  6 console  7 alerts  8 script",
    "Tab, S-Tab   next / previous panel;  Ctrl-L  redraw the screen",
    "space  f     pause (stop following the live end);  follow it (End)",
    "h l, <- ->   move the cursor (timeline: a column; events: an event)",
    "j k, up down select a row; events: move the cursor by one event",
    "H L, PgUp/Dn move further (a page)",
    "g, Home      the first event;  G  the last one (without following)",
    ", .          previous / next event, whatever the panel",
    "+ - z  m     zoom the timeline in / out (= in too), fit; marks on/off",
    "/  n N       search events; next / previous match (empty: again)",
    "\\            filter the event list (empty: no filter)",
    "             prompts: Up the last text, Ctrl-U clear, Ctrl-W a word",
    "Enter        events: show it on the timeline; alerts: go to it;",
    "             tasks: filter the events to that task",
    "i            type into the target's console (Ctrl-] stops)",
    "T  W         tracing on/off in the target;  the window view (SDL2)",
    "S            metadata snapshots in the event list (hidden at first)",
    "",
    "query words: all must match; !word negates; #N is event N;",
    "a word matches an event name (call), a task name, or the details",
};

void tv_draw_help(struct tv_ui *ui)
{
    int n = (int)(sizeof(help_lines) / sizeof(help_lines[0]));
    int w = 76 < COLS ? 76 : COLS, h = n + 2 < LINES ? n + 2 : LINES;
    struct tv_rect r = { (LINES - h) / 2, (COLS - w) / 2, h, w };
    for (int y = r.y; y < r.y + r.h; y++)
        tv_fill(ui, y, r.x, r.w, ui->style[TV_S_NORMAL]);
    struct tv_rect in = tv_box(ui, r, "keys", true);
    for (int i = 0; i < n && i < in.h; i++)
        tv_put(ui, in.y + i, in.x + 1, in.w - 2, help_lines[i], ui->style[TV_S_NORMAL]);
}

char *tv_pad(char *dst, size_t size, const char *src, int width)
{
    size_t n = 0;
    int cols = 0;
    for (; *src && n + 1 < size; src++) {
        bool starts = ((unsigned char)*src & 0xc0) != 0x80;
        if (starts && cols == width)
            break;
        cols += starts;
        dst[n++] = *src;
    }
    while (cols++ < width && n + 1 < size)
        dst[n++] = ' ';
    dst[n] = '\0';
    return dst;
}
