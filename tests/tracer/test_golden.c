/* test_golden.c - one scenario (tests/qemu/trace_golden.manifest), traced
 * on rv32, on i386 and in the simulator (baton-sim --trace), decodes to
 * the same logical events: same kinds, same tasks, same operands, in the
 * same order. Only timestamps, the arch's name and the metadata differ.
 * The traces are recorded by tests/tracer/golden/record.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tracer_test.h"

#define GOLDEN "tests/tracer/golden/"

/* The logical part of an event: everything but the time. */
struct logical {
    uint8_t type, subj, peer, aux;
    uint32_t a;
};

struct golden {
    struct logical ev[1024];
    size_t n;
};

static void load(const char *arch, struct golden *g)
{
    char path[128];
    snprintf(path, sizeof(path), GOLDEN "%s.trace", arch);
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s (record it with %srecord.sh)", path, GOLDEN);
    static uint8_t buf[1 << 20];
    size_t len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    const struct captured *c = decode(buf, len, 0);
    cr_assert_eq(c->counts.lost + c->counts.missing + c->counts.corrupt, 0,
                 "%s: a golden trace must be whole", arch);
    g->n = 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct tr_event *e = &c->ev[i];
        if (e->type == TR_EV_SNAPSHOT)       /* metadata: differs by arch */
            continue;
        cr_assert_lt(g->n, sizeof(g->ev) / sizeof(g->ev[0]));
        g->ev[g->n++] = (struct logical){ e->type, e->subj, e->peer, e->aux, e->a };
    }
}

static size_t count(const struct golden *g, unsigned type)
{
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++)
        n += g->ev[i].type == type;
    return n;
}

static void same(const char *a, const char *b)
{
    static struct golden x, y;
    load(a, &x);
    load(b, &y);
    cr_assert_eq(x.n, y.n, "%s has %zu events, %s %zu", a, x.n, b, y.n);
    for (size_t i = 0; i < x.n; i++)
        cr_assert(memcmp(&x.ev[i], &y.ev[i], sizeof(x.ev[i])) == 0,
                  "event %zu differs: %s type %#x %u->%u, %s type %#x %u->%u", i,
                  a, x.ev[i].type, x.ev[i].subj, x.ev[i].peer,
                  b, y.ev[i].type, y.ev[i].subj, y.ev[i].peer);
}

Test(golden, covers_every_primitive)
{
    static struct golden g;
    load("rv32", &g);
    cr_assert_eq(count(&g, TRACE_EV_MSG_CALL), 3 + 2);   /* + 2 async pulls */
    cr_assert_eq(count(&g, TRACE_EV_MSG_REPLY), 3 + 2);   /* + 2 async pulls */
    /* + 2 NOTIFY_ASYNC from async_send, 1 more from async_reply while a
     * message was left */
    cr_assert_eq(count(&g, TRACE_EV_NOTIFY_SEND), 1 + 3);
    cr_assert_eq(count(&g, TRACE_EV_CHAN_XFER), 2);
    cr_assert_eq(count(&g, TRACE_EV_ASYNC_ENQUEUE), 2);
    cr_assert_eq(count(&g, TRACE_EV_ASYNC_PULL), 2);
    cr_assert_eq(count(&g, TRACE_EV_TASK_EXIT), 2);
}

Test(golden, rv32_and_i386_decode_to_the_same_events)
{
    same("rv32", "i386");
}

Test(golden, the_simulator_decodes_to_the_same_events)
{
    same("rv32", "sim");
}
