/* wire.c - console text and frames apart, base64 and CRC: a state machine
 * fed any number of bytes at a time. The body of a frame is the hot loop
 * (every event goes through it): a table lookup per character. */
#include "wire.h"
#include <string.h>

enum {
    S_TEXT,     /* console text */
    S_ESC,      /* after ESC */
    S_APC,      /* after ESC _ */
    S_BODY,     /* after ESC _ B: base64 */
    S_END,      /* after ESC inside the body: expecting \ */
    S_SKIP,     /* a damaged frame: skip to its end */
    S_SKIP_END, /* after ESC in a skipped frame */
};

#define NOT_B64 0xff

static uint8_t b64_value[256];
static uint16_t crc_table[256];

/* Tables built once; both are pure functions of constants. */
static void tables_init(void)
{
    static int done;
    if (done)
        return;
    memset(b64_value, NOT_B64, sizeof(b64_value));
    const char *alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++)
        b64_value[(uint8_t)alphabet[i]] = (uint8_t)i;
    for (int i = 0; i < 256; i++) {
        uint16_t crc = (uint16_t)(i << 8);
        for (int k = 0; k < 8; k++)
            crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
        crc_table[i] = crc;
    }
    done = 1;
}

uint16_t tr_crc16(const uint8_t *p, size_t n)
{
    tables_init();
    uint16_t crc = 0xffff;
    while (n--)
        crc = (uint16_t)(crc << 8) ^ crc_table[(crc >> 8) ^ *p++];
    return crc;
}

void tr_wire_init(struct tr_wire *w, const struct tr_wire_ops *ops, void *ctx)
{
    tables_init();
    memset(w, 0, sizeof(*w));
    w->ops = ops;
    w->ctx = ctx;
}

static void text(struct tr_wire *w, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    w->text_bytes += n;
    if (w->ops->text)
        w->ops->text(w->ctx, p, n);
}

static void corrupt(struct tr_wire *w, enum tr_corrupt why)
{
    w->corrupt++;
    w->corrupt_why[why]++;
    if (w->ops->corrupt)
        w->ops->corrupt(w->ctx, why);
}

/* ESC \ seen: flush the last base64 characters, check length and CRC. */
static void frame_check(struct tr_wire *w);
static void frame_done(struct tr_wire *w)
{
    uint64_t good = w->frames;
    frame_check(w);
    if (w->frames != good)
        w->frame_bytes += w->raw;
    else
        w->dropped += w->raw;
    w->raw = 0;
}

static void frame_check(struct tr_wire *w)
{
    /* 6 bits are not even one byte; the bits left over in a last group
     * are zero (a flipped one there is damage too). */
    if (w->nacc == 1 || (w->nacc == 2 && (w->acc & 15)) || (w->nacc == 3 && (w->acc & 3))) {
        corrupt(w, TR_CORRUPT_LENGTH);
        return;
    }
    if (w->nacc == 2) {
        w->buf[w->len++] = (uint8_t)(w->acc >> 4);
    } else if (w->nacc == 3) {
        w->buf[w->len++] = (uint8_t)(w->acc >> 10);
        w->buf[w->len++] = (uint8_t)(w->acc >> 2);
    }
    if (w->len > TRACE_FRAME_MAX) {
        corrupt(w, TR_CORRUPT_TOO_LONG);
        return;
    }
    if (w->len < 4) {
        corrupt(w, TR_CORRUPT_SHORT);
        return;
    }
    uint16_t crc = (uint16_t)(w->buf[w->len - 2] << 8 | w->buf[w->len - 1]);
    if (tr_crc16(w->buf, w->len - 2) != crc) {
        corrupt(w, TR_CORRUPT_CRC);
        return;
    }
    w->frames++;
    w->ops->frame(w->ctx, w->buf, w->len - 2);
}

/* A damaged frame: count it, then skip what is left of it. */
static void damaged(struct tr_wire *w, enum tr_corrupt why)
{
    corrupt(w, why);
    w->dropped += w->raw;
    w->raw = 0;
    w->state = S_SKIP;
    w->skipped = 0;
}

/* Base64 characters of a frame body, as many as there are: returns how
 * many were taken (it stops at the first other byte). */
static size_t body(struct tr_wire *w, const uint8_t *p, size_t n)
{
    uint32_t acc = w->acc;
    unsigned nacc = w->nacc;
    size_t len = w->len, i = 0;
    for (; i < n; i++) {
        uint8_t v = b64_value[p[i]];
        if (v == NOT_B64)
            break;
        acc = acc << 6 | v;
        if (++nacc == 4) {
            if (len + 3 > TRACE_FRAME_MAX) {
                w->raw += i + 1;
                damaged(w, TR_CORRUPT_TOO_LONG);
                return i + 1;
            }
            w->buf[len] = (uint8_t)(acc >> 16);
            w->buf[len + 1] = (uint8_t)(acc >> 8);
            w->buf[len + 2] = (uint8_t)acc;
            len += 3;
            nacc = 0;
            acc = 0;
        }
    }
    w->acc = acc;
    w->nacc = nacc;
    w->len = len;
    w->raw += i;
    return i;
}

/* One step of the state machine at p[0]: returns the bytes consumed (0
 * when the byte must be looked at again in the new state). */
static size_t step(struct tr_wire *w, const uint8_t *p, size_t n)
{
    switch (w->state) {
    case S_TEXT: {
        const uint8_t *esc = memchr(p, 0x1b, n);
        size_t k = esc ? (size_t)(esc - p) : n;
        text(w, p, k);
        if (esc)
            w->state = S_ESC;
        return esc ? k + 1 : k;
    }
    case S_ESC:
        if (p[0] == '_') {
            w->state = S_APC;
            return 1;
        }
        text(w, (const uint8_t *)"\x1b", 1);
        w->state = S_TEXT;
        return 0;
    case S_APC:
        if (p[0] == 'B') {
            w->state = S_BODY;
            w->raw = 3;                 /* ESC _ B */
            w->len = w->nacc = 0;
            w->acc = 0;
            return 1;
        }
        text(w, (const uint8_t *)"\x1b_", 2);  /* someone else's APC */
        w->state = S_TEXT;
        return 0;
    case S_BODY: {
        size_t k = body(w, p, n);
        if (k < n && w->state == S_BODY) {
            if (p[k] == 0x1b) {
                w->raw++;
                w->state = S_END;
                return k + 1;
            }
            /* The kernel never writes text inside a frame: a stray byte
             * is damage, and the frame's end is still to come. */
            damaged(w, TR_CORRUPT_TRUNCATED);
        }
        return k;
    }
    case S_END:
        if (p[0] == '\\') {
            w->raw++;
            frame_done(w);
            w->state = S_TEXT;
            return 1;
        }
        if (p[0] == '_') {              /* the next frame began: ours was cut */
            corrupt(w, TR_CORRUPT_TRUNCATED);
            w->dropped += w->raw - 1;   /* its ESC begins the next frame */
            w->state = S_APC;
            return 1;
        }
        damaged(w, TR_CORRUPT_TRUNCATED);
        return 0;
    case S_SKIP: {
        /* Up to the next ESC (this frame's end, or the next frame), but no
         * further than a frame can be long: after that it was text. */
        size_t k = 0;
        while (k < n && p[k] != 0x1b && w->skipped < TRACE_FRAME_CHARS) {
            k++;
            w->skipped++;
        }
        w->dropped += k;
        /* The limit first: the same bytes must decode the same however
         * they are split into reads (an ESC just past the limit is text). */
        if (w->skipped >= TRACE_FRAME_CHARS) {
            w->state = S_TEXT;
            return k;
        }
        if (k < n && p[k] == 0x1b) {
            w->state = S_SKIP_END;
            return k + 1;
        }
        return k;
    }
    default:                            /* S_SKIP_END: ESC \ ends the frame */
        if (p[0] == '\\')
            w->dropped += 2;            /* the damaged frame's own ESC \ */
        w->state = p[0] == '\\' ? S_TEXT : S_ESC;
        return p[0] == '\\';
    }
}

void tr_wire_feed(struct tr_wire *w, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n)
        i += step(w, p + i, n - i);
}

void tr_wire_end(struct tr_wire *w)
{
    if (w->state == S_ESC) {
        text(w, (const uint8_t *)"\x1b", 1);
    } else if (w->state == S_APC) {
        text(w, (const uint8_t *)"\x1b_", 2);
    } else if (w->state == S_BODY || w->state == S_END) {
        corrupt(w, TR_CORRUPT_TRUNCATED);
        w->dropped += w->raw;
    } else if (w->state == S_SKIP_END) {
        w->dropped++;                   /* an ESC that began nothing */
    }
    w->raw = 0;
    w->state = S_TEXT;
}
