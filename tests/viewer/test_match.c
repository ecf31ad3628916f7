/* test_match.c - search and filter queries: event names, task names,
 * details, negation, event numbers; searching forward and back. */
#include <criterion/criterion.h>
#include "viewer_test.h"
#include "match.h"

static size_t count(const struct tv_session *s, const char *text)
{
    struct tv_query q;
    tv_query_parse(&q, text);
    size_t n = 0;
    for (size_t i = 0; i < tv_session_count(s); i++)
        n += tv_match(s, &q, i);
    return n;
}

static size_t count_type(const struct tv_session *s, unsigned type)
{
    size_t n = 0;
    for (size_t i = 0; i < tv_session_count(s); i++)
        n += s->model.events[i].type == type;
    return n;
}

Test(match, words)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    size_t all = tv_session_count(s);
    cr_expect_eq(count(s, ""), all, "an empty query matches everything");
    cr_expect_eq(count(s, "async-full"), count_type(s, TRACE_EV_ASYNC_FULL));
    cr_expect_eq(count(s, "call"), count_type(s, TRACE_EV_MSG_CALL) +
                 count_type(s, TRACE_EV_CALL_BLOCK), "a part of the name");
    cr_expect_eq(count(s, "CALL"), count(s, "call"), "case does not matter");
    cr_expect_eq(count(s, "!wake"), all - count_type(s, TRACE_EV_WAKE));
    cr_expect_eq(count(s, "#62"), 1);
    cr_expect_eq(count(s, "async-enqueue 16"), 3, "to depth 16, three times");
    cr_expect_gt(count(s, "consumer"), 40, "a task's name: subject or peer");
    cr_expect_eq(count(s, "consumer producer call"), 18 + 18, "calls and call-blocks");
    cr_expect_eq(count(s, "nothing-like-this"), 0);
    tv_session_free(s);
}

Test(match, find_forward_and_back)
{
    struct tv_session *s = load_trace(DEMO_TRACE, 0);
    struct tv_query q;
    tv_query_parse(&q, "async-full");
    size_t first = tv_find(s, &q, 0, 1, (size_t)-1, NULL);
    cr_assert_eq(first, 61, "event #62");
    size_t next = tv_find(s, &q, first + 1, 1, (size_t)-1, NULL);
    cr_expect_gt(next, first);
    cr_expect_eq(tv_find(s, &q, next - 1, -1, (size_t)-1, NULL), first);
    cr_expect_eq(tv_find(s, &q, first - 1, -1, (size_t)-1, NULL), (size_t)-1);
    size_t looked;
    cr_expect_eq(tv_find(s, &q, 0, 1, 10, &looked), (size_t)-1, "a limit");
    cr_expect_eq(looked, 10);
    tv_session_free(s);
}
