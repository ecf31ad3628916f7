/* json.c - the Chrome / Perfetto trace JSON export (json.h). The state
 * is replayed event by event; a task's slice ends when its state, what
 * it waits for or for whom changes. */
#include "json.h"
#include "text.h"
#include <string.h>

struct exporter {
    const struct tv_session *s;
    FILE *out;
    double hz;                  /* cycles per second; 0: a cycle is a ns */
    uint64_t first;
    bool comma;                 /* an event was written before */
    uint64_t flows;             /* ids of flow arrows */
    struct tr_task was[TR_TASKS];
    uint64_t since[TR_TASKS];   /* when each task's current slice began */
    bool ever[TR_TASKS];        /* had a track */
};

/* Whole nanoseconds since the first event, rounded once: slice bounds and
 * lengths are then exact, so that one slice ends where the next begins. */
static uint64_t ns(const struct exporter *x, uint64_t ts)
{
    long double c = (long double)(ts - x->first);
    return (uint64_t)(x->hz > 0 ? c * 1e9L / x->hz + 0.5L : c);
}

/* n nanoseconds in the format's microseconds, plus half a nanosecond:
 * Perfetto reads them as a double and keeps whole nanoseconds by
 * truncating, and "12.345" can read as 12344.999... ns; "12.3455" always
 * truncates to 12345. */
static void put_us(FILE *out, uint64_t n)
{
    fprintf(out, "%llu.%03llu5", (unsigned long long)(n / 1000), (unsigned long long)(n % 1000));
}

/* A JSON string, escaped. */
static void str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Start an event object: {"ph":..,"pid":1,"tid":..,"ts":.., then the caller's fields. */
static void begin(struct exporter *x, const char *ph, unsigned tid, uint64_t ts)
{
    fprintf(x->out, "%s\n{\"ph\":\"%s\",\"pid\":1,\"tid\":%u,\"ts\":",
            x->comma ? "," : "", ph, tid);
    put_us(x->out, ns(x, ts));
    x->comma = true;
}

static void slice_name(struct exporter *x, const struct tr_task *t, char *buf, size_t size)
{
    static const char *const waits[] = {
        "", "sleep", "console input", "send to", "call to", "receive from",
        "reply from", "channel, peer",
    };
    char p[40];
    if (t->state != TRACE_STATE_BLOCKED) {
        snprintf(buf, size, "%s", tv_state_word(t->state));
        return;
    }
    const char *peer = t->wait == TRACE_WAIT_RECV && t->peer == 0 ? "any"
                     : tr_task_name(&x->s->dec, t->peer, p);
    if (t->wait >= TRACE_WAIT_SEND && t->wait <= TRACE_WAIT_CHANNEL)
        snprintf(buf, size, "blocked: %s %s", waits[t->wait], peer);
    else
        snprintf(buf, size, "blocked: %s", t->wait < 8 ? waits[t->wait] : "?");
}

/* Close task id's slice at ts (if it shows something), open the next. */
static void slice_end(struct exporter *x, unsigned id, uint64_t ts)
{
    const struct tr_task *t = &x->was[id];
    if (t->state >= TRACE_STATE_RUNNING && t->state <= TRACE_STATE_BLOCKED &&
        ts > x->since[id]) {
        char name[100];
        slice_name(x, t, name, sizeof(name));
        begin(x, "X", id, x->since[id]);
        fputs(",\"dur\":", x->out);
        put_us(x->out, ns(x, ts) - ns(x, x->since[id]));
        fputs(",\"cat\":\"state\",\"name\":", x->out);
        str(x->out, name);
        fputc('}', x->out);
    }
    x->since[id] = ts;
}

static void states(struct exporter *x, const struct tr_state *st, uint64_t ts)
{
    for (unsigned id = 0; id < TR_TASKS; id++) {
        const struct tr_task *t = &st->task[id], *w = &x->was[id];
        if (t->state == w->state && t->wait == w->wait && t->peer == w->peer)
            continue;
        slice_end(x, id, ts);
        x->was[id] = *t;
        x->ever[id] |= t->state != TRACE_STATE_UNKNOWN;
    }
}

/* A rendezvous: an arrow from the sender's track to the receiver's. */
static void flow(struct exporter *x, const struct tr_event *e)
{
    if (e->subj >= TR_TASKS || e->peer >= TR_TASKS)
        return;
    const char *name = tr_event_name(e->type);
    x->flows++;
    begin(x, "s", e->subj, e->ts);
    fprintf(x->out, ",\"id\":%llu,\"cat\":\"rendezvous\",\"name\":\"%s\"}",
            (unsigned long long)x->flows, name);
    begin(x, "f", e->peer, e->ts);
    fprintf(x->out, ",\"id\":%llu,\"cat\":\"rendezvous\",\"name\":\"%s\",\"bp\":\"e\"}",
            (unsigned long long)x->flows, name);
}

static void instant(struct exporter *x, size_t i, const struct tr_event *e)
{
    char details[600];
    struct tr_extra ex = tv_session_extra(x->s, i);
    tr_event_details(&x->s->dec, e, &ex, details, sizeof(details));
    unsigned tid = e->subj < TR_TASKS ? e->subj : e->peer < TR_TASKS ? e->peer : 0;
    begin(x, "i", tid, e->ts);
    fprintf(x->out, ",\"s\":\"t\",\"cat\":\"%s\",\"name\":\"%s\",\"args\":{\"details\":",
            e->type == TRACE_EV_DEADLOCK || e->type == TRACE_EV_TASK_FAULT ? "alert" : "event",
            tr_event_name(e->type));
    str(x->out, details);
    fputs("}}", x->out);
}

static void counter(struct exporter *x, const struct tr_event *e)
{
    char a[40], b[40];
    begin(x, "C", e->subj, e->ts);
    fprintf(x->out, ",\"name\":\"queue %s>%s\",\"args\":{\"depth\":%u}}",
            tr_task_name(&x->s->dec, e->subj, a), tr_task_name(&x->s->dec, e->peer, b), e->a);
}

static void event(struct exporter *x, size_t i, const struct tr_event *e)
{
    switch (e->type) {
    case TRACE_EV_MSG_SEND: case TRACE_EV_MSG_CALL: case TRACE_EV_MSG_REPLY:
    case TRACE_EV_CHAN_XFER:
        flow(x, e);
        break;
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_DELIVER: case TRACE_EV_ASYNC_FULL:
        if (e->subj < TR_TASKS && e->peer < TR_TASKS)
            counter(x, e);
        /* fall through */
    case TRACE_EV_NOTIFY_SEND: case TRACE_EV_NOTIFY_DELIVER: case TRACE_EV_ASYNC_PULL:
    case TRACE_EV_DEADLOCK: case TRACE_EV_TASK_FAULT: case TRACE_EV_MARK:
    case TRACE_EV_SYSCALL_ERR: case TRACE_EV_LOST:
        instant(x, i, e);
        break;
    default:
        break;
    }
}

static void names(struct exporter *x)
{
    const struct tr_meta *m = &x->s->dec.meta;
    char buf[40], pname[64];
    snprintf(pname, sizeof(pname), "Baton (%s)", m->have_arch ? m->arch : "?");
    begin(x, "M", 0, x->first);
    fputs(",\"name\":\"process_name\",\"args\":{\"name\":", x->out);
    str(x->out, pname);
    fputs("}}", x->out);
    for (unsigned id = 0; id < TR_TASKS; id++) {
        if (!x->ever[id] && !m->names[id][0])
            continue;
        begin(x, "M", id, x->first);
        fputs(",\"name\":\"thread_name\",\"args\":{\"name\":", x->out);
        str(x->out, tr_task_name(&x->s->dec, id, buf));
        fputs("}}", x->out);
        begin(x, "M", id, x->first);
        fprintf(x->out, ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%u}}", id);
    }
}

int tv_json_export(const struct tv_session *s, FILE *out)
{
    static struct tr_state st;
    struct exporter x = { .s = s, .out = out, .hz = tv_session_hz(s) };
    size_t n = tv_session_count(s);
    x.first = n ? s->model.events[0].ts : 0;
    tr_state_init(&st);
    memcpy(x.was, st.task, sizeof(x.was));
    for (unsigned id = 0; id < TR_TASKS; id++)
        x.since[id] = x.first;
    fputs("{\"traceEvents\":[", out);
    for (size_t i = 0; i < n; i++) {
        const struct tr_event *e = &s->model.events[i];
        struct tr_extra ex = tv_session_extra(s, i);
        tr_state_apply(&st, e, ex.p);
        states(&x, &st, e->ts);
        event(&x, i, e);
    }
    uint64_t end = n ? s->model.events[n - 1].ts : x.first;
    for (unsigned id = 0; id < TR_TASKS; id++)
        slice_end(&x, id, end);
    names(&x);
    fprintf(out, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"baton-trace\","
            "\"arch\":\"%s\",\"events\":%zu,\"clock\":\"%s\"}}\n",
            s->dec.meta.have_arch ? s->dec.meta.arch : "?", n,
            x.hz > 0 ? "from the trace's metadata" : "unknown: 1 cycle shown as 1 ns");
    return ferror(out) ? -1 : 0;
}
