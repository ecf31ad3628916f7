/* tracer.h - the modes of the baton-trace program and their options. Each
 * mode is one function; main.c only parses the command line and picks one:
 * the live viewer (the default), --batch (scripts, no screen), --export-json,
 * --dump, the SDL2 window (--window) and --export-png. docs/tracer.md and
 * docs/window.md describe them. */
#ifndef TRACER_TRACER_H
#define TRACER_TRACER_H

#include <stdbool.h>

#define TR_SCRIPTS_MAX 16

struct tr_options {
    const char *input;          /* a file, or "-" for stdin */
    bool events_only;           /* --events-only: no console text */
    const char *connect;        /* --connect HOST:PORT or a unix socket's path */
    char **command;             /* after --: a program to start, NULL-terminated */
    const char *scripts[TR_SCRIPTS_MAX];    /* --script F.lua, in order */
    int nscripts;
    bool batch;                 /* --batch: run the scripts, no screen */
    bool ascii, mono;           /* --ascii, --mono: no line drawing, no colours */
    const char *export_json;    /* --export-json OUT */
    const char *record;         /* --record OUT: save the raw stream too */
    /* the window view (docs/window.md) */
    bool window;                /* --window: the SDL2 sequence diagram */
    bool with_window;           /* --with-window: the terminal viewer and the window */
    const char *export_png;     /* --export-png OUT: the diagram, no screen */
    const char *range;          /* --range FROM:TO (figure.h: times) */
    const char *size;           /* --size W or WxH, pixels */
    const char *at;             /* --at T: the cursor */
    const char *lanes;          /* --lanes a,b: only these tasks */
};

/* --dump: events as text, one per line, and the counts. Exit status. */
int tr_dump(const struct tr_options *o);
/* The ncurses viewer, until q. Exit status (2: could not start). */
int tr_view(const struct tr_options *o);
/* No screen: read the whole stream, run the scripts, export; exit status
 * 0 pass, 1 a script's check failed, 2 an error (a script's, or input). */
int tr_batch(const struct tr_options *o);
/* The SDL2 window (window.c), until closed. Exit status (2: no display). */
int tr_window(const struct tr_options *o);
/* Open the source the options name (modes.c). 0, or -1 with a message. */
struct tv_source;
int tr_open_source(const struct tr_options *o, struct tv_source *src);

#endif
