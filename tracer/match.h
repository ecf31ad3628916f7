/* match.h - which events a search or a filter picks. A query is words,
 * all of which must match (case does not matter):
 *   word    the event's name contains it ("call" picks call, call-block),
 *           or it names the event's subject or peer task, or the event's
 *           details contain it ("port 1", "0x4", "deadlock")
 *   !word   the opposite
 *   #N      event number N (the viewer counts from 1)
 * Cheap tests go first: the details are formatted only when needed. */
#ifndef TRACER_MATCH_H
#define TRACER_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "session.h"

#define TV_QUERY_WORDS 8
#define TV_QUERY_MAX 128

struct tv_query {
    char text[TV_QUERY_MAX];            /* as typed */
    char word[TV_QUERY_WORDS][TV_QUERY_MAX];   /* lower case, '!' taken off */
    bool negate[TV_QUERY_WORDS];
    int nwords;
};

/* Parse text into q; an empty query matches everything. */
void tv_query_parse(struct tv_query *q, const char *text);
bool tv_query_empty(const struct tv_query *q);
/* Does event i match? */
bool tv_match(const struct tv_session *s, const struct tv_query *q, size_t i);
/* The first event matching q from `from` going forward (dir 1) or back
 * (dir -1), `from` included, looking at no more than `limit` events.
 * Returns its number, or (size_t)-1 if none; *looked says how many were
 * looked at (may be NULL). */
size_t tv_find(const struct tv_session *s, const struct tv_query *q, size_t from,
               int dir, size_t limit, size_t *looked);

#endif
