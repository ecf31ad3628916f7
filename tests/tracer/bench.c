/* bench.c - the host figures of `make bench` for the trace:
 *   bench host trace_decode <n> events/s        bytes to events
 *   bench host trace_model <n> events/s         bytes to events to the model
 *   bench host trace_wire_bytes <x> bytes/event the synthetic mix on the wire
 * over a synthetic trace of 10 million events, encoded by the kernel's own
 * trace code (kernel/trace.c, compiled for the host). Best of three runs. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "host_kernel.h"
#include "decode.h"
#include "model.h"

#define EVENTS 10000000

/* One round of a typical mix: a call and its reply between a client and
 * a server, a channel transfer, a notification, async traffic. 16 events. */
static void record_round(int i)
{
    task_t c = 1 + i % 4, s = 5 + i % 2;
    trace_ipc_xfer(c, s, TRACE_MSG_CALL);
    trace_wake(s);
    trace_switch(c, s);
    trace_ipc_xfer(s, c, TRACE_MSG_REPLY);
    trace_wake(c);
    trace_ipc_recv_block(s, 0);
    trace_switch(s, c);
    trace_chan_xfer(c, 7, 1, 16, false);
    trace_wake(7);
    trace_chan_block(c, 2, 1);
    trace_switch(c, 7);
    trace_notify_send(7, c, 4);
    trace_notify_deliver(c, 7, 4);
    trace_wake(c);
    trace_put(TRACE_EV_ASYNC_ENQUEUE, 7, 8, 0, (uint32_t)(i % 16));
    trace_switch(7, c);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t seen;

static void count(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    (void)ctx; (void)x;
    seen += e->ts & 1;          /* touch the event: nothing optimised away */
}

static void to_model(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    if (!tr_model_add(ctx, e, x))
        abort();
}

/* Events per second decoding buf (into the model, if with_model). */
static double run(const uint8_t *buf, size_t len, int with_model, uint64_t *events)
{
    static struct tr_decoder d;
    static struct tr_model m;
    static const struct tr_decode_ops count_ops = { count, NULL, NULL };
    static const struct tr_decode_ops model_ops = { to_model, NULL, NULL };
    tr_model_init(&m, 0);
    double t0 = now();
    tr_decoder_init(&d, with_model ? &model_ops : &count_ops, &m);
    tr_decoder_feed(&d, buf, len);
    tr_decoder_end(&d);
    double t = now() - t0;
    *events = tr_decoder_counts(&d).events;
    tr_model_free(&m);
    return (double)*events / t;
}

int main(void)
{
    hk_reset();
    for (task_t id = 1; id <= 8; id++)
        hk_task(id, "task", 3, 0, 0);
    hk_clock(1u << 24, 151);
    trace_init();
    trace_set_mask(TRACE_CAT_ALL);
    for (int i = 0; i < EVENTS / 16; i++) {
        record_round(i);
        if (i % 32 == 31)       /* 512 events: the ring holds 1024 */
            trace_drain();
    }
    trace_drain();
    size_t len;
    const uint8_t *buf = hk_uart(&len);
    double best = 0, best_model = 0;
    uint64_t events = 0;
    for (int k = 0; k < 3; k++) {
        double r = run(buf, len, 0, &events);
        best = r > best ? r : best;
    }
    for (int k = 0; k < 3; k++) {
        double r = run(buf, len, 1, &events);
        best_model = r > best_model ? r : best_model;
    }
    if (events < EVENTS) {
        fprintf(stderr, "tracer-bench: %llu events decoded, %d expected\n",
                (unsigned long long)events, EVENTS);
        return 1;
    }
    printf("bench host trace_decode %.0f events/s\n", best);
    printf("bench host trace_model %.0f events/s\n", best_model);
    printf("bench host trace_wire_bytes %.2f bytes/event\n", (double)len / (double)events);
    return 0;
}
