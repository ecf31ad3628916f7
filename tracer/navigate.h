/* navigate.h - moving about the window view's diagram, with no SDL in it
 * (so the tests drive it as the window does): zoom about a point, pan,
 * fit, live follow and pause, the cursor (the same "state after n events"
 * as the terminal viewer's time travel), selecting an event or a lane,
 * the next event of a task, the other end of a message, lane filters. */
#ifndef TRACER_NAVIGATE_H
#define TRACER_NAVIGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "diagram.h"

struct tw_nav {
    const struct tv_session *s;
    struct tw_view v;
    bool fit;                   /* the time axis shows the whole history */
    bool follow;                /* live: the cursor on the last event, the axis's
                                   right edge on it too */
    bool paused;                /* left live with the space bar */
};

void tw_nav_init(struct tw_nav *n, const struct tv_session *s);
/* Bring the view up to date with the session (new events). Call before
 * each frame. */
void tw_nav_update(struct tw_nav *n);
/* Zoom by factor (< 1: in) keeping the time at pixel column x still. */
void tw_nav_zoom(struct tw_nav *n, const struct tw_layout *L, int x, double factor);
/* Move the axis by dx pixels (positive: later times come into view). */
void tw_nav_pan(struct tw_nav *n, const struct tw_layout *L, int dx);
void tw_nav_fit(struct tw_nav *n);
void tw_nav_follow(struct tw_nav *n);
/* Space: pause if live, else back to live. */
void tw_nav_pause(struct tw_nav *n);
/* The cursor after event i (i from 0), selected; the axis moves to show it. */
void tw_nav_select(struct tw_nav *n, size_t i);
/* The cursor at a time (a click where no mark is). */
void tw_nav_set_time(struct tw_nav *n, uint64_t ts);
/* Select the next (dir 1) or previous (-1) event of the selected lane's
 * task, or of any task when no lane is selected. False if none. */
bool tw_nav_next(struct tw_nav *n, int dir);
/* The other end of the selected message: a rendezvous's start (where the
 * sender blocked) and back; a notification's delivery; an async message's
 * delivery, or its enqueue from the delivery. False if there is none. */
bool tw_nav_other_end(struct tw_nav *n);
/* The event at the other end of event i, or -1 (what tw_nav_other_end uses). */
long tw_other_end(const struct tv_session *s, size_t i);
/* Select the lane above (-1) or below (1). */
void tw_nav_lane(struct tw_nav *n, const struct tw_layout *L, int d);
/* Hide the selected lane; show every lane again. */
void tw_nav_hide(struct tw_nav *n);
void tw_nav_show_all(struct tw_nav *n);
/* "LIVE", "PAUSED" or "HISTORY", as the terminal viewer says. */
const char *tw_nav_status(const struct tw_nav *n);

#endif
