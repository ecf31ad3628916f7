/* console.h - the console text of a trace, as lines: what the kernel and
 * the tasks printed, between the frames, kept apart from the events so
 * that it reads as it would on a terminal. Each line remembers how many
 * events had arrived when it began, so that time travel can show the
 * console as it was. Terminal controls in the text (colour, cursor
 * movement) are taken out, not shown: the pane is not a terminal. */
#ifndef TRACER_CONSOLE_H
#define TRACER_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tv_line_kind {
    TV_LINE_GUEST,              /* the serial line's text */
    TV_LINE_HOST,               /* from the viewer or the program it runs (stderr) */
};

struct tv_line {
    uint64_t index;             /* events stored when the line began */
    uint32_t off, len;          /* in text */
    uint8_t kind;
};

struct tv_console {
    char *text;
    size_t len, cap;
    struct tv_line *lines;      /* the last one may be unfinished */
    size_t n, cap_lines;
    bool open;                  /* the last line has no newline yet */
    int esc;                    /* where in an escape sequence we are */
};

void tv_console_init(struct tv_console *c);
void tv_console_free(struct tv_console *c);
/* Text from the stream; `events` is the number of events stored so far.
 * False when out of memory. */
bool tv_console_add(struct tv_console *c, const uint8_t *p, size_t n,
                    uint64_t events, enum tv_line_kind kind);
/* Lines that began at or before `events` events: for time travel. */
size_t tv_console_lines_at(const struct tv_console *c, uint64_t events);

#endif
