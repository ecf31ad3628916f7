/* tracer.h - the modes of the baton-trace program and their options. Each
 * mode is one function; main.c only parses the command line and picks one.
 * The ncurses viewer (issue 6) becomes another mode beside tr_dump. */
#ifndef TRACER_TRACER_H
#define TRACER_TRACER_H

#include <stdbool.h>

struct tr_options {
    const char *input;          /* a file, or "-" for stdin */
    bool events_only;           /* --events-only: no console text */
};

/* --dump: events as text, one per line, and the counts. Exit status. */
int tr_dump(const struct tr_options *o);

#endif
