/* test_session.c - the view model: the lane index agrees with the model
 * after every event (recorded traces, and random events), the column walk
 * sees every state a task was in, queue histories, alerts, console lines,
 * and the times. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "viewer_test.h"

static const uint8_t state_bits[] = { 0, TV_SEEN_RUNNING, TV_SEEN_READY, TV_SEEN_BLOCKED,
                                      TV_SEEN_DEAD };

/* The task states after every n events, 0 <= n <= count, by one replay. */
static uint8_t (*states_after(const struct tv_session *s))[TR_TASKS]
{
    static struct tr_state st;
    size_t n = tv_session_count(s);
    uint8_t (*out)[TR_TASKS] = malloc((n + 1) * TR_TASKS);
    cr_assert_not_null(out);
    tr_state_init(&st);
    for (size_t i = 0; i <= n; i++) {
        for (int id = 0; id < TR_TASKS; id++)
            out[i][id] = st.task[id].state;
        if (i < n)
            tr_state_apply(&st, &s->model.events[i], tv_session_extra(s, i).p);
    }
    return out;
}

/* After every n events, the lanes say what the model says. */
static void lanes_agree(const struct tv_session *s)
{
    uint8_t (*want)[TR_TASKS] = states_after(s);
    struct tv_lane_pos pos;
    for (size_t n = 0; n <= tv_session_count(s); n++) {
        tv_lanes_seek(&s->lanes, s->model.events, n, &pos);
        for (int id = 0; id < TR_TASKS; id++)
            cr_assert_eq(pos.state[id], want[n][id], "after %zu events, task %d: lanes %u, "
                         "model %u", n, id, pos.state[id], want[n][id]);
    }
    free(want);
}

Test(lanes, agree_with_the_model_on_recorded_traces)
{
    const char *traces[] = { DEMO_TRACE, DEADLOCK_TRACE, FANIN_TRACE };
    for (size_t i = 0; i < 3; i++) {
        struct tv_session *s = load_trace(traces[i], 7);    /* odd chunks */
        cr_assert_gt(tv_session_count(s), 30, "%s", traces[i]);
        lanes_agree(s);
        tv_session_free(s);
    }
}

/* Random events among 6 tasks, of every type that moves a task. */
static void random_events(struct tv_session *s, int n, unsigned seed)
{
    static const uint8_t types[] = {
        TRACE_EV_SWITCH, TRACE_EV_WAKE, TRACE_EV_MSG_SEND, TRACE_EV_MSG_CALL,
        TRACE_EV_MSG_REPLY, TRACE_EV_RECV_BLOCK, TRACE_EV_SEND_BLOCK, TRACE_EV_CALL_BLOCK,
        TRACE_EV_BLOCK, TRACE_EV_NOTIFY_SEND, TRACE_EV_NOTIFY_DELIVER, TRACE_EV_CHAN_OPEN,
        TRACE_EV_CHAN_CLOSE, TRACE_EV_CHAN_BLOCK, TRACE_EV_CHAN_XFER, TRACE_EV_TASK_CREATE,
        TRACE_EV_TASK_EXIT, TRACE_EV_ASYNC_ENQUEUE, TRACE_EV_ASYNC_FULL, TRACE_EV_DEADLOCK,
    };
    srand(seed);
    for (int i = 0; i < n; i++) {
        struct tr_event e = {
            .ts = (uint64_t)i * 10, .type = types[rand() % sizeof(types)],
            .subj = (uint8_t)(rand() % 6), .peer = (uint8_t)(rand() % 6),
            .aux = (uint8_t)(rand() % 4 | (rand() % 2 ? TRACE_PORT_RECV : 0)),
            .a = (uint32_t)(rand() % 20),
        };
        uint8_t cycle[1] = { e.peer };
        struct tr_extra x = { cycle, e.type == TRACE_EV_DEADLOCK };
        if (e.type == TRACE_EV_DEADLOCK)
            e.aux = 1;
        tv_session_add(s, &e, &x);
    }
}

Test(lanes, agree_with_the_model_on_random_events)
{
    struct tv_session *s = tv_session_new();
    random_events(s, 3000, 7);
    cr_assert_eq(tv_session_count(s), 3000);
    cr_assert_gt(s->lanes.nother, 0, "some events moved a third task");
    lanes_agree(s);
    tv_session_free(s);
}

/* A walk over [a, b) sees each state every task had at a..b, by blocks
 * or one event at a time. */
Test(lanes, a_walk_sees_every_state_in_its_range)
{
    struct tv_session *s = tv_session_new();
    random_events(s, 5000, 11);
    uint8_t (*after)[TR_TASKS] = states_after(s);
    srand(3);
    for (int k = 0; k < 200; k++) {
        size_t a = (size_t)rand() % 5000, b = a + (size_t)rand() % (5000 - a + 1);
        uint8_t seen[TR_TASKS] = { 0 }, want[TR_TASKS] = { 0 };
        struct tv_lane_pos pos;
        tv_lanes_seek(&s->lanes, s->model.events, a, &pos);
        tv_lanes_walk(&s->lanes, s->model.events, &pos, b, seen);
        cr_assert_eq(pos.at, b);
        for (size_t n = a; n <= b; n++)
            for (int id = 0; id < TR_TASKS; id++)
                want[id] |= after[n][id] < 5 ? state_bits[after[n][id]] : 0;
        for (int id = 0; id < TR_TASKS; id++)
            cr_assert_eq(seen[id] & 0x0f, want[id], "range %zu..%zu, task %d: %x, not %x",
                         a, b, id, seen[id] & 0x0f, want[id]);
    }
    free(after);
    tv_session_free(s);
}

Test(lanes, marks_name_the_kind_of_event)
{
    struct tr_event call = { .type = TRACE_EV_MSG_CALL }, notify = { .type = TRACE_EV_NOTIFY_SEND },
                    full = { .type = TRACE_EV_ASYNC_FULL }, dl = { .type = TRACE_EV_DEADLOCK },
                    wake = { .type = TRACE_EV_WAKE };
    cr_expect_eq(tv_event_marks(&call), TV_SEEN_RDV);
    cr_expect_eq(tv_event_marks(&notify), TV_SEEN_NOTIFY);
    cr_expect_eq(tv_event_marks(&full), TV_SEEN_ASYNC);
    cr_expect_eq(tv_event_marks(&dl), TV_SEEN_ALERT);
    cr_expect_eq(tv_event_marks(&wake), 0);
}

/* ---- queues, alerts, counts ---- */

Test(session, queue_history_of_the_demo)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    int p = task_id(s, "producer"), c = task_id(s, "consumer");
    cr_assert(p > 0 && c > 0);
    const struct tv_queue *q = tv_queue_find(&s->queues, (unsigned)p, (unsigned)c);
    cr_assert_not_null(q);
    unsigned max;
    bool full;
    tv_queue_range(q, 0, tv_session_count(s), &max, &full);
    cr_expect_eq(max, 16);
    cr_expect(full);
    tv_queue_range(q, 0, 40, &max, &full);          /* events #1..#40 */
    cr_expect_eq(max, 5, "the depth by event #40: %u", max);
    cr_expect(!full);
    cr_expect_null(tv_queue_find(&s->queues, (unsigned)c, (unsigned)p));
    cr_expect_eq(s->model.now.queue[p][c].full, 2);
    cr_expect_eq(s->nalerts, 0);
    tv_session_free(s);
}

Test(session, deadlocks_are_alerts)
{
    struct tv_session *s = load_trace(DEADLOCK_TRACE, 0);
    cr_assert_eq(s->nalerts, 5);
    const struct tr_event *e = &s->model.events[s->alerts[0]];
    cr_expect_eq(e->type, TRACE_EV_DEADLOCK);
    cr_expect_eq(s->alerts[0], 5, "the first refusal is event #6");
    struct tr_extra x = tv_session_extra(s, s->alerts[0]);
    cr_assert_eq(x.n, 1);
    cr_expect_eq(x.p[0], task_id(s, "b"));
    char text[300];
    tv_session_event_text(s, s->alerts[0], text, sizeof(text));
    cr_expect(strstr(text, "refused: a -> b -> a"), "%s", text);
    tv_session_free(s);
}

Test(session, lost_events_are_counted)
{
    struct tv_session *s = load_trace(FANIN_TRACE, 0);
    struct tr_counts c = tr_decoder_counts(&s->dec);
    cr_expect_gt(c.lost, 0);
    cr_expect_eq(c.corrupt, 0);
    cr_expect_eq(s->model.now.lost, c.lost);
    cr_expect_str_eq(s->dec.meta.arch, "sim");
    tv_session_free(s);
}

Test(session, count_at_a_time_and_the_clock)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    size_t n = tv_session_count(s);
    const struct tr_event *ev = s->model.events;
    cr_expect_eq(tv_session_count_at(s, 0), 0);
    cr_expect_eq(tv_session_count_at(s, ev[n - 1].ts), n);
    cr_expect_eq(tv_session_count_at(s, ev[9].ts), 10 + (ev[10].ts == ev[9].ts));
    cr_expect_gt(tv_session_hz(s), 1e6, "the metadata's clock");
    char buf[40];
    tv_time_text(s, ev[0].ts, buf, sizeof(buf));
    cr_expect_str_eq(buf, "+0.0us");
    tv_duration_text(s, (uint64_t)(tv_session_hz(s) * 0.0025), buf, sizeof(buf));
    cr_expect_str_eq(buf, "2.500ms");
    cr_expect_lt(tv_session_bytes(s), 40 * n + 200000, "%zu bytes", tv_session_bytes(s));
    tv_session_free(s);
}

/* ---- the console ---- */

Test(console, lines_as_a_terminal_shows_them)
{
    struct tv_console c;
    tv_console_init(&c);
    const char *in = "hel";
    cr_assert(tv_console_add(&c, (const uint8_t *)in, 3, 0, TV_LINE_GUEST));
    in = "lo\r\nwor\x1b[31mld\b\bLD\x1b" "c\r\n\tx";
    cr_assert(tv_console_add(&c, (const uint8_t *)in, strlen(in), 5, TV_LINE_GUEST));
    cr_assert(tv_console_add(&c, (const uint8_t *)"note\n", 5, 9, TV_LINE_HOST));
    cr_assert_eq(c.n, 4);
    cr_expect_eq(c.lines[0].len, 5);
    cr_expect(!strncmp(c.text + c.lines[0].off, "hello", 5));
    cr_expect(!strncmp(c.text + c.lines[1].off, "worLD", c.lines[1].len));
    cr_expect_eq(c.lines[1].len, 5);
    cr_expect(!strncmp(c.text + c.lines[2].off, "        x", c.lines[2].len));
    cr_expect_eq(c.lines[3].kind, TV_LINE_HOST, "a note is a line of its own");
    cr_expect_eq(c.lines[0].index, 0);
    cr_expect_eq(c.lines[1].index, 5);
    cr_expect_eq(tv_console_lines_at(&c, 4), 1);
    cr_expect_eq(tv_console_lines_at(&c, 5), 3);
    cr_expect_eq(tv_console_lines_at(&c, 100), 4);
    tv_console_free(&c);
}

Test(console, utf8_backspace_erases_a_whole_character)
{
    struct tv_console c;
    tv_console_init(&c);
    const char *in = "ab\xc3\xa9\b!";
    cr_assert(tv_console_add(&c, (const uint8_t *)in, strlen(in), 0, TV_LINE_GUEST));
    cr_expect_eq(c.lines[0].len, 3);
    cr_expect(!strncmp(c.text, "ab!", 3));
    tv_console_free(&c);
}

Test(console, the_demo_console_is_clean_text)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 3);
    const struct tv_console *c = &s->console;
    bool found = false;
    for (size_t i = 0; i < c->n; i++) {
        for (uint32_t k = 0; k < c->lines[i].len; k++)
            cr_assert((unsigned char)c->text[c->lines[i].off + k] >= ' ');
        found |= !strncmp(c->text + c->lines[i].off, "echo: type a line", 17);
    }
    cr_expect(found);
    tv_session_free(s);
}

/* A time once shown does not change (issue 12, item 2): fed as it comes
 * live, the demo's event 62 reads the same after every later metadata
 * set, though each brings a new estimate of the clock. */
Test(session, a_time_once_shown_never_changes)
{
    struct tv_session *s = tv_session_new();
    FILE *f = fopen(DEMO_TRACE, "rb");
    cr_assert(f);
    uint8_t buf[256];
    size_t n;
    char first[40] = "", now[40];
    int seen = 0;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        tv_session_feed(s, buf, n);
        if (tv_session_count(s) < 62 || tv_session_hz(s) <= 0)
            continue;
        tv_time_text(s, s->model.events[61].ts, now, sizeof(now));
        if (!first[0])
            snprintf(first, sizeof(first), "%s", now);
        cr_expect_str_eq(now, first, "event 62 read %s, then %s", first, now);
        seen++;
    }
    fclose(f);
    cr_expect_gt(seen, 1);
    cr_expect_neq(tr_meta_hz(&s->dec.meta), tv_session_hz(s),
                  "a later estimate came, and differs from the first");
    tv_session_free(s);
}
