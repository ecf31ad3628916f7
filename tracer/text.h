/* text.h - events as one line of text each, with task names: what
 * `baton-trace --dump` prints, and what tests compare. */
#ifndef TRACER_TEXT_H
#define TRACER_TEXT_H

#include <stddef.h>
#include "decode.h"

/* "<time> <subject> <event> <details>", no newline; returns buf. */
char *tr_event_text(const struct tr_decoder *d, const struct tr_event *e,
                    const struct tr_extra *x, char *buf, size_t size);
/* The details alone: "-> server port 1, 4 bytes, registers". */
void tr_event_details(const struct tr_decoder *d, const struct tr_event *e,
                      const struct tr_extra *x, char *buf, size_t size);
/* "SYS_IPC" for a syscall number, or "syscall N" (buf: 24 bytes). */
const char *tr_syscall_name(unsigned n, char *buf);
/* The counters that are 0 in a clean trace, those that are not, as
 * "  frames missing 2  skipped 1 ...": the viewer's status line. */
void tr_counts_notes(const struct tr_counts *c, char *buf, size_t size);

#endif
