/* test_json.c - the Chrome/Perfetto JSON export, checked structurally
 * with a small JSON parser of our own (no jq): the file is valid JSON; it
 * has a thread per task, state slices of positive length, flow arrows in
 * matching start/finish pairs bound to enclosing slices, counters for the
 * async queues, and alert instants for the deadlocks. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "viewer_test.h"
#include "json.h"

/* One element of traceEvents: the fields the checks look at. */
struct obj {
    char ph[4], name[80], cat[32], bp[4];
    double ts, dur;
    long tid, id;
    bool has_ts, has_dur, has_id;
};

struct parser {
    const char *p;
    struct obj *objs;
    size_t n, cap;
};

static bool value(struct parser *j, int depth, struct obj *o, const char *key);

static void ws(struct parser *j)
{
    while (isspace((unsigned char)*j->p))
        j->p++;
}

/* A string into out (escapes kept as they are: enough for the checks). */
static bool string(struct parser *j, char *out, size_t size)
{
    size_t n = 0;
    if (*j->p++ != '"')
        return false;
    for (; *j->p != '"'; j->p++) {
        if ((unsigned char)*j->p < 0x20 || !*j->p)
            return false;
        if (*j->p == '\\') {
            j->p++;
            if (*j->p == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (!isxdigit((unsigned char)j->p[k]))
                        return false;
                j->p += 4;
            } else if (!strchr("\"\\/bfnrt", *j->p)) {
                return false;
            }
        }
        if (out && n + 1 < size)
            out[n++] = *j->p;
    }
    j->p++;
    if (out)
        out[n] = '\0';
    return true;
}

static bool number(struct parser *j, double *v)
{
    char *end;
    if (*j->p != '-' && !isdigit((unsigned char)*j->p))
        return false;
    *v = strtod(j->p, &end);
    j->p = end;
    return true;
}

static void field(struct obj *o, const char *key, const char *s, double v)
{
    if (!o || !key)
        return;
    if (s && !strcmp(key, "ph")) snprintf(o->ph, sizeof(o->ph), "%s", s);
    if (s && !strcmp(key, "name")) snprintf(o->name, sizeof(o->name), "%s", s);
    if (s && !strcmp(key, "cat")) snprintf(o->cat, sizeof(o->cat), "%s", s);
    if (s && !strcmp(key, "bp")) snprintf(o->bp, sizeof(o->bp), "%s", s);
    if (!s && !strcmp(key, "ts")) o->ts = v, o->has_ts = true;
    if (!s && !strcmp(key, "dur")) o->dur = v, o->has_dur = true;
    if (!s && !strcmp(key, "tid")) o->tid = (long)v;
    if (!s && !strcmp(key, "id")) o->id = (long)v, o->has_id = true;
}

/* An object; those inside the top object's array (traceEvents) are kept. */
static bool object(struct parser *j, int depth)
{
    struct obj o = { .tid = -1 };
    struct obj *mine = depth == 3 ? &o : NULL;
    j->p++;
    ws(j);
    if (*j->p == '}')
        return j->p++, true;
    for (;;) {
        char key[64];
        ws(j);
        if (!string(j, key, sizeof(key)))
            return false;
        ws(j);
        if (*j->p++ != ':' || !value(j, depth, mine, key))
            return false;
        ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p++ != '}')
            return false;
        break;
    }
    if (mine) {
        if (j->n == j->cap) {
            j->cap = j->cap ? 2 * j->cap : 256;
            j->objs = realloc(j->objs, j->cap * sizeof(*j->objs));
        }
        j->objs[j->n++] = o;
    }
    return true;
}

static bool array(struct parser *j, int depth)
{
    j->p++;
    ws(j);
    if (*j->p == ']')
        return j->p++, true;
    for (;;) {
        if (!value(j, depth + 1, NULL, NULL))
            return false;
        ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        return *j->p++ == ']';
    }
}

static bool value(struct parser *j, int depth, struct obj *o, const char *key)
{
    ws(j);
    char s[80];
    double v;
    switch (*j->p) {
    case '{': return object(j, depth + 1);
    case '[': return array(j, depth);
    case '"':
        if (!string(j, s, sizeof(s)))
            return false;
        field(o, key, s, 0);
        return true;
    case 't': return !strncmp(j->p, "true", 4) && (j->p += 4);
    case 'f': return !strncmp(j->p, "false", 5) && (j->p += 5);
    case 'n': return !strncmp(j->p, "null", 4) && (j->p += 4);
    default:
        if (!number(j, &v))
            return false;
        field(o, key, NULL, v);
        return true;
    }
}

/* Export the trace and parse the result. */
static struct parser *export(const char *trace, struct tv_session **sp)
{
    static struct parser j;
    char *text;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    struct tv_session *s = load_trace(trace, 0);
    cr_assert_eq(tv_json_export(s, f), 0);
    fclose(f);
    memset(&j, 0, sizeof(j));
    j.p = text;
    cr_assert(value(&j, 0, NULL, NULL), "invalid JSON near: %.60s", j.p);
    ws(&j);
    cr_assert_eq(*j.p, '\0', "text after the JSON: %.60s", j.p);
    cr_assert(strncmp(text, "{\"traceEvents\":[", 16) == 0);
    free(text);
    *sp = s;
    return &j;
}

static size_t count_ph(const struct parser *j, const char *ph, const char *cat)
{
    size_t n = 0;
    for (size_t i = 0; i < j->n; i++)
        n += !strcmp(j->objs[i].ph, ph) && (!cat || !strcmp(j->objs[i].cat, cat));
    return n;
}

Test(json, the_demo_is_valid_trace_event_json)
{
    struct tv_session *s;
    struct parser *j = export(DEMO_TRACE, &s);
    cr_expect_eq(count_ph(j, "M", NULL), 1 + 2 * 8, "the process, and 8 tasks");
    cr_expect_gt(count_ph(j, "X", "state"), 20);
    cr_expect_gt(count_ph(j, "C", NULL), 30, "queue depths");
    size_t starts = count_ph(j, "s", "rendezvous");
    cr_expect_eq(starts, count_ph(j, "f", "rendezvous"));
    cr_expect_gt(starts, 40);
    for (size_t i = 0; i < j->n; i++) {
        const struct obj *o = &j->objs[i];
        cr_assert(o->has_ts && o->ts >= 0 && o->tid >= 0, "event %zu", i);
        if (!strcmp(o->ph, "X"))
            cr_assert(o->has_dur && o->dur > 0, "a slice of length %f", o->dur);
        if (!strcmp(o->ph, "f")) {
            cr_assert_str_eq(o->bp, "e", "bound to the enclosing slice");
            bool matched = false;
            for (size_t k = 0; k < j->n && !matched; k++)
                matched = !strcmp(j->objs[k].ph, "s") && j->objs[k].id == o->id &&
                          j->objs[k].ts <= o->ts && !strcmp(j->objs[k].name, o->name);
            cr_assert(matched, "flow %ld has no start", o->id);
        }
        if (!strcmp(o->ph, "X") || !strcmp(o->ph, "s")) {
            bool named = false;                 /* every track has a name */
            for (size_t k = 0; k < j->n && !named; k++)
                named = !strcmp(j->objs[k].ph, "M") && !strcmp(j->objs[k].name, "thread_name") &&
                        j->objs[k].tid == o->tid;
            cr_assert(named, "tid %ld has no thread_name", o->tid);
        }
    }
    tv_session_free(s);
    free(j->objs);
}

Test(json, deadlocks_are_alert_instants)
{
    struct tv_session *s;
    struct parser *j = export(DEADLOCK_TRACE, &s);
    cr_expect_eq(count_ph(j, "i", "alert"), 5);
    bool blocked = false;
    for (size_t i = 0; i < j->n; i++)
        blocked |= !strcmp(j->objs[i].ph, "X") && !strcmp(j->objs[i].name, "blocked: send to a");
    cr_expect(blocked, "b's slice blocked sending to a");
    tv_session_free(s);
    free(j->objs);
}

/* Perfetto reads ts and dur in microseconds and keeps whole nanoseconds,
 * truncating each: (int64_t)(ts * 1000). Complete events of one thread
 * that then overlap, even by 1 ns, are dropped by its importer. So after
 * that truncation no slice of a thread may end after the next begins
 * (issue 12, item 17), and a task's slices follow one another exactly. */
static int by_tid_then_start(const void *a, const void *b)
{
    const long long *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : x[1] > y[1];
}

Test(json, state_slices_never_overlap_after_truncation_to_ns)
{
    struct tv_session *s;
    struct parser *j = export(DEMO_TRACE, &s);
    long long (*sl)[3] = calloc(j->n, sizeof(*sl));
    size_t n = 0, abut = 0;
    for (size_t i = 0; i < j->n; i++) {
        const struct obj *o = &j->objs[i];
        if (strcmp(o->ph, "X") || strcmp(o->cat, "state"))
            continue;
        long long start = (long long)(o->ts * 1000);
        sl[n][0] = o->tid;
        sl[n][1] = start;
        sl[n][2] = start + (long long)(o->dur * 1000);
        n++;
    }
    qsort(sl, n, sizeof(*sl), by_tid_then_start);
    for (size_t i = 1; i < n; i++) {
        if (sl[i][0] != sl[i - 1][0])
            continue;
        cr_expect_leq(sl[i - 1][2], sl[i][1], "tid %lld: a slice ends at %lld ns, the next "
                      "begins at %lld ns", sl[i][0], sl[i - 1][2], sl[i][1]);
        abut += sl[i - 1][2] == sl[i][1];
    }
    cr_expect_gt(n, 100);
    cr_expect_gt(abut, n / 2, "one slice ends where the next begins");
    free(sl);
    tv_session_free(s);
    free(j->objs);
}
