/* session.c - the ingest path (session.h): decoder callbacks store each
 * event in the model, then index it for the timeline, the queue histories
 * and the alerts, then tell the hook (Lua). Console text becomes lines. */
#include "session.h"
#include "grow.h"
#include "text.h"
#include <stdio.h>
#include <string.h>

static bool add_alert(struct tv_session *s, size_t index)
{
    if (!tv_grow((void **)&s->alerts, &s->alerts_cap, s->nalerts + 1, sizeof(*s->alerts)))
        return false;
    s->alerts[s->nalerts++] = index;
    return true;
}

void tv_session_add(struct tv_session *s, const struct tr_event *e, const struct tr_extra *x)
{
    size_t index = s->model.count;
    if (s->out_of_memory || !tr_model_add(&s->model, e, x)) {
        s->out_of_memory = true;        /* keep what we have, drop the rest */
        return;
    }
    const struct tr_event *stored = &s->model.events[index];
    bool ok = tv_lanes_add(&s->lanes, stored, &s->model.now) &&
              tv_queues_add(&s->queues, index, stored);
    if (ok && (e->type == TRACE_EV_DEADLOCK || e->type == TRACE_EV_TASK_FAULT))
        ok = add_alert(s, index);
    if (!ok) {
        /* The model has the event, an index may not: stop here. (The
         * lanes clamp every question to the events they hold.) */
        s->out_of_memory = true;
        return;
    }
    if (s->hook)
        s->hook(s->hook_ctx, s, index, stored, x);
}

static void on_event(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    tv_session_add(ctx, e, x);
}

static void on_text(void *ctx, const uint8_t *p, size_t n)
{
    struct tv_session *s = ctx;
    if (!tv_console_add(&s->console, p, n, s->model.count, TV_LINE_GUEST))
        s->out_of_memory = true;
}

static const struct tr_decode_ops session_ops = { on_event, on_text, NULL };

struct tv_session *tv_session_new(void)
{
    struct tv_session *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    tr_decoder_init(&s->dec, &session_ops, s);
    tr_model_init(&s->model, 0);
    tv_lanes_init(&s->lanes);
    tv_queues_init(&s->queues);
    tv_console_init(&s->console);
    return s;
}

void tv_session_free(struct tv_session *s)
{
    if (!s)
        return;
    tr_model_free(&s->model);
    tv_lanes_free(&s->lanes);
    tv_queues_free(&s->queues);
    tv_console_free(&s->console);
    free(s->alerts);
    free(s);
}

void tv_session_feed(struct tv_session *s, const uint8_t *p, size_t n)
{
    s->bytes += n;
    tr_decoder_feed(&s->dec, p, n);
    if (s->hz <= 0)         /* the first estimate of the clock is kept */
        s->hz = tr_meta_hz(&s->dec.meta);
}

void tv_session_end(struct tv_session *s)
{
    tr_decoder_end(&s->dec);
}

void tv_session_note(struct tv_session *s, const char *text)
{
    tv_console_add(&s->console, (const uint8_t *)text, strlen(text), s->model.count,
                   TV_LINE_HOST);
    tv_console_add(&s->console, (const uint8_t *)"\n", 1, s->model.count, TV_LINE_HOST);
}

void tv_session_state(const struct tv_session *s, size_t n, struct tr_state *out)
{
    if (n >= s->model.count)
        *out = s->model.now;
    else
        tr_model_state_after(&s->model, n, out);
}

struct tr_extra tv_session_extra(const struct tv_session *s, size_t i)
{
    const struct tr_event *e = &s->model.events[i];
    struct tr_extra x = { NULL, 0 };
    if (e->type == TRACE_EV_DEADLOCK)
        x = (struct tr_extra){ s->model.pool + e->b, e->aux };
    else if (e->type == TR_EV_SNAPSHOT)
        x = (struct tr_extra){ s->model.pool + e->b, e->a };
    return x;
}

size_t tv_session_count_at(const struct tv_session *s, uint64_t ts)
{
    size_t lo = 0, hi = s->model.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->model.events[mid].ts <= ts)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void tv_session_event_text(const struct tv_session *s, size_t i, char *buf, size_t size)
{
    struct tr_extra x = tv_session_extra(s, i);
    tr_event_text(&s->dec, &s->model.events[i], &x, buf, size);
}

/* ---- time ---- */

/* The clock as first estimated, never again: the later metadata sets give
 * slightly different estimates (a tick is coarse), and a time shown once
 * must read the same later. (Before any estimate, times are in cycles.) */
double tv_session_hz(const struct tv_session *s)
{
    return s->hz;
}

void tv_duration_text(const struct tv_session *s, uint64_t cycles, char *buf, size_t size)
{
    double hz = tv_session_hz(s);
    if (hz <= 0) {
        snprintf(buf, size, "%lluc", (unsigned long long)cycles);
        return;
    }
    double t = (double)cycles / hz;
    if (t >= 1)
        snprintf(buf, size, "%.6fs", t);
    else if (t >= 1e-3)
        snprintf(buf, size, "%.3fms", t * 1e3);
    else
        snprintf(buf, size, "%.1fus", t * 1e6);
}

void tv_time_text(const struct tv_session *s, uint64_t ts, char *buf, size_t size)
{
    uint64_t first = s->model.count ? s->model.events[0].ts : 0;
    buf[0] = '+';
    tv_duration_text(s, ts > first ? ts - first : 0, buf + 1, size - 1);
}

size_t tv_session_bytes(const struct tv_session *s)
{
    const struct tr_model *m = &s->model;
    return m->count * sizeof(*m->events) + m->pool_len + m->nsnaps * sizeof(*m->snaps) +
           tv_lanes_bytes(&s->lanes) + tv_queues_bytes(&s->queues) +
           s->nalerts * sizeof(*s->alerts);
}

const char *tv_state_word(unsigned state)
{
    static const char *const names[] = { "-", "running", "ready", "blocked", "dead" };
    return state < 5 ? names[state] : "?";
}
