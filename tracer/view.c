/* view.c - the viewer's main loop: read the source without blocking,
 * feed the session, take keys, move the cursor, redraw at most about 30
 * times a second. Keys follow htop and tig (the help, `?`, lists them). */
#include "view.h"
#include "script.h"
#include "window.h"
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define PUMP_SECONDS 0.03       /* reading at most this long between keys */
#define FRAME_SECONDS 0.033
#define FILTER_SLICE 200000     /* events the filter looks at between keys */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void tv_ui_init(struct tv_ui *ui, struct tv_session *s)
{
    memset(ui, 0, sizeof(*ui));
    ui->s = s;
    ui->view = 1;
    ui->follow = true;
    ui->autofit = true;
    ui->scale = 1;
    ui->err_fd = ui->err_saved = -1;
    tv_query_parse(&ui->search, "");
    tv_filter_set(ui, "");
}

int tv_ui_tasks(const struct tv_ui *ui, uint8_t *ids, int max)
{
    int n = 0;
    for (int id = 0; id < TR_TASKS && n < max; id++)
        if (ui->s->dec.meta.names[id][0] ||
            ui->s->model.now.task[id].state != TRACE_STATE_UNKNOWN)
            ids[n++] = (uint8_t)id;
    return n;
}

/* ---- the cursor ---- */

static uint64_t ts_of(const struct tv_ui *ui, size_t n)
{
    const struct tv_session *s = ui->s;
    if (tv_session_count(s) == 0)
        return 0;
    return s->model.events[n ? n - 1 : 0].ts;
}

void tv_ui_set_cursor(struct tv_ui *ui, size_t n)
{
    size_t count = tv_session_count(ui->s);
    ui->follow = ui->paused = false;
    ui->cursor = n > count ? count : n;
    ui->cur_ts = ts_of(ui, ui->cursor);
}

void tv_ui_set_time(struct tv_ui *ui, uint64_t ts)
{
    ui->follow = ui->paused = false;
    ui->cur_ts = ts;
    ui->cursor = tv_session_count_at(ui->s, ts);
}

static void follow(struct tv_ui *ui)
{
    ui->follow = true;
    ui->paused = false;
    ui->console_back = 0;
}

void tv_ui_update_state(struct tv_ui *ui)
{
    if (ui->follow) {
        ui->cursor = tv_session_count(ui->s);
        ui->cur_ts = ts_of(ui, ui->cursor);
    }
    if (!ui->st_valid || ui->st_cursor != ui->cursor || ui->follow) {
        tv_session_state(ui->s, ui->cursor, &ui->st);
        ui->st_cursor = ui->cursor;
        ui->st_valid = true;
    }
}

/* Move the cursor in time by `cols` timeline columns. */
static void move_time(struct tv_ui *ui, long cols)
{
    uint64_t d = (uint64_t)(cols < 0 ? -cols : cols) * ui->scale;
    if (ui->follow)
        ui->cur_ts = ts_of(ui, tv_session_count(ui->s));
    uint64_t ts = cols < 0 ? (ui->cur_ts > d ? ui->cur_ts - d : 0) : ui->cur_ts + d;
    tv_ui_set_time(ui, ts);
}

/* Move the cursor by `n` events that pass the filter (back if n < 0). */
static void move_events(struct tv_ui *ui, long n)
{
    size_t at = ui->cursor;         /* the selected event is at - 1 */
    for (; n > 0; n--) {
        size_t i = tv_filter_next(ui, at, 1);
        if (i == (size_t)-1)
            break;
        at = i + 1;
    }
    for (; n < 0 && at > 1; n++) {
        size_t i = tv_filter_next(ui, at - 1, -1);
        if (i == (size_t)-1)
            break;
        at = i + 1;
    }
    tv_ui_set_cursor(ui, at);
}

/* Twice as fine or coarse; the cursor keeps its column (when live, the
 * right edge stays on the last event instead). */
static void zoom(struct tv_ui *ui, bool in)
{
    uint64_t col = ui->cur_ts >= ui->t0 ? (ui->cur_ts - ui->t0) / ui->scale : 0;
    ui->autofit = false;
    if (in && ui->scale > 1)
        ui->scale /= 2;
    else if (!in && ui->scale < (UINT64_MAX >> 2))
        ui->scale *= 2;
    uint64_t w = ui->lane_cols > 0 ? (uint64_t)ui->lane_cols : 80;
    if (col < w / 8 || col > w - w / 8)
        col = w / 2;                /* near an edge: bring it to the middle */
    uint64_t back = col * ui->scale;
    ui->t0 = ui->cur_ts > back ? ui->cur_ts - back : 0;
}

/* ---- search ---- */

static void search_next(struct tv_ui *ui, int dir)
{
    size_t n = tv_session_count(ui->s), i;
    if (tv_query_empty(&ui->search) || n == 0)
        return;
    if (dir > 0) {
        i = tv_find(ui->s, &ui->search, ui->cursor, 1, n, NULL);
        if (i == (size_t)-1)
            i = tv_find(ui->s, &ui->search, 0, 1, n, NULL);     /* wrap around */
    } else {
        i = ui->cursor >= 2 ? tv_find(ui->s, &ui->search, ui->cursor - 2, -1, n, NULL)
                            : (size_t)-1;
        if (i == (size_t)-1)
            i = tv_find(ui->s, &ui->search, n - 1, -1, n, NULL);
    }
    if (i == (size_t)-1) {
        snprintf(ui->message, sizeof(ui->message), "no event matches \"%s\"", ui->search.text);
        return;
    }
    tv_ui_set_cursor(ui, i + 1);
}

/* The prompt's previous text: the search or the filter now in force. */
static const char *prompt_was(const struct tv_ui *ui)
{
    return ui->prompt == '/' ? ui->search.text : ui->filter.text;
}

static void prompt_set(struct tv_ui *ui, const char *text)
{
    snprintf(ui->input, sizeof(ui->input), "%s", text);
    ui->input_len = strlen(ui->input);
}

/* Enter: like less, an empty search repeats the last one and an empty
 * filter shows every event again. */
static void prompt_enter(struct tv_ui *ui)
{
    if (ui->prompt == '/') {
        if (ui->input_len)
            tv_query_parse(&ui->search, ui->input);
        search_next(ui, 1);
    } else {
        tv_filter_set(ui, ui->input);
    }
    ui->prompt = 0;
}

/* Ctrl-W: the word before the cursor, and the spaces after it. */
static void prompt_erase_word(struct tv_ui *ui)
{
    while (ui->input_len && ui->input[ui->input_len - 1] == ' ')
        ui->input_len--;
    while (ui->input_len && ui->input[ui->input_len - 1] != ' ')
        ui->input_len--;
    ui->input[ui->input_len] = '\0';
}

/* A key while the search or filter prompt is open: the line editing of
 * readline and less (Ctrl-U erases the line, Ctrl-W a word, Up recalls
 * the previous text, Esc or Ctrl-G gives up). */
static void prompt_key(struct tv_ui *ui, int ch)
{
    if (ch == 27 || ch == 7) {
        ui->prompt = 0;
    } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
        prompt_enter(ui);
    } else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
        if (ui->input_len)
            ui->input[--ui->input_len] = '\0';
    } else if (ch == 21) {                              /* Ctrl-U */
        prompt_set(ui, "");
    } else if (ch == 23) {                              /* Ctrl-W */
        prompt_erase_word(ui);
    } else if (ch == KEY_UP) {
        prompt_set(ui, prompt_was(ui));
    } else if (ch >= ' ' && ch < 256 && ui->input_len + 1 < sizeof(ui->input)) {
        ui->input[ui->input_len++] = (char)ch;
        ui->input[ui->input_len] = '\0';
    }
}

/* The prompt opens empty, as in less; the previous text is one Up away. */
static void open_prompt(struct tv_ui *ui, int kind)
{
    ui->prompt = kind;
    prompt_set(ui, "");
}

/* ---- typing into the target ---- */

static void insert_key(struct tv_ui *ui, int ch)
{
    static bool esc;
    static const struct { int key; const char *seq; } keys[] = {
        { KEY_UP, "\x1b[A" }, { KEY_DOWN, "\x1b[B" }, { KEY_RIGHT, "\x1b[C" },
        { KEY_LEFT, "\x1b[D" }, { KEY_ENTER, "\r" }, { '\n', "\r" },
        { KEY_BACKSPACE, "\x7f" }, { 8, "\x7f" },
    };
    if (ch == 0x1d || (ch == 27 && esc)) {          /* Ctrl-], or Esc Esc */
        ui->insert = esc = false;
        return;
    }
    if (esc)
        tv_source_write(ui->src, "\x1b", 1);
    esc = ch == 27;
    if (esc)
        return;
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        if (ch == keys[k].key) {
            tv_source_write(ui->src, keys[k].seq, strlen(keys[k].seq));
            return;
        }
    if (ch >= 0 && ch < 256) {
        char c = (char)ch;
        if (!tv_source_write(ui->src, &c, 1))
            snprintf(ui->message, sizeof(ui->message), "the target does not take input");
    }
}

/* T: the host command that switches tracing on or off (docs/trace-format.md). */
static void toggle_tracing(struct tv_ui *ui)
{
    bool on = ui->s->dec.meta.mask != 0;
    const char *cmd = on ? "\x1b_BM0\x1b\\" : "\x1b_BM1ff\x1b\\";
    if (ui->src && tv_source_write(ui->src, cmd, strlen(cmd)))
        snprintf(ui->message, sizeof(ui->message), "asked the target to switch tracing %s",
                 on ? "off" : "on (all categories)");
    else
        snprintf(ui->message, sizeof(ui->message), "this source takes no commands");
}

/* ---- keys by panel ---- */

static void filter_task(struct tv_ui *ui)
{
    uint8_t ids[TR_TASKS];
    int n = tv_ui_tasks(ui, ids, TR_TASKS);
    char name[40];
    if (ui->task_sel < n) {
        tv_filter_set(ui, tv_name(ui, ids[ui->task_sel], name));
        snprintf(ui->message, sizeof(ui->message), "events filtered to %s (\\ changes it)",
                 ui->filter.text);
    }
}

/* Up and down: rows of the focused panel. Returns false if not handled. */
static bool row_key(struct tv_ui *ui, int d)
{
    switch (ui->focus) {
    case TV_P_TASKS: case TV_P_TIMELINE:
        ui->task_sel = ui->task_sel + d < 0 ? 0 : ui->task_sel + d;
        return true;
    case TV_P_EVENTS:
        move_events(ui, d);
        return true;
    case TV_P_CONSOLE:
        ui->console_back = ui->console_back - d < 0 ? 0 : ui->console_back - d;
        return true;
    case TV_P_ALERTS:
        ui->alert_sel = ui->alert_sel + d < 0 ? 0 : ui->alert_sel + d;
        return true;
    case TV_P_CHANNELS:
        ui->chan_top = ui->chan_top + d < 0 ? 0 : ui->chan_top + d;
        return true;
    case TV_P_QUEUES:
        ui->queue_top = ui->queue_top + d < 0 ? 0 : ui->queue_top + d;
        return true;
    case TV_P_SCRIPT:
        ui->script_top = ui->script_top + d < 0 ? 0 : ui->script_top + d;
        return true;
    default:
        return false;
    }
}

/* Left and right: in time on the timeline, by events elsewhere. */
static void side_key(struct tv_ui *ui, long d)
{
    if (ui->focus == TV_P_TIMELINE)
        move_time(ui, d);
    else
        move_events(ui, d);
}

static void enter_key(struct tv_ui *ui)
{
    switch (ui->focus) {
    case TV_P_EVENTS:
        ui->focus = TV_P_TIMELINE;
        if (!ui->shown[TV_P_TIMELINE])
            ui->view = 1;
        break;
    case TV_P_ALERTS:
        if (ui->alert_sel < (int)ui->s->nalerts)
            tv_ui_set_cursor(ui, ui->s->alerts[ui->alert_sel] + 1);
        break;
    case TV_P_TASKS: case TV_P_TIMELINE:
        filter_task(ui);
        break;
    default:
        break;
    }
}

static void next_panel(struct tv_ui *ui, int d)
{
    static const enum tv_panel order[] = {
        TV_P_TASKS, TV_P_QUEUES, TV_P_CHANNELS, TV_P_TIMELINE, TV_P_EVENTS,
        TV_P_CONSOLE, TV_P_ALERTS, TV_P_SCRIPT,
    };
    int n = (int)(sizeof(order) / sizeof(order[0])), at = 0;
    for (int i = 0; i < n; i++)
        if (order[i] == ui->focus)
            at = i;
    for (int k = 1; k <= n; k++) {
        enum tv_panel p = order[((at + d * k) % n + n) % n];
        if (ui->shown[p]) {
            ui->focus = p;
            return;
        }
    }
}

/* A view by its digit, with the focus on its main panel. */
static void set_view(struct tv_ui *ui, int view)
{
    static const enum tv_panel main_panel[] = {
        TV_P_TASKS, TV_P_TASKS, TV_P_TASKS, TV_P_TIMELINE, TV_P_EVENTS, TV_P_QUEUES,
        TV_P_CONSOLE, TV_P_ALERTS, TV_P_SCRIPT,
    };
    if (view != ui->view || view != 1)
        ui->focus = main_panel[view];
    ui->view = view;
}

/* Keys that move the cursor or a selection. False if ch is not one. */
static bool motion_key(struct tv_ui *ui, int ch)
{
    long page = ui->focus == TV_P_TIMELINE ? ui->lane_cols / 2 : 20;
    size_t n = tv_session_count(ui->s);
    switch (ch) {
    case 'f': case 'F': case KEY_END: follow(ui); return true;
    case 'g': case KEY_HOME: tv_ui_set_cursor(ui, n ? 1 : 0); return true;
    case 'G':                tv_ui_set_cursor(ui, n); return true;
    case 'h': case KEY_LEFT: side_key(ui, -1); return true;
    case 'l': case KEY_RIGHT: side_key(ui, 1); return true;
    case 'j': case KEY_DOWN: row_key(ui, 1); return true;
    case 'k': case KEY_UP:   row_key(ui, -1); return true;
    case ',':                move_events(ui, -1); return true;
    case '.':                move_events(ui, 1); return true;
    case 'H': case KEY_PPAGE: case 'L': case KEY_NPAGE:
        page = ch == 'H' || ch == KEY_PPAGE ? -page : page;
        if (ui->focus == TV_P_TIMELINE || !row_key(ui, (int)page))
            side_key(ui, page);             /* the timeline pages in time */
        return true;
    default:
        return false;
    }
}

static void key(struct tv_ui *ui, int ch)
{
    ui->message[0] = '\0';
    if (ui->help) {
        ui->help = false;
        return;
    }
    if (ui->prompt || ui->insert) {
        (ui->prompt ? prompt_key : insert_key)(ui, ch);
        return;
    }
    if (motion_key(ui, ch))
        return;
    switch (ch) {
    case 'q': case 'Q':      ui->quit = true; break;
    case '?': case KEY_F(1): ui->help = true; break;
    case '\t':               next_panel(ui, 1); break;
    case KEY_BTAB:           next_panel(ui, -1); break;
    case ' ':
        if (!ui->follow)
            follow(ui);
        else {
            tv_ui_set_cursor(ui, tv_session_count(ui->s));
            ui->paused = true;
        }
        break;
    case '+': case '=':      zoom(ui, true); break;
    case '-': case '_':      zoom(ui, false); break;
    case 'z':                                 /* fit: all of it, or live the last seconds */
        ui->fit_all = ui->autofit ? !ui->fit_all : true;
        ui->autofit = true;
        break;
    case 'S':
        ui->show_snapshots = !ui->show_snapshots;
        tv_filter_set(ui, ui->filter.text);
        snprintf(ui->message, sizeof(ui->message), "metadata snapshots %s in the event list",
                 ui->show_snapshots ? "shown" : "hidden");
        break;
    case 'm':                ui->marks_off = !ui->marks_off; break;
    case '/':                open_prompt(ui, '/'); break;
    case '\\': case KEY_F(4): open_prompt(ui, '\\'); break;
    case 'n':                search_next(ui, 1); break;
    case 'N':                search_next(ui, -1); break;
    case '\n': case '\r': case KEY_ENTER: enter_key(ui); break;
    case 'T':                toggle_tracing(ui); break;
    case 'W':                tv_ui_window(ui); break;
    case 12:                 clearok(curscr, TRUE); break;     /* Ctrl-L: redraw all */
    case 'i':
        if (ui->src && ui->src->wfd >= 0)
            ui->insert = true;
        else
            snprintf(ui->message, sizeof(ui->message), "this source takes no input");
        break;
    default:
        if (ch >= '1' && ch <= '8')
            set_view(ui, ch - '0');
        break;
    }
}

/* ---- the source ---- */

/* Once the first bytes came through a shell pipe (its writer has its
 * descriptors set up by then): if that writer's stderr is this terminal,
 * what it prints there lands on the screen, which the viewer cannot
 * prevent. Say so, and how to avoid it. */
static void check_pipe_writer(struct tv_ui *ui)
{
    static const char note[] =
        "[the program writing into the pipe has its stderr on this terminal: its messages "
        "land on the screen (Ctrl-L redraws). Run it as baton-trace -- COMMAND (its stderr "
        "comes here), or give it 2>FILE]\n";
    ui->pipe_checked = true;
    if (!tv_source_writer_stderr_on(ui->src))
        return;
    tv_console_add(&ui->s->console, (const uint8_t *)note, sizeof(note) - 1,
                   tv_session_count(ui->s), TV_LINE_HOST);
    snprintf(ui->message, sizeof(ui->message),
             "the writer's stderr is this terminal: use 2>FILE or baton-trace -- CMD (6: console)");
}

/* Read what the source has, for up to PUMP_SECONDS. True if it may have
 * more right now. */
static bool pump(struct tv_ui *ui)
{
    static uint8_t buf[CHUNK];
    struct tv_source *src = ui->src;
    double until = now_s() + PUMP_SECONDS;
    long n = 0;
    while (src->fd >= 0 && (n = tv_source_read(src, buf, sizeof(buf))) > 0) {
        if (ui->record)
            fwrite(buf, 1, (size_t)n, ui->record);
        tv_session_feed(ui->s, buf, (size_t)n);
        tv_source_attached(src, tv_session_count(ui->s) && !ui->s->dec.meta.have_arch);
        if (now_s() > until)
            return true;
    }
    while ((n = tv_source_read_err(src, buf, sizeof(buf))) > 0)
        tv_console_add(&ui->s->console, buf, (size_t)n, tv_session_count(ui->s), TV_LINE_HOST);
    while (ui->err_fd >= 0 && (n = read(ui->err_fd, buf, sizeof(buf))) > 0)
        tv_console_add(&ui->s->console, buf, (size_t)n, tv_session_count(ui->s), TV_LINE_HOST);
    if (!ui->pipe_checked && ui->s->bytes > 0)
        check_pipe_writer(ui);
    if (src->fd < 0 && !ui->source_ended) {
        ui->source_ended = true;
        tv_session_end(ui->s);
        if (ui->script)
            tv_script_finish(ui->script);
        if (src->kind != TV_SRC_COMMAND)
            tv_session_note(ui->s, "[end of the stream]");
    }
    if (ui->source_ended && src->pid && !src->exited && tv_source_reap(src)) {
        char note[220];
        snprintf(note, sizeof(note), "[%.150s exited with status %d]", src->name, src->status);
        tv_session_note(ui->s, note);
    }
    return false;
}

static void wait_input(struct tv_ui *ui, int timeout_ms)
{
    struct pollfd p[4];
    int n = 0;
    p[n++] = (struct pollfd){ .fd = fileno(ui->tty_in), .events = POLLIN };
    if (ui->src && ui->src->fd >= 0)
        p[n++] = (struct pollfd){ .fd = ui->src->fd, .events = POLLIN };
    if (ui->src && ui->src->errfd >= 0)
        p[n++] = (struct pollfd){ .fd = ui->src->errfd, .events = POLLIN };
    if (ui->err_fd >= 0)
        p[n++] = (struct pollfd){ .fd = ui->err_fd, .events = POLLIN };
    if (ui->src && ui->source_ended && ui->src->pid && !ui->src->exited && timeout_ms > 200)
        timeout_ms = 200;           /* a program to reap soon */
    if (ui->win && timeout_ms > 30)
        timeout_ms = 30;            /* the window's mouse and keys */
    poll(p, (nfds_t)n, timeout_ms);
}

static bool update_rate(struct tv_ui *ui, double t)
{
    if (t - ui->rate_t < 0.5)
        return false;
    size_t n = tv_session_count(ui->s);
    double was = ui->rate;
    ui->rate = ui->rate_t > 0 ? (double)(n - ui->rate_count) / (t - ui->rate_t) : 0;
    ui->rate_count = n;
    ui->rate_t = t;
    return ui->rate != was;
}

/* SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal closed): leave as q does,
 * so that the terminal is put back and a program we started is ended. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;     /* no SA_RESTART: poll() returns */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* ---- the window beside the screen ---- */

void tv_ui_window(struct tv_ui *ui)
{
    if (ui->win) {
        tw_window_close(ui->win);
        ui->win = NULL;
        snprintf(ui->message, sizeof(ui->message), "window closed");
        return;
    }
    ui->win = tw_window_open(ui->s, ui->src ? ui->src->name : "", NULL);
    snprintf(ui->message, sizeof(ui->message), "%s", ui->win
             ? "window opened: it shares the cursor (W closes it)"
             : "no window: no display (DISPLAY, WAYLAND_DISPLAY or SDL_VIDEODRIVER)");
}

/* The window's turn: it shows the cursor, or moves it. True if it did. */
static bool window_step(struct tv_ui *ui)
{
    if (!ui->win)
        return false;
    tv_ui_update_state(ui);
    struct tw_sync y = { ui->cursor, ui->cur_ts, ui->follow, false, ui->source_ended };
    if (!tw_window_step(ui->win, &y)) {
        tv_ui_window(ui);
        return true;
    }
    if (!y.moved)
        return false;
    if (y.follow)
        follow(ui);
    else
        tv_ui_set_cursor(ui, y.cursor), ui->cur_ts = y.cur_ts;
    return true;
}

int tv_view_run(struct tv_ui *ui)
{
    double last_draw = 0;
    bool dirty = true;
    catch_stop_signals();
    while (!ui->quit && !stop_signal) {
        uint64_t bytes = ui->s->bytes;
        size_t lines = ui->s->console.n;
        bool ended = ui->source_ended, more = ui->src && pump(ui);
        size_t scanned = ui->fscanned;
        more |= tv_filter_step(ui, FILTER_SLICE);
        dirty |= ui->fscanned != scanned;
        int ch, keys = 0;
        while ((ch = getch()) != ERR) {
            if (ch != KEY_RESIZE)
                key(ui, ch);
            keys++;
        }
        keys += window_step(ui);
        double t = now_s();
        bool rated = update_rate(ui, t);
        dirty |= rated || keys > 0 || more || ui->s->bytes != bytes || ui->s->console.n != lines ||
                 ended != ui->source_ended;
        if (keys || (dirty && t - last_draw >= FRAME_SECONDS)) {
            tv_ui_draw(ui);
            last_draw = t;
            dirty = false;
        }
        if (!more && !ui->quit)
            wait_input(ui, dirty ? 10 : 250);
    }
    return stop_signal ? 128 + stop_signal : 0;
}

/* ---- the terminal ---- */

/* While curses owns the terminal, the viewer's own stderr (a library's
 * warning, a sanitizer's report) would scribble on the screen: it goes
 * to a pipe that pump() reads into the console pane. The write end does
 * not block: the viewer is its only reader, so a full pipe loses text
 * rather than hanging. */
static void stderr_to_pane(struct tv_ui *ui)
{
    int p[2];
    if (pipe(p) != 0)
        return;
    fflush(stderr);
    ui->err_saved = dup(2);
    if (ui->err_saved < 0 || dup2(p[1], 2) < 0) {
        close(p[0]);
        close(p[1]);
        if (ui->err_saved >= 0)
            close(ui->err_saved);
        ui->err_saved = -1;
        return;
    }
    close(p[1]);
    fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_NONBLOCK);
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(ui->err_saved, F_SETFD, FD_CLOEXEC);
    ui->err_fd = p[0];
}

/* The terminal back on fd 2; what the pane had not read yet goes there. */
static void stderr_back(struct tv_ui *ui)
{
    char buf[4096];
    ssize_t n;
    if (ui->err_saved < 0)
        return;
    fflush(stderr);
    dup2(ui->err_saved, 2);
    close(ui->err_saved);
    ui->err_saved = -1;
    while ((n = read(ui->err_fd, buf, sizeof(buf))) > 0)
        if (write(2, buf, (size_t)n) != n)
            break;
    close(ui->err_fd);
    ui->err_fd = -1;
}

int tv_screen_open(struct tv_ui *ui, FILE *out, FILE *in)
{
    bool terminal = !out;       /* not a benchmark's file */
    if (terminal) {
        if (isatty(0) && isatty(1)) {
            out = stdout;
            in = stdin;
        } else {
            out = in = fopen("/dev/tty", "r+");     /* the stream is on stdin */
            if (!out)
                return -1;
        }
    }
    ui->tty_out = out;
    ui->tty_in = in;
    ui->screen = newterm(NULL, out, in);
    if (!ui->screen)
        return -1;
    set_term(ui->screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    tv_draw_init(ui);
    if (terminal && isatty(2))
        stderr_to_pane(ui);
    return 0;
}

void tv_screen_close(struct tv_ui *ui)
{
    if (!ui->screen)
        return;
    endwin();
    stderr_back(ui);
    delscreen(ui->screen);
    ui->screen = NULL;
}

void tv_ui_free(struct tv_ui *ui)
{
    if (ui->win)
        tw_window_close(ui->win);
    ui->win = NULL;
    free(ui->fidx);
    ui->fidx = NULL;
    ui->fn = ui->fcap = ui->fscanned = 0;
}
