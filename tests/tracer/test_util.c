/* test_util.c - the helpers of tracer_test.h (no tests here). */
#include "tracer_test.h"
#include <string.h>

static struct captured cap;

static void on_event(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    struct captured *c = ctx;
    if (c->n == CAP_EVENTS)
        return;
    c->ev[c->n] = *e;
    size_t n = x->n < CAP_EXTRA ? x->n : CAP_EXTRA;
    if (n)
        memcpy(c->extra[c->n], x->p, n);
    c->extra_len[c->n] = x->n;
    c->n++;
}

static void on_text(void *ctx, const uint8_t *p, size_t n)
{
    struct captured *c = ctx;
    for (size_t i = 0; i < n && c->text_len < sizeof(c->text) - 1; i++)
        c->text[c->text_len++] = (char)p[i];
    c->text[c->text_len] = '\0';
}

static const struct tr_decode_ops ops = { on_event, on_text, NULL };

struct captured *decode(const uint8_t *buf, size_t len, size_t chunk)
{
    cap.n = 0;              /* not a memset: the arrays are large */
    cap.text_len = 0;
    cap.text[0] = '\0';
    tr_decoder_init(&cap.dec, &ops, &cap);
    if (chunk == 0)
        chunk = len ? len : 1;
    for (size_t at = 0; at < len; at += chunk)
        tr_decoder_feed(&cap.dec, buf + at, len - at < chunk ? len - at : chunk);
    tr_decoder_end(&cap.dec);
    cap.counts = tr_decoder_counts(&cap.dec);
    return &cap;
}

struct captured *decode_uart(void)
{
    size_t len;
    const uint8_t *p = hk_uart(&len);
    return decode(p, len, 0);
}

void boot_with_tasks(void)
{
    hk_reset();
    hk_task(1, "client", 3, 1u << 1, 0);
    hk_task(2, "server", 4, 0, 1u << 1);
    hk_task(3, "third", 2, 0, 0);
    hk_clock(1000, 10);
    trace_init();
    trace_set_mask(TRACE_CAT_ALL);
}

size_t count_type(const struct captured *c, unsigned type)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += c->ev[i].type == type;
    return n;
}

size_t make_frame(const uint8_t *bytes, size_t n, uint8_t *out)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint8_t f[TRACE_FRAME_MAX + 2];
    memcpy(f, bytes, n);
    uint16_t crc = tr_crc16(f, n);
    f[n] = (uint8_t)(crc >> 8);
    f[n + 1] = (uint8_t)crc;
    n += 2;
    size_t len = 0;
    memcpy(out, "\x1b_B", 3);
    len = 3;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)f[i] << 16 | (i + 1 < n ? f[i + 1] << 8 : 0) |
                     (i + 2 < n ? f[i + 2] : 0);
        size_t chars = n - i >= 3 ? 4 : n - i + 1;
        for (size_t k = 0; k < chars; k++)
            out[len++] = (uint8_t)b64[(v >> (18 - 6 * k)) & 63];
    }
    memcpy(out + len, "\x1b\\", 2);
    return len + 2;
}
