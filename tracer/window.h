/* window.h - the SDL2 window of the sequence diagram, as a part another
 * loop can drive: baton-trace --window runs it alone (window.c), and the
 * terminal viewer opens it beside itself on the same session (key W,
 * --with-window), the two sharing one cursor. */
#ifndef TRACER_WINDOW_H
#define TRACER_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "session.h"

struct tw_win;

/* The cursor both views show: the state after `cursor` events (at time
 * cur_ts), or live. tw_window_step takes it in, and hands back a move
 * made in the window (then `moved` is set). */
struct tw_sync {
    size_t cursor;
    uint64_t cur_ts;
    bool follow;
    bool moved;
    bool ended;                 /* the stream has ended (typed-in keys wait for it) */
};

/* Open a window on s (title: the source's name). NULL when there is no
 * display (said on log, unless NULL). Notes (a PNG saved) go to log too:
 * NULL under a curses screen. */
struct tw_win *tw_window_open(struct tv_session *s, const char *title, FILE *log);
/* Take the window's input without waiting and redraw if anything
 * changed. False once the window was closed (q, or its close button). */
bool tw_window_step(struct tw_win *w, struct tw_sync *sync);
/* Wait up to ms milliseconds for the window's input. */
void tw_window_wait(struct tw_win *w, int ms);
void tw_window_close(struct tw_win *w);

#endif
