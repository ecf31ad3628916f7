/* figure.c - --export-png (figure.h): the options become a view (a time
 * range, the cursor, the lanes shown), the diagram is drawn into a canvas
 * of the size asked for, and the canvas is written as a PNG. */
#include "figure.h"
#include "png.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_W 1200
#define DEFAULT_LANE_H 24
#define MAX_SIDE 16384

bool tw_parse_time(const struct tv_session *s, const char *text, uint64_t *ts)
{
    size_t n = tv_session_count(s);
    uint64_t first = n ? s->model.events[0].ts : 0;
    char *end;
    if (text[0] == '#') {
        unsigned long k = strtoul(text + 1, &end, 10);
        if (*end || k == 0 || k > n)
            return false;
        *ts = s->model.events[k - 1].ts;
        return true;
    }
    double x = strtod(text, &end), hz = tv_session_hz(s);
    if (end == text || x < 0)
        return false;
    static const struct { const char *unit; double seconds; } units[] = {
        { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 },
    };
    if (strcmp(end, "c") == 0) {
        *ts = first + (uint64_t)x;
        return true;
    }
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(end, units[i].unit) == 0 && hz > 0) {
            *ts = first + (uint64_t)(x * units[i].seconds * hz + 0.5);
            return true;
        }
    return false;
}

/* --lanes a,b,c: every other lane hidden. */
static bool only_lanes(const struct tv_session *s, const char *list, uint64_t *hidden,
                       char *err, size_t size)
{
    char copy[512];
    snprintf(copy, sizeof(copy), "%s", list);
    uint64_t shown = 0;
    for (char *save, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int id = -1;
        for (int i = 0; i < TR_TASKS && id < 0; i++)
            if (strcmp(s->dec.meta.names[i], w) == 0)
                id = i;
        if (id < 0) {
            snprintf(err, size, "no task called '%s' in the trace", w);
            return false;
        }
        shown |= 1ull << id;
    }
    *hidden = ~shown;
    return true;
}

bool tw_options_view(const struct tr_options *o, const struct tv_session *s,
                     struct tw_view *v, char *err, size_t size)
{
    memset(v, 0, sizeof(*v));
    tw_view_fit(s, v);
    v->sel = -1;
    v->sel_task = -1;
    v->title = o->input ? o->input : o->connect ? o->connect : o->command ? o->command[0] : "";
    if (o->range) {
        char from[64], *colon;
        snprintf(from, sizeof(from), "%s", o->range);
        colon = strchr(from, ':');
        if (!colon || (*colon = '\0', !tw_parse_time(s, from, &v->t0)) ||
            !tw_parse_time(s, colon + 1, &v->t1) || v->t1 <= v->t0) {
            snprintf(err, size, "--range FROM:TO: two times, FROM before TO (7.9ms, 3400c, #62)");
            return false;
        }
        v->cursor = tv_session_count_at(s, v->t1 - 1);
        v->cur_ts = v->t1 - 1;
    }
    if (o->at) {
        if (!tw_parse_time(s, o->at, &v->cur_ts)) {
            snprintf(err, size, "--at T: a time (7.9ms, 3400c, #62)");
            return false;
        }
        v->cursor = o->at[0] == '#' ? (size_t)strtoul(o->at + 1, NULL, 10)
                                    : tv_session_count_at(s, v->cur_ts);
        v->cursor_shown = true;
    }
    return !o->lanes || only_lanes(s, o->lanes, &v->hidden, err, size);
}

/* --size W or WxH; the height, when not given, fits every lane. */
static bool size_of(const struct tr_options *o, const struct tv_session *s,
                    const struct tw_view *v, int *w, int *h)
{
    *w = DEFAULT_W;
    *h = 0;
    if (o->size && sscanf(o->size, "%dx%d", w, h) < 1)
        return false;
    if (*h == 0)
        *h = tw_diagram_height(s, v, DEFAULT_LANE_H);
    return *w >= 200 && *h >= 80 && *w <= MAX_SIDE && *h <= MAX_SIDE;
}

int tw_figure_export(const struct tr_options *o, const struct tv_session *s)
{
    struct tw_view v;
    struct tw_canvas c;
    struct tw_diagram d;
    char err[200];
    int w, h;
    if (!tw_options_view(o, s, &v, err, sizeof(err))) {
        fprintf(stderr, "baton-trace: %s\n", err);
        return 2;
    }
    if (!size_of(o, s, &v, &w, &h)) {
        fprintf(stderr, "baton-trace: --size W or WxH, 200x80 to %dx%d\n", MAX_SIDE, MAX_SIDE);
        return 2;
    }
    if (!tw_canvas_init(&c, w, h) || !tw_diagram_init(&d)) {
        fprintf(stderr, "baton-trace: out of memory\n");
        tw_canvas_free(&c);
        return 2;
    }
    tw_diagram_draw(&d, &c, s, &v);
    int rc = tw_png_write(&c, o->export_png);
    if (rc != 0)
        fprintf(stderr, "baton-trace: cannot write %s: %s\n", o->export_png, strerror(errno));
    else
        fprintf(stderr, "baton-trace: %dx%d diagram of %zu events written to %s\n", w, h,
                d.L.end - d.L.first, o->export_png);
    tw_diagram_free(&d);
    tw_canvas_free(&c);
    return rc ? 2 : 0;
}
