/* trace_fuzz.c - libFuzzer target for the trace decoder: any bytes in, no
 * crash, no undefined behaviour, no read outside a frame. Checks on the way
 * that feeding the same bytes in pieces gives the same counts, and runs
 * the events through the state model and its time queries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"
#include "model.h"

static void to_model(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    if (!tr_model_add(ctx, e, x))
        abort();
}

static void count_only(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    (void)ctx; (void)e; (void)x;
}

static const struct tr_decode_ops model_ops = { to_model, NULL, NULL };
static const struct tr_decode_ops count_ops = { count_only, NULL, NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tr_decoder whole, pieces;
    static struct tr_model m;
    static struct tr_state s;
    tr_model_init(&m, 256);
    tr_decoder_init(&whole, &model_ops, &m);
    tr_decoder_feed(&whole, data, size);
    tr_decoder_end(&whole);
    /* The same bytes in pieces of 1..7 bytes. */
    tr_decoder_init(&pieces, &count_ops, NULL);
    for (size_t at = 0, k = 1; at < size; at += k, k = k % 7 + 1)
        tr_decoder_feed(&pieces, data + at, size - at < k ? size - at : k);
    tr_decoder_end(&pieces);
    struct tr_counts a = tr_decoder_counts(&whole), b = tr_decoder_counts(&pieces);
    if (memcmp(&a, &b, sizeof(a)) != 0)
        abort();
    /* Time travel: the start, the middle, the end. */
    if (m.count) {
        tr_model_state_at(&m, m.events[m.count / 2].ts, &s);
        tr_model_state_after(&m, m.count, &s);
        if (memcmp(&s, &m.now, sizeof(s)) != 0)
            abort();
    }
    tr_model_free(&m);
    return 0;
}
