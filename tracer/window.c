/* window.c - the SDL2 window of the sequence diagram (window.h), and
 * baton-trace --window, which runs it alone. The diagram is drawn into a
 * pixel buffer and copied to the window's surface; moving about is
 * navigate.c's. Mouse: the wheel zooms about the pointer, a drag pans, a
 * click selects the mark under it (or puts the cursor there), a click on
 * a lane's name selects the lane. Keys: ? shows them.
 * BATON_WINDOW_KEYS="..." types keys once the stream has ended (tests,
 * with SDL_VIDEODRIVER=dummy: no display, the same pixels). */
#include "tracer.h"
#include "window.h"
#include "source.h"
#include "navigate.h"
#include "figure.h"
#include "png.h"
#include "font.h"
#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (64 * 1024)
#define FRAME_MS 33

struct tw_win {
    struct tv_session *s;
    SDL_Window *win;
    struct tw_canvas c;
    struct tw_diagram d;
    struct tw_nav nav;
    const char *keys;           /* BATON_WINDOW_KEYS still to type */
    char title[160];
    int mouse_x, mouse_y;
    bool dragging, dragged;
    int drag_x;
    bool help, quit, dirty;
    size_t drawn_count;         /* events when last drawn */
    Uint32 last_draw;
    int saved;
    char note[200];
    FILE *log;                  /* where notes go too (NULL: the window only) */
};
/* ---- drawing ---- */

static const char *const help_text[] = {
    "mouse: wheel zooms about the pointer, drag pans, click: select a mark (or set the cursor)",
    "       click a lane's name: select the lane",
    "+ - zoom    z fit all    left/right or [ ] pan    f live (follow the end)    space pause",
    "up/down (k/j) select a lane    n N next/previous event of the selected lane (any: none)",
    ", . previous/next event    o other end of the selected message (send <-> receive)",
    "x hide the selected lane    X show all lanes    s save a PNG    q quit    ? this help",
};

static void draw_help(struct tw_win *w)
{
    int n = (int)(sizeof(help_text) / sizeof(help_text[0]));
    int bw = 0, x = 40, y = 60;
    for (int i = 0; i < n; i++) {
        int tw = tw_text_width(help_text[i]);
        bw = tw > bw ? tw : bw;
    }
    tw_fill(&w->c, x, y, bw + 20, n * TW_LINE_H + 20, 0xfffbe0u);
    tw_frame(&w->c, x, y, bw + 20, n * TW_LINE_H + 20, TW_RGB_TEXT);
    for (int i = 0; i < n; i++)
        tw_text(&w->c, x + 10, y + 10 + i * TW_LINE_H, help_text[i], TW_RGB_TEXT);
}

/* Draw the diagram into the canvas and copy it to the window's surface
 * (SDL converts the pixels if the surface's format is another): no
 * renderer, no GPU, the same pixels as a PNG of it. */
static void draw(struct tw_win *w)
{
    SDL_Surface *ws = SDL_GetWindowSurface(w->win);    /* new after a resize */
    if (!ws)
        return;
    if ((ws->w != w->c.w || ws->h != w->c.h) &&
        (tw_canvas_free(&w->c), !tw_canvas_init(&w->c, ws->w, ws->h)))
        return;
    tw_nav_update(&w->nav);
    w->nav.v.status = tw_nav_status(&w->nav);
    tw_diagram_draw(&w->d, &w->c, w->s, &w->nav.v);
    if (w->note[0])
        tw_label(&w->c, w->c.w - tw_text_width(w->note) - 8, w->d.L.info_y, w->note,
                 TW_RGB_TEXT, 0xfffbe0u);
    if (w->help)
        draw_help(w);
    if (SDL_LockSurface(ws) == 0) {
        SDL_ConvertPixels(w->c.w, w->c.h, SDL_PIXELFORMAT_RGB888, w->c.px,
                          w->c.w * (int)sizeof(tw_color), ws->format->format, ws->pixels,
                          ws->pitch);
        SDL_UnlockSurface(ws);
    }
    SDL_UpdateWindowSurface(w->win);
    w->dirty = false;
}

/* s: what the window shows, as a PNG in the current folder. */
static void save(struct tw_win *w)
{
    char path[64];
    snprintf(path, sizeof(path), "baton-window-%d.png", ++w->saved);
    if (tw_png_write(&w->c, path) == 0)
        snprintf(w->note, sizeof(w->note), "saved %s", path);
    else
        snprintf(w->note, sizeof(w->note), "cannot write %s: %s", path, strerror(errno));
    if (w->log)
        fprintf(w->log, "baton-trace: %s\n", w->note);
}

/* ---- input ---- */

static void key(struct tw_win *w, SDL_Keycode k)
{
    struct tw_nav *n = &w->nav;
    const struct tw_layout *L = &w->d.L;
    int mx = w->mouse_x >= L->plot_x0 ? w->mouse_x : L->plot_x0 + L->plot_w / 2;
    w->note[0] = '\0';
    w->help = k == '?' ? !w->help : false;
    switch (k) {
    case 'q': case SDLK_ESCAPE: w->quit = true; break;
    case '+': case '=': case SDLK_KP_PLUS: tw_nav_zoom(n, L, mx, 0.5); break;
    case '-': case SDLK_KP_MINUS: tw_nav_zoom(n, L, mx, 2); break;
    case 'z': case SDLK_HOME: tw_nav_fit(n); break;
    case 'f': case SDLK_END: tw_nav_follow(n); break;
    case ' ': tw_nav_pause(n); break;
    case SDLK_LEFT: case '[': tw_nav_pan(n, L, -L->plot_w / 8); break;
    case SDLK_RIGHT: case ']': tw_nav_pan(n, L, L->plot_w / 8); break;
    case SDLK_UP: case 'k': tw_nav_lane(n, L, -1); break;
    case SDLK_DOWN: case 'j': tw_nav_lane(n, L, 1); break;
    case 'n': case 'N': case ',': case '.': {
        bool any = k == ',' || k == '.';
        int save_task = n->v.sel_task;
        if (any)
            n->v.sel_task = -1;
        if (!tw_nav_next(n, k == 'n' || k == '.' ? 1 : -1))
            snprintf(w->note, sizeof(w->note), "no more events that way");
        n->v.sel_task = save_task;
        break;
    }
    case 'o':
        if (!tw_nav_other_end(n))
            snprintf(w->note, sizeof(w->note), "select a message, notification or async mark");
        break;
    case 'x': tw_nav_hide(n); break;
    case 'X': tw_nav_show_all(n); break;
    case 's': save(w); break;
    default: break;
    }
    w->dirty = true;
}

static void click(struct tw_win *w, int x, int y)
{
    const struct tw_layout *L = &w->d.L;
    if (x < L->plot_x0 && y >= L->lanes_y && y < L->lanes_y + L->nlanes * L->lane_h) {
        w->nav.v.sel_task = L->lane_task[(y - L->lanes_y) / L->lane_h];
        return;
    }
    long i = tw_diagram_hit(&w->d, x, y);
    if (i >= 0)
        tw_nav_select(&w->nav, (size_t)i);
    else if (x >= L->plot_x0)
        tw_nav_set_time(&w->nav, tw_time_at(L, x));
}

static void event(struct tw_win *w, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT: w->quit = true; break;
    case SDL_KEYDOWN:
        if (e->key.keysym.sym == '=' && (e->key.keysym.mod & KMOD_SHIFT))
            key(w, '+');
        else if (e->key.keysym.mod & KMOD_SHIFT && e->key.keysym.sym >= 'a' &&
                 e->key.keysym.sym <= 'z')
            key(w, e->key.keysym.sym - 'a' + 'A');
        else if (e->key.keysym.sym == '/' && (e->key.keysym.mod & KMOD_SHIFT))
            key(w, '?');
        else
            key(w, e->key.keysym.sym);
        break;
    case SDL_MOUSEWHEEL:
        tw_nav_zoom(&w->nav, &w->d.L, w->mouse_x, e->wheel.y > 0 ? 0.8 : 1.25);
        break;
    case SDL_MOUSEMOTION:
        w->mouse_x = e->motion.x;
        w->mouse_y = e->motion.y;
        if (w->dragging && abs(e->motion.x - w->drag_x) > 0) {
            tw_nav_pan(&w->nav, &w->d.L, w->drag_x - e->motion.x);
            w->drag_x = e->motion.x;
            w->dragged = true;
        }
        break;
    case SDL_MOUSEBUTTONDOWN:
        w->dragging = e->button.button == SDL_BUTTON_LEFT;
        w->dragged = false;
        w->drag_x = e->button.x;
        break;
    case SDL_MOUSEBUTTONUP:
        if (w->dragging && !w->dragged)
            click(w, e->button.x, e->button.y);
        w->dragging = false;
        break;
    case SDL_WINDOWEVENT: break;
    default: return;
    }
    w->dirty = true;
}

/* ---- the window as a part ---- */

struct tw_win *tw_window_open(struct tv_session *s, const char *title, FILE *log)
{
    struct tw_win *w = calloc(1, sizeof(*w));
    if (!w || !tw_diagram_init(&w->d)) {
        free(w);
        return NULL;
    }
    /* Ctrl-C is the terminal viewer's (or ours below): not SDL's. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        if (log)
            fprintf(log, "baton-trace: no display for the window: %s\n", SDL_GetError());
        tw_diagram_free(&w->d);
        free(w);
        return NULL;
    }
    w->s = s;
    w->log = log;
    snprintf(w->title, sizeof(w->title), "%s", title);
    char name[200];
    snprintf(name, sizeof(name), "baton-trace: %s", title);
    w->win = SDL_CreateWindow(name, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 1280, 720,
                              SDL_WINDOW_RESIZABLE);
    if (!w->win) {
        if (log)
            fprintf(log, "baton-trace: cannot open a window: %s\n", SDL_GetError());
        tw_window_close(w);
        return NULL;
    }
    tw_nav_init(&w->nav, s);
    w->nav.v.title = w->title;
    w->keys = getenv("BATON_WINDOW_KEYS");
    w->dirty = true;
    return w;
}

void tw_window_close(struct tw_win *w)
{
    if (!w)
        return;
    if (w->win)
        SDL_DestroyWindow(w->win);
    SDL_Quit();
    tw_canvas_free(&w->c);
    tw_diagram_free(&w->d);
    free(w);
}

/* The other view moved the cursor (or went live): show the same. */
static void take_cursor(struct tw_win *w, const struct tw_sync *y)
{
    struct tw_nav *n = &w->nav;
    if (y->follow == n->follow && (y->follow || y->cursor == n->v.cursor))
        return;
    if (y->follow) {
        tw_nav_follow(n);
    } else {
        n->follow = false;
        n->v.sel = -1;
        n->v.cursor = y->cursor;
        n->v.cur_ts = y->cur_ts;
        if (y->cur_ts < n->v.t0 || y->cur_ts >= n->v.t1) {
            uint64_t span = n->v.t1 - n->v.t0;
            n->v.t0 = y->cur_ts > span / 2 ? y->cur_ts - span / 2 : 0;
            n->v.t1 = n->v.t0 + span;
            n->fit = false;
        }
    }
    w->dirty = true;
}

bool tw_window_step(struct tw_win *w, struct tw_sync *sync)
{
    struct tw_nav *n = &w->nav;
    take_cursor(w, sync);
    size_t was_cursor = n->v.cursor;
    bool was_follow = n->follow;
    SDL_Event e;
    while (SDL_PollEvent(&e))
        event(w, &e);
    if (w->keys && *w->keys && sync->ended) {   /* typed keys, once the trace is in */
        draw(w);
        key(w, (unsigned char)*w->keys++);
    }
    sync->moved = n->v.cursor != was_cursor || n->follow != was_follow;
    if (sync->moved) {
        sync->cursor = n->v.cursor;
        sync->cur_ts = n->v.cur_ts;
        sync->follow = n->follow;
    }
    w->dirty |= tv_session_count(w->s) != w->drawn_count;
    if (w->dirty && SDL_TICKS_PASSED(SDL_GetTicks(), w->last_draw + FRAME_MS)) {
        draw(w);
        w->drawn_count = tv_session_count(w->s);
        w->last_draw = SDL_GetTicks();
    }
    return !w->quit;
}

void tw_window_wait(struct tw_win *w, int ms)
{
    (void)w;
    SDL_WaitEventTimeout(NULL, ms);
}

/* ---- baton-trace --window: the window alone ---- */

/* Read what the source has, for at most 30 ms. True if it had something. */
static bool pump(struct tv_source *src, struct tv_session *s, FILE *record, bool *ended)
{
    static uint8_t buf[CHUNK];
    Uint32 until = SDL_GetTicks() + 30;
    long n;
    bool got = false;
    while (src->fd >= 0 && (n = tv_source_read(src, buf, sizeof(buf))) > 0) {
        if (record)
            fwrite(buf, 1, (size_t)n, record);
        tv_session_feed(s, buf, (size_t)n);
        tv_source_attached(src, tv_session_count(s) && !s->dec.meta.have_arch);
        got = true;
        if (SDL_TICKS_PASSED(SDL_GetTicks(), until))
            break;
    }
    while ((n = tv_source_read_err(src, buf, sizeof(buf))) > 0)
        fwrite(buf, 1, (size_t)n, stderr);
    if (src->fd < 0 && !*ended) {
        *ended = true;
        tv_session_end(s);
        got = true;
    }
    return got;
}

/* --range, --at, --lanes: the stream is read to its end first (they name
 * events), then the window starts there. */
static int start_view(const struct tr_options *o, struct tw_win *w, struct tv_source *src,
                      struct tw_sync *y)
{
    char err[200];
    if (!o->range && !o->at && !o->lanes)
        return 0;
    while (!y->ended)
        if (!pump(src, w->s, NULL, &y->ended))
            SDL_Delay(5);
    if (!tw_options_view(o, w->s, &w->nav.v, err, sizeof(err))) {
        fprintf(stderr, "baton-trace: %s\n", err);
        return 2;
    }
    w->nav.fit = !o->range;
    w->nav.follow = y->follow = !o->at && !o->range;
    w->nav.v.cursor_shown = true;
    w->nav.v.title = w->title;
    y->cursor = w->nav.v.cursor;
    y->cur_ts = w->nav.v.cur_ts;
    return 0;
}

int tr_window(const struct tr_options *o)
{
    struct tv_source src;
    struct tv_session *s = tv_session_new();
    if (!s || tr_open_source(o, &src) != 0) {
        tv_session_free(s);
        return 2;
    }
    FILE *record = o->record ? fopen(o->record, "wb") : NULL;
    struct tw_win *w = tw_window_open(s, src.name, stderr);
    struct tw_sync y = { .follow = true };
    int status = w ? start_view(o, w, &src, &y) : 2;
    while (status == 0) {
        bool got = pump(&src, s, record, &y.ended);
        if (!tw_window_step(w, &y))
            break;
        if (!got)
            tw_window_wait(w, 30);
    }
    tw_window_close(w);
    tv_source_close(&src);
    if (record)
        fclose(record);
    tv_session_free(s);
    return status;
}
