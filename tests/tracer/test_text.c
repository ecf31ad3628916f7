/* test_text.c - events as text (tracer/text.c): what the dump and the
 * event list print must keep every number the event carries. */
#include <criterion/criterion.h>
#include <string.h>
#include "tracer_test.h"
#include "text.h"
#include <baton/error.h>
#include <baton/syscall.h>

static const char *details(const struct tr_event *e)
{
    static struct tr_decoder d;
    static char buf[256];
    static const struct tr_decode_ops ops;
    struct tr_extra x = { NULL, 0 };
    tr_decoder_init(&d, &ops, NULL);
    tr_event_details(&d, e, &x, buf, sizeof(buf));
    return buf;
}

Test(text, a_known_error_by_name)
{
    struct tr_event e = { .type = TRACE_EV_SYSCALL_ERR, .aux = SYS_IPC,
                          .a = (uint32_t)ERR_DEADLOCK, .subj = 1, .peer = TR_NO_TASK };
    cr_expect_str_eq(details(&e), "SYS_IPC: ERR_DEADLOCK");
}

Test(text, an_unknown_error_keeps_its_number)
{
    struct tr_event e = { .type = TRACE_EV_SYSCALL_ERR, .aux = 99, .a = (uint32_t)-77,
                          .subj = 1, .peer = TR_NO_TASK };
    cr_expect_str_eq(details(&e), "syscall 99: error -77 (unknown)");
}

Test(text, an_async_pull_shows_a_nonzero_value)
{
    struct tr_event e = { .type = TRACE_EV_ASYNC_PULL, .subj = 1, .peer = 2, .a = 0 };
    cr_expect_str_eq(details(&e), "from #2");
    e.a = 5;
    cr_expect_str_eq(details(&e), "from #2 value 5");
}
