/* window_test.h - helpers of the window view's tests (tests/window/):
 * draw a session into a canvas, read a PNG back, build sessions of
 * synthesised events. The recorded traces are tests/viewer/'s. */
#ifndef WINDOW_TEST_H
#define WINDOW_TEST_H

#include <stddef.h>
#include <stdint.h>
#include "diagram.h"
#include "navigate.h"
#include "../viewer/viewer_test.h"

#define FAULT_TRACE "tests/viewer/fault-sim.bin"

/* Draw s as v says on a fresh w x h canvas (the caller frees both). */
void draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
          const struct tw_view *v, int w, int h);
/* The view of all of s; then [t0, t1) if t1 > t0. */
struct tw_view view_of(const struct tv_session *s, uint64_t t0, uint64_t t1);
/* Read a PNG written by tw_png_write (8-bit RGB, one IDAT) into c. */
void png_read(const char *path, struct tw_canvas *c);
/* Add an event to s (no extra bytes). */
void add(struct tv_session *s, uint64_t ts, unsigned type, unsigned subj, unsigned peer,
         unsigned aux, uint32_t a);
/* Name task id in s (as metadata would). */
void name(struct tv_session *s, unsigned id, const char *text);
/* The first event from `from` of that type, subject and peer (-1: any). */
size_t find_event(const struct tv_session *s, size_t from, unsigned type, int subj, int peer);

#endif
