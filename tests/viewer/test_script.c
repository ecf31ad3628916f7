/* test_script.c - the Lua API: callbacks by event type and for every
 * event, the fields of an event, the state after it, counters, checks and
 * verdicts, on_end, the panel at a cursor, scripts kept apart, and errors
 * that always say file:line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "viewer_test.h"
#include "script.h"

static struct tv_session *s;
static struct tv_script *T;

static void start(void)
{
    s = tv_session_new();
    T = tv_script_new(s, NULL);
    cr_assert_not_null(T);
}

static void done(void)
{
    tv_script_free(T);
    tv_session_free(s);
}

/* Load the script, run the trace through it; returns the verdict. */
static int run(const char *trace, const char *name, const char *text)
{
    if (tv_script_load(T, scratch_file(name, text)) != 0)
        return tv_script_verdict(T);
    feed_trace(s, trace, 0);
    tv_script_finish(T);
    return tv_script_verdict(T);
}

static size_t count_type(unsigned type)
{
    size_t n = 0;
    for (size_t i = 0; i < tv_session_count(s); i++)
        n += s->model.events[i].type == type;
    return n;
}

TestSuite(script, .init = start, .fini = done);

Test(script, callbacks_by_type_and_for_every_event)
{
    int v = run(DEMO_TRACE, "count.lua",
                "baton.on('call', function(ev) baton.count('calls') end)\n"
                "baton.on('async-full', function(ev) baton.count('full') end)\n"
                "baton.on('*', function(ev) baton.count('star') end)\n"
                "function on_event(ev) baton.count('all') end\n");
    cr_assert_eq(v, 0, "%s", tv_script_error(T) ? tv_script_error(T) : "");
    size_t n = tv_session_count(s);
    cr_expect_eq(tv_script_counter_value(T, "calls"), count_type(TRACE_EV_MSG_CALL));
    cr_expect_eq(tv_script_counter_value(T, "full"), 2);
    cr_expect_eq(tv_script_counter_value(T, "all"), n);
    cr_expect_eq(tv_script_counter_value(T, "star"), n);
    cr_expect_eq(tv_script_counter_value(T, "never"), 0);
}

Test(script, an_event_has_names_and_operands)
{
    int v = run(DEADLOCK_TRACE, "fields.lua",
                "local seen = false\n"
                "baton.on('deadlock', function(ev)\n"
                "  if seen then return end\n"
                "  seen = true\n"
                "  baton.check(ev.index == 6, 'index ' .. ev.index)\n"
                "  baton.check(ev.type == 'deadlock', 'type')\n"
                "  baton.check(ev.subj == 'a' and ev.subj_id == 1, 'subject')\n"
                "  baton.check(ev.peer == 'b', 'peer')\n"
                "  baton.check(#ev.cycle == 2 and ev.cycle[1] == 'a' and ev.cycle[2] == 'b', 'cycle')\n"
                "  baton.check(ev.text == 'refused: a -> b -> a', ev.text)\n"
                "  baton.check(math.type(ev.ts) == 'integer', 'ts')\n"
                "end)\n"
                "baton.on('syscall-error', function(ev)\n"
                "  baton.check(ev.error == 'ERR_DEADLOCK', tostring(ev.error))\n"
                "  baton.check(ev.syscall == 'SYS_IPC', tostring(ev.syscall))\n"
                "end)\n"
                "function on_end() baton.check(seen, 'no deadlock seen') end\n");
    cr_expect_eq(v, 0, "failures: %s", tv_script_error(T) ? tv_script_error(T) : "see the counters");
}

Test(script, the_state_after_the_event)
{
    int v = run(DEMO_TRACE, "state.lua",
                "baton.on('call', function(ev)\n"
                "  local t = baton.task(ev.subj)\n"
                "  baton.check(t.state == 'blocked' and t.wait == 'reply' and t.peer == ev.peer,\n"
                "              ev.subj .. ' is ' .. t.state .. ' ' .. tostring(t.wait))\n"
                "  baton.count('checked')\n"
                "end)\n"
                "baton.on('async-full', function(ev)\n"
                "  local q = baton.queue(ev.subj, ev.peer)\n"
                "  baton.check(q.depth == 16 and q.high == 16, 'depth ' .. q.depth)\n"
                "  baton.count('full ' .. q.full)\n"
                "end)\n"
                "baton.on('chan-xfer', function(ev)\n"
                "  local c = baton.channel(ev.port)\n"
                "  baton.check(c.transfers >= 1 and c.size == ev.size, 'channel')\n"
                "end)\n"
                "function on_end()\n"
                "  baton.check(baton.task('echo').state == 'blocked', 'echo waits')\n"
                "  baton.check(baton.task('nobody') == nil, 'no such task')\n"
                "  baton.check(#baton.tasks() == 8, 'tasks ' .. #baton.tasks())\n"
                "  baton.check(baton.name(1) == 'echo', 'name')\n"
                "  baton.check(baton.index() > 300 and baton.now() > 0, 'now')\n"
                "  baton.check(baton.seconds(1000) ~= nil, 'a clock')\n"
                "  baton.check(baton.event(62).type == 'async-full', 'event 62')\n"
                "end\n");
    cr_expect_eq(v, 0, "%s", tv_script_error(T) ? tv_script_error(T) : "a check failed");
    cr_expect_gt(tv_script_counter_value(T, "checked"), 10);
    cr_expect_eq(tv_script_counter_value(T, "full 1"), 1, "the first full event");
    cr_expect_eq(tv_script_counter_value(T, "full 2"), 1);
}

Test(script, failures_make_the_verdict)
{
    int v = run(DEMO_TRACE, "fail.lua",
                "baton.on('async-full', function(ev) baton.fail('queue full at #' .. ev.index) end)\n");
    cr_expect_eq(v, 1);
    FILE *f = tmpfile();
    tv_script_report(T, f);
    rewind(f);
    char buf[2000] = "";
    cr_assert(fread(buf, 1, sizeof(buf) - 1, f) > 0);
    fclose(f);
    cr_expect(strstr(buf, "FAIL "), "%s", buf);
    cr_expect(strstr(buf, "fail.lua: queue full at #62"), "%s", buf);
    cr_expect(strstr(buf, "verdict: fail (2 failures)"), "%s", buf);
}

Test(script, on_end_returning_false_fails)
{
    cr_expect_eq(run(DEMO_TRACE, "end.lua", "function on_end() return false end\n"), 1);
}

Test(script, a_runtime_error_says_where)
{
    int v = run(DEMO_TRACE, "oops.lua",
                "-- line 1\n"
                "baton.on('call', function(ev)\n"
                "  local x = ev.nothing.field\n"
                "end)\n");
    cr_expect_eq(v, 2);
    const char *e = tv_script_error(T);
    cr_assert_not_null(e);
    cr_expect(strstr(e, "oops.lua:3: attempt to index a nil value"), "%s", e);
}

Test(script, a_bad_argument_says_where)
{
    int v = run(DEMO_TRACE, "arg.lua", "\n\nbaton.task({})\n");
    cr_expect_eq(v, 2);
    cr_expect(strstr(tv_script_error(T), "arg.lua:3: bad argument #1 to 'task'"), "%s",
              tv_script_error(T));
}

Test(script, a_syntax_error_says_where)
{
    cr_expect_eq(run(DEMO_TRACE, "syntax.lua", "x = 1\ny = = 2\n"), 2);
    cr_expect(strstr(tv_script_error(T), "syntax.lua:2:"), "%s", tv_script_error(T));
}

Test(script, an_unknown_event_type_is_an_error)
{
    cr_expect_eq(run(DEMO_TRACE, "type.lua", "baton.on('cal', print)\n"), 2);
    cr_expect(strstr(tv_script_error(T), "type.lua:1: baton.on: no event type 'cal'"), "%s",
              tv_script_error(T));
}

Test(script, scripts_keep_their_globals_apart)
{
    cr_assert_eq(tv_script_load(T, scratch_file("one.lua",
        "n = 0\nfunction on_event() n = n + 1 end\n"
        "function on_end() baton.count('one', n) end\n")), 0);
    cr_assert_eq(tv_script_load(T, scratch_file("two.lua",
        "n = 100\nfunction on_end() baton.count('two', n) end\n")), 0);
    feed_trace(s, DEADLOCK_TRACE, 0);
    tv_script_finish(T);
    cr_expect_eq(tv_script_verdict(T), 0);
    cr_expect_eq(tv_script_counter_value(T, "one"), tv_session_count(s));
    cr_expect_eq(tv_script_counter_value(T, "two"), 100);
}

struct lines {
    char text[16][200];
    int n;
};

static void keep(void *ctx, enum tv_script_line kind, const char *text)
{
    struct lines *l = ctx;
    (void)kind;
    if (l->n < 16)
        snprintf(l->text[l->n++], 200, "%s", text);
}

Test(script, the_panel_shows_the_state_at_the_cursor)
{
    cr_assert_eq(tv_script_load(T, scratch_file("panel.lua",
        "function panel()\n"
        "  return { 'consumer is ' .. baton.task('consumer').state, 'at #' .. baton.index() }\n"
        "end\n"
        "print('hello', 42)\n")), 0);
    feed_trace(s, DEMO_TRACE, 0);
    static struct tr_state st;
    tv_session_state(s, 30, &st);               /* consumer blocked in its call */
    struct lines l = { .n = 0 };
    tv_script_panel(T, &st, 30, keep, &l);
    cr_assert_geq(l.n, 3);
    cr_expect_str_eq(l.text[1], "consumer is blocked");
    cr_expect_str_eq(l.text[2], "at #30");
    cr_expect_str_eq(l.text[l.n - 1], "hello 42", "print goes to the log");
    l.n = 0;
    tv_script_panel(T, &s->model.now, tv_session_count(s), keep, &l);
    cr_expect_str_eq(l.text[1], "consumer is dead");
}

Test(script, the_example_graders)
{
    cr_assert_eq(tv_script_load(T, "tracer/scripts/calls_replied.lua"), 0);
    cr_assert_eq(tv_script_load(T, "tracer/scripts/no_deadlock.lua"), 0);
    feed_trace(s, DEADLOCK_TRACE, 0);
    tv_script_finish(T);
    cr_expect_eq(tv_script_verdict(T), 1, "the deadlock trace has refusals");
    cr_expect_eq(tv_script_counter_value(T, "deadlocks refused"), 5);
    cr_expect_eq(tv_script_counter_value(T, "calls"), 2);
    cr_expect_eq(tv_script_counter_value(T, "calls answered"), 2);
}

Test(script, the_example_graders_pass_the_demo)
{
    cr_assert_eq(tv_script_load(T, "tracer/scripts/calls_replied.lua"), 0);
    cr_assert_eq(tv_script_load(T, "tracer/scripts/no_deadlock.lua"), 0);
    cr_assert_eq(tv_script_load(T, "tracer/scripts/roundtrip.lua"), 0);
    feed_trace(s, DEMO_TRACE, 0);
    tv_script_finish(T);
    cr_expect_eq(tv_script_verdict(T), 0);
    cr_expect_eq(tv_script_counter_value(T, "round trips"), 21);
}

Test(script, what_the_property_checks_need)
{
    int v = run(DEADLOCK_TRACE, "props.lua",
                "baton.on('deadlock', function(ev)\n"
                "  baton.check(#ev.cycle_ids == 2 and ev.cycle_ids[1] == 1 and ev.cycle_ids[2] == 2,\n"
                "              'cycle_ids')\n"
                "end)\n"
                "function on_end()\n"
                "  local st = baton.stats()\n"
                "  baton.check(st.events == baton.index() and st.lost == 0 and st.missing == 0\n"
                "              and st.corrupt == 0, 'counts')\n"
                "  baton.check(st.mask == 0x1ff and st.built == 0x1ff and st.arch == 'rv32', 'metadata')\n"
                "end\n");
    cr_expect_eq(v, 0, "%s", tv_script_error(T) ? tv_script_error(T) : "a check failed");
    done();
    start();
    v = run(FANIN_TRACE, "pending.lua",
            "baton.on('notify', function(ev)\n"
            "  local t = baton.task(ev.peer)\n"
            "  local bits = t.pending_from[ev.subj]\n"
            "  if t.state ~= 'blocked' then\n"
            "    baton.check(bits and bits & ev.bits == ev.bits, 'pending_from')\n"
            "    baton.count('checked')\n"
            "  end\n"
            "end)\n"
            "function on_end() baton.check(baton.stats().lost > 0, 'fanin loses events') end\n");
    cr_expect_eq(v, 0, "%s", tv_script_error(T) ? tv_script_error(T) : "a check failed");
    cr_expect_gt(tv_script_counter_value(T, "checked"), 10);
}
