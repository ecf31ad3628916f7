/* test_framing.c - damaged input: garbage, truncation, flipped bits, frames
 * too long, unknown versions. The decoder must count, never crash, and
 * resynchronise at the next frame; events lost in a damaged frame show up
 * as "missing" with their exact number. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "tracer_test.h"
#include "wire.h"

/* A trace of `frames` event frames of `per` switch events each, a line of
 * console text after each; metadata first. The copy is ours to damage. */
static uint8_t *make_trace(int frames, int per, size_t *len)
{
    boot_with_tasks();
    trace_drain();                      /* the metadata */
    for (int f = 0; f < frames; f++) {
        for (int i = 0; i < per; i++)
            trace_switch(1 + (i & 1), 2 - (i & 1));
        trace_drain();
        for (const char *s = "text line\r\n"; *s; s++)
            arch_console_putc(*s);
    }
    const uint8_t *p = hk_uart(len);
    uint8_t *copy = malloc(*len);
    memcpy(copy, p, *len);
    return copy;
}

/* Where the k-th frame (0: the first one) starts, and its length. */
static size_t frame_at(const uint8_t *p, size_t len, int k, size_t *flen)
{
    for (size_t i = 0; i + 2 < len; i++) {
        if (p[i] == 0x1b && p[i + 1] == '_' && p[i + 2] == 'B' && k-- == 0) {
            size_t j = i + 3;
            while (j < len && p[j] != 0x1b)
                j++;
            *flen = j + 2 - i;
            return i;
        }
    }
    cr_assert_fail("no frame %d", k);
    return 0;
}

Test(framing, garbage_never_crashes)
{
    static uint8_t junk[1 << 20];
    srand(7);
    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = (uint8_t)rand();
    /* Now and then a frame start, so the body states get exercised too. */
    for (size_t i = 0; i + 3 < sizeof(junk); i += 977)
        memcpy(junk + i, "\x1b_B", 3);
    struct captured *c = decode(junk, sizeof(junk), 0);
    cr_expect_eq(c->counts.events, 0);
    cr_expect_gt(c->counts.corrupt, 100);
}

Test(framing, feeding_in_pieces_changes_nothing)
{
    size_t len;
    uint8_t *p = make_trace(6, 40, &len);
    struct captured *whole = decode(p, len, 0);
    uint64_t events = whole->counts.events;
    size_t text = whole->text_len;
    for (size_t chunk = 1; chunk < 8; chunk++) {
        struct captured *c = decode(p, len, chunk);
        cr_expect_eq(c->counts.events, events, "chunk %zu", chunk);
        cr_expect_eq(c->text_len, text, "chunk %zu", chunk);
        cr_expect_eq(c->counts.corrupt, 0, "chunk %zu", chunk);
    }
    free(p);
}

/* Cut the stream anywhere: the events that come out are the first ones,
 * unchanged, and at most the frame that was cut is counted corrupt. */
/* Field by field: the struct has padding. */
static bool same_event(const struct tr_event *a, const struct tr_event *b)
{
    return a->ts == b->ts && a->type == b->type && a->subj == b->subj &&
           a->peer == b->peer && a->aux == b->aux && a->a == b->a && a->b == b->b;
}

Test(framing, truncated_anywhere)
{
    size_t len;
    uint8_t *p = make_trace(4, 30, &len);
    struct captured *full = decode(p, len, 0);
    size_t total = full->n;
    static struct tr_event all[200];
    memcpy(all, full->ev, total * sizeof(all[0]));
    for (size_t cut = 0; cut <= len; cut++) {
        struct captured *c = decode(p, cut, 0);
        cr_assert_leq(c->counts.corrupt, 1, "cut at %zu", cut);
        cr_assert_leq(c->n, total);
        for (size_t i = 0; i < c->n; i++)
            cr_assert(same_event(&c->ev[i], &all[i]),
                      "cut at %zu: event %zu differs", cut, i);
    }
    free(p);
}

/* Flip every bit of the second event frame, one at a time: that frame is
 * lost, exactly its events are counted missing, the frames after it decode,
 * and the console text around it is intact. */
Test(framing, every_flipped_bit_is_caught)
{
    size_t len, flen;
    uint8_t *p = make_trace(4, 25, &len);
    size_t at = frame_at(p, len, 3, &flen);     /* 0 BOOT, 1 metadata, 2 events */
    struct captured *full = decode(p, len, 0);
    uint64_t events = full->counts.events;
    for (size_t i = at; i < at + flen; i++) {
        for (int bit = 0; bit < 8; bit++) {
            p[i] ^= (uint8_t)(1 << bit);
            struct captured *c = decode(p, len, 0);
            cr_assert_eq(c->counts.events, events - 25, "byte %zu bit %d: %llu events",
                         i - at, bit, (unsigned long long)c->counts.events);
            cr_assert_eq(c->counts.missing, 25, "byte %zu bit %d", i - at, bit);
            cr_assert_leq(c->counts.corrupt, 1, "byte %zu bit %d", i - at, bit);
            cr_assert(strstr(c->text, "text line\r\ntext line\r\ntext line\r\n") != NULL,
                      "byte %zu bit %d: text damaged: %s", i - at, bit, c->text);
            p[i] ^= (uint8_t)(1 << bit);
        }
    }
    free(p);
}

/* A frame cut short, then a good one: resynchronised at once. */
Test(framing, resync_within_one_frame)
{
    size_t len, flen;
    uint8_t *p = make_trace(3, 20, &len);
    size_t at = frame_at(p, len, 3, &flen);    /* the first event frame */
    /* Drop the second half of the first event frame and its end. */
    size_t cut = flen / 2;
    memmove(p + at + cut, p + at + flen, len - at - flen);
    len -= flen - cut;
    struct captured *c = decode(p, len, 0);
    cr_expect_eq(c->counts.corrupt, 1);
    cr_expect_eq(c->counts.events, 40);
    cr_expect_eq(c->counts.missing, 20);
    free(p);
}

Test(framing, too_long_and_empty_frames)
{
    static uint8_t buf[4096];
    size_t n = 0;
    memcpy(buf, "\x1b_B", 3);
    n = 3;
    for (int i = 0; i < 2000; i++)
        buf[n++] = 'A';
    memcpy(buf + n, "\x1b\\ok\x1b_B\x1b\\fine", 14);
    n += 14;
    struct captured *c = decode(buf, n, 0);
    cr_expect_eq(c->counts.corrupt, 2);
    cr_expect_eq(c->dec.wire.corrupt_why[TR_CORRUPT_TOO_LONG], 1);
    cr_expect_eq(c->dec.wire.corrupt_why[TR_CORRUPT_SHORT], 1);
    cr_expect_str_eq(c->text, "okfine");
}

/* Other programs' escape sequences and APC strings are console text. */
Test(framing, other_escapes_are_text)
{
    const char *s = "a\x1b[1mbold\x1b[0m \x1b_Gkitty\x1b\\ \x1b\x1b_x";
    struct captured *c = decode((const uint8_t *)s, strlen(s), 0);
    cr_expect_str_eq(c->text, s);
    cr_expect_eq(c->counts.corrupt, 0);
}

/* A frame of a later format version is skipped, not misread. */
Test(framing, unknown_version_is_skipped)
{
    uint8_t frame[8] = { (TRACE_VERSION + 1) << 4, 0, 1, 2, 3 };
    uint16_t crc = tr_crc16(frame, 5);
    frame[5] = (uint8_t)(crc >> 8);
    frame[6] = (uint8_t)crc;
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char buf[32] = "\x1b_B";
    size_t n = 3;
    for (int i = 0; i < 7; i += 3) {    /* 7 bytes: 3 + 3 + 1 */
        uint32_t v = (uint32_t)frame[i] << 16 | (i + 1 < 7 ? frame[i + 1] << 8 : 0) |
                     (i + 2 < 7 ? frame[i + 2] : 0);
        int chars = 7 - i >= 3 ? 4 : 7 - i + 1;
        for (int k = 0; k < chars; k++)
            buf[n++] = b64[(v >> (18 - 6 * k)) & 63];
    }
    memcpy(buf + n, "\x1b\\", 2);
    struct captured *c = decode((const uint8_t *)buf, n + 2, 0);
    cr_expect_eq(c->counts.unsupported, 1);
    cr_expect_eq(c->counts.corrupt, 0);
    cr_expect_eq(c->counts.events, 0);
}

Test(framing, crc_known_value)
{
    /* The check value of CRC-16/CCITT-FALSE. */
    cr_expect_eq(tr_crc16((const uint8_t *)"123456789", 9), 0x29b1);
}

/* Every byte is accounted for: console text, a good frame, or dropped
 * with a damaged one; however the stream is cut into reads. */
static void expect_every_byte_counted(const uint8_t *p, size_t len)
{
    for (size_t chunk = 0; chunk < 4; chunk++) {
        struct captured *c = decode(p, len, chunk * 3);
        uint64_t sum = c->counts.text_bytes + c->dec.wire.frame_bytes +
                       c->counts.dropped_bytes;
        cr_expect_eq(sum, len, "text %llu + frames %llu + dropped %llu != %zu (chunk %zu)",
                     (unsigned long long)c->counts.text_bytes,
                     (unsigned long long)c->dec.wire.frame_bytes,
                     (unsigned long long)c->counts.dropped_bytes, len, chunk * 3);
    }
}

/* A frame whose ESC \ was lost swallows the console text after it, up to
 * the next ESC: what went is counted, not silently gone (issue 12, 14). */
Test(framing, a_lost_terminator_counts_the_text_it_swallowed)
{
    size_t len;
    uint8_t *p = make_trace(3, 10, &len);
    size_t flen, at = frame_at(p, len, 3, &flen);   /* an event frame */
    static uint8_t cut[1 << 16];
    const char *line = "chan_client: answer \"THIS REQUEST\"\r\n";    /* 36 bytes */
    size_t n = 0;
    memcpy(cut, p, at + flen - 2);                  /* its ESC \ lost */
    n = at + flen - 2;
    memcpy(cut + n, line, strlen(line));
    n += strlen(line);
    memcpy(cut + n, p + at + flen, len - at - flen);
    n += len - at - flen;
    struct captured *c = decode(cut, n, 0);
    cr_expect_eq(c->counts.corrupt, 1);
    size_t next = at + 3;                           /* the next frame's ESC */
    while (cut[next] != 0x1b)
        next++;
    cr_expect_eq(c->counts.dropped_bytes, next - at,
                 "the frame and the text it swallowed, the 36-byte line included");
    cr_expect_geq(next - at, flen - 2 + strlen(line));
    expect_every_byte_counted(cut, n);
    expect_every_byte_counted(p, len);
    free(p);
}

Test(framing, garbage_bytes_are_all_counted)
{
    static uint8_t junk[1 << 16];
    srand(11);
    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = (uint8_t)(rand() % 5 == 0 ? 0x1b : rand() % 3 == 0 ? "_B\\"[rand() % 3]
                                                                     : rand());
    expect_every_byte_counted(junk, sizeof(junk));
}
