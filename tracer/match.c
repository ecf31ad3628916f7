/* match.c - search and filter queries over the event history (match.h). */
#include "match.h"
#include "text.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tv_query_parse(struct tv_query *q, const char *text)
{
    memset(q, 0, sizeof(*q));
    snprintf(q->text, sizeof(q->text), "%s", text);
    const char *p = q->text;
    while (*p && q->nwords < TV_QUERY_WORDS) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        int k = q->nwords++;
        if (*p == '!') {
            q->negate[k] = true;
            p++;
        }
        size_t n = 0;
        while (*p && *p != ' ' && n + 1 < TV_QUERY_MAX)
            q->word[k][n++] = (char)tolower((unsigned char)*p++);
        q->word[k][n] = '\0';
    }
}

bool tv_query_empty(const struct tv_query *q)
{
    return q->nwords == 0;
}

/* Does the lower-case word occur in s, whatever its case? */
static bool contains(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++)
        if (strncasecmp(s, word, n) == 0)
            return true;
    return n == 0;
}

static bool names_task(const struct tv_session *s, unsigned id, const char *word)
{
    return id < TR_IDS && s->dec.meta.names[id][0] &&
           strcasecmp(s->dec.meta.names[id], word) == 0;
}

static bool word_matches(const struct tv_session *s, const char *word, size_t i,
                         char *details, size_t size)
{
    const struct tr_event *e = &s->model.events[i];
    if (word[0] == '#' && isdigit((unsigned char)word[1]))
        return strtoull(word + 1, NULL, 10) == i + 1;
    if (contains(tr_event_name(e->type), word) || names_task(s, e->subj, word) ||
        names_task(s, e->peer, word))
        return true;
    if (!details[0]) {          /* formatted once per event, if at all */
        struct tr_extra x = tv_session_extra(s, i);
        tr_event_details(&s->dec, e, &x, details, size);
    }
    return contains(details, word);
}

bool tv_match(const struct tv_session *s, const struct tv_query *q, size_t i)
{
    char details[512] = "";
    for (int k = 0; k < q->nwords; k++)
        if (word_matches(s, q->word[k], i, details, sizeof(details)) == q->negate[k])
            return false;
    return true;
}

size_t tv_find(const struct tv_session *s, const struct tv_query *q, size_t from,
               int dir, size_t limit, size_t *looked)
{
    size_t n = tv_session_count(s), seen = 0, found = (size_t)-1;
    for (size_t i = from; i < n && seen < limit; i += (size_t)(ptrdiff_t)dir) {
        seen++;
        if (tv_match(s, q, i)) {
            found = i;
            break;
        }
    }
    if (looked)
        *looked = seen;
    return found;
}
