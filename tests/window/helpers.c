/* helpers.c - the helpers of window_test.h (no tests here). */
#include "window_test.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void draw(struct tw_diagram *d, struct tw_canvas *c, const struct tv_session *s,
          const struct tw_view *v, int w, int h)
{
    cr_assert(tw_diagram_init(d));
    cr_assert(tw_canvas_init(c, w, h));
    tw_diagram_draw(d, c, s, v);
}

struct tw_view view_of(const struct tv_session *s, uint64_t t0, uint64_t t1)
{
    struct tw_view v;
    memset(&v, 0, sizeof(v));
    tw_view_fit(s, &v);
    v.sel = -1;
    v.sel_task = -1;
    if (t1 > t0) {
        v.t0 = t0;
        v.t1 = t1;
    }
    return v;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void png_read(const char *path, struct tw_canvas *c)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    static uint8_t file[1 << 24];
    size_t n = fread(file, 1, sizeof(file), f);
    fclose(f);
    cr_assert_eq(memcmp(file, "\x89PNG\r\n\x1a\n", 8), 0, "a PNG signature");
    const uint8_t *ihdr = file + 8, *idat = NULL;
    cr_assert_eq(memcmp(ihdr + 4, "IHDR", 4), 0);
    int w = (int)be32(ihdr + 8), h = (int)be32(ihdr + 12);
    cr_assert_eq(ihdr[16], 8, "8 bits");
    cr_assert_eq(ihdr[17], 2, "RGB");
    size_t idat_len = 0;
    for (size_t at = 8; at + 12 <= n; at += 12 + be32(file + at)) {
        uint32_t len = be32(file + at);
        cr_assert_eq(crc32(crc32(0, file + at + 4, 4), file + at + 8, len),
                     be32(file + at + 8 + len), "chunk CRC");
        if (memcmp(file + at + 4, "IDAT", 4) == 0)
            idat = file + at + 8, idat_len = len;
    }
    cr_assert_not_null(idat);
    uLongf raw_len = (uLongf)(1 + 3 * w) * (uLongf)h;
    uint8_t *raw = malloc(raw_len);
    cr_assert_eq(uncompress(raw, &raw_len, idat, idat_len), Z_OK);
    cr_assert_eq(raw_len, (uLongf)(1 + 3 * w) * (uLongf)h);
    cr_assert(tw_canvas_init(c, w, h));
    for (int y = 0; y < h; y++) {
        const uint8_t *r = raw + (size_t)y * (size_t)(1 + 3 * w);
        cr_assert_eq(r[0], 0, "filter none");
        for (int x = 0; x < w; x++)
            c->px[(size_t)y * (size_t)w + (size_t)x] =
                (tw_color)r[1 + 3 * x] << 16 | (tw_color)r[2 + 3 * x] << 8 | r[3 + 3 * x];
    }
    free(raw);
}

void add(struct tv_session *s, uint64_t ts, unsigned type, unsigned subj, unsigned peer,
         unsigned aux, uint32_t a)
{
    struct tr_event e = { .ts = ts, .type = (uint8_t)type, .subj = (uint8_t)subj,
                          .peer = (uint8_t)peer, .aux = (uint8_t)aux, .a = a };
    uint8_t cycle[1] = { (uint8_t)peer };
    struct tr_extra x = { cycle, type == TRACE_EV_DEADLOCK };
    if (type == TRACE_EV_DEADLOCK)
        e.aux = 1;
    tv_session_add(s, &e, &x);
}

void name(struct tv_session *s, unsigned id, const char *text)
{
    snprintf(s->dec.meta.names[id], TR_NAME_MAX, "%s", text);
}

size_t find_event(const struct tv_session *s, size_t from, unsigned type, int subj, int peer)
{
    for (size_t i = from; i < tv_session_count(s); i++) {
        const struct tr_event *e = &s->model.events[i];
        if (e->type == type && (subj < 0 || e->subj == subj) && (peer < 0 || e->peer == peer))
            return i;
    }
    cr_assert_fail("no %s event", tr_event_name(type));
    return 0;
}
