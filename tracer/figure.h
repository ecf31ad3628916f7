/* figure.h - --export-png: the diagram of a whole trace, or of a stretch
 * of it, as a PNG file, with no screen (for lab reports and the tests).
 * Also the parsing of times and lane lists that the window shares. */
#ifndef TRACER_FIGURE_H
#define TRACER_FIGURE_H

#include <stdbool.h>
#include <stdint.h>
#include "diagram.h"
#include "tracer.h"

/* A time: "7.9ms", "120us", "1.5s", "800ns" after the first event (needs
 * the trace's clock), "3400c" cycles after it, or "#62", the time of event
 * 62 (from 1). False if it cannot be read. */
bool tw_parse_time(const struct tv_session *s, const char *text, uint64_t *ts);
/* The view the options ask for (--range FROM:TO, --at T, --lanes a,b),
 * or false with a message in err. */
bool tw_options_view(const struct tr_options *o, const struct tv_session *s,
                     struct tw_view *v, char *err, size_t size);
/* Draw and write o->export_png. Exit status: 0, or 2 with a message. */
int tw_figure_export(const struct tr_options *o, const struct tv_session *s);

#endif
