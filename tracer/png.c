/* png.c - a PNG writer (png.h): the signature, an IHDR chunk, one IDAT
 * chunk holding the zlib stream of every row (filter byte 0, then R G B),
 * and IEND. Each chunk is length, type, data and the CRC of type and data. */
#include "png.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static bool chunk(FILE *f, const char *type, const uint8_t *data, uint32_t n)
{
    uint8_t head[8], tail[4];
    be32(head, n);
    for (int i = 0; i < 4; i++)
        head[4 + i] = (uint8_t)type[i];
    uLong crc = crc32(0, head + 4, 4);
    if (n)
        crc = crc32(crc, data, n);
    be32(tail, (uint32_t)crc);
    return fwrite(head, 1, 8, f) == 8 && (n == 0 || fwrite(data, 1, n, f) == n) &&
           fwrite(tail, 1, 4, f) == 4;
}

/* The rows as PNG wants them before compression. */
static uint8_t *raw_rows(const struct tw_canvas *c, size_t *len)
{
    size_t stride = 1 + 3 * (size_t)c->w;
    uint8_t *raw = malloc(stride * (size_t)c->h);
    if (!raw)
        return NULL;
    for (int y = 0; y < c->h; y++) {
        uint8_t *r = raw + stride * (size_t)y;
        const tw_color *px = c->px + (size_t)y * (size_t)c->w;
        *r++ = 0;                               /* filter: none */
        for (int x = 0; x < c->w; x++) {
            *r++ = (uint8_t)(px[x] >> 16);
            *r++ = (uint8_t)(px[x] >> 8);
            *r++ = (uint8_t)px[x];
        }
    }
    *len = stride * (size_t)c->h;
    return raw;
}

int tw_png_write(const struct tw_canvas *c, const char *path)
{
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    size_t len;
    uint8_t *raw = raw_rows(c, &len);
    uLongf zlen = compressBound((uLong)len);
    uint8_t *z = malloc(zlen);
    if (!raw || !z || compress2(z, &zlen, raw, (uLong)len, 6) != Z_OK) {
        free(raw);
        free(z);
        errno = raw && z ? EIO : ENOMEM;
        return -1;
    }
    free(raw);
    uint8_t ihdr[13];
    be32(ihdr, (uint32_t)c->w);
    be32(ihdr + 4, (uint32_t)c->h);
    ihdr[8] = 8;                                /* bits per sample */
    ihdr[9] = 2;                                /* colour type: RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;         /* deflate, filters, no interlace */
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(sig, 1, 8, f) == 8 && chunk(f, "IHDR", ihdr, 13) &&
              chunk(f, "IDAT", z, (uint32_t)zlen) && chunk(f, "IEND", NULL, 0);
    free(z);
    if (f && fclose(f) != 0)
        ok = false;
    return ok ? 0 : -1;
}
