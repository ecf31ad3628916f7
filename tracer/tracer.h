/* tracer.h - the modes of the baton-trace program and their options. Each
 * mode is one function; main.c only parses the command line and picks one:
 * the live viewer (the default), --batch (scripts, no screen), --export-json
 * and --dump. docs/tracer.md describes them. */
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
};

/* --dump: events as text, one per line, and the counts. Exit status. */
int tr_dump(const struct tr_options *o);
/* The ncurses viewer, until q. Exit status (2: could not start). */
int tr_view(const struct tr_options *o);
/* No screen: read the whole stream, run the scripts, export; exit status
 * 0 pass, 1 a script's check failed, 2 an error (a script's, or input). */
int tr_batch(const struct tr_options *o);

#endif
