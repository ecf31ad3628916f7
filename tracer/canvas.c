/* canvas.c - the pixel buffer and its shapes (canvas.h). Everything is
 * clipped here, so the drawing code may pass any coordinates. */
#include "canvas.h"
#include "font.h"
#include <stdlib.h>
#include <string.h>

bool tw_canvas_init(struct tw_canvas *c, int w, int h)
{
    c->w = w < 1 ? 1 : w;
    c->h = h < 1 ? 1 : h;
    c->px = malloc((size_t)c->w * (size_t)c->h * sizeof(*c->px));
    tw_clip_reset(c);
    return c->px != NULL;
}

void tw_canvas_free(struct tw_canvas *c)
{
    free(c->px);
    c->px = NULL;
    c->w = c->h = 0;
}

void tw_clip(struct tw_canvas *c, int x0, int x1)
{
    c->clip_x0 = x0 < 0 ? 0 : x0;
    c->clip_x1 = x1 > c->w ? c->w : x1;
}

void tw_clip_reset(struct tw_canvas *c)
{
    c->clip_x0 = 0;
    c->clip_x1 = c->w;
}

tw_color tw_get(const struct tw_canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return 0;
    return c->px[(size_t)y * (size_t)c->w + (size_t)x];
}

void tw_put(struct tw_canvas *c, int x, int y, tw_color col)
{
    if (x >= c->clip_x0 && x < c->clip_x1 && y >= 0 && y < c->h)
        c->px[(size_t)y * (size_t)c->w + (size_t)x] = col;
}

/* Clip [x, x + w) x [y, y + h); false when nothing is left. */
static bool clip_rect(const struct tw_canvas *c, int *x, int *y, int *w, int *h)
{
    if (*x < c->clip_x0)
        *w -= c->clip_x0 - *x, *x = c->clip_x0;
    if (*y < 0)
        *h += *y, *y = 0;
    if (*x + *w > c->clip_x1)
        *w = c->clip_x1 - *x;
    if (*y + *h > c->h)
        *h = c->h - *y;
    return *w > 0 && *h > 0;
}

void tw_fill(struct tw_canvas *c, int x, int y, int w, int h, tw_color col)
{
    if (!clip_rect(c, &x, &y, &w, &h))
        return;
    for (int j = y; j < y + h; j++) {
        tw_color *row = c->px + (size_t)j * (size_t)c->w;
        for (int i = x; i < x + w; i++)
            row[i] = col;
    }
}

static bool on_pattern(enum tw_pattern p, int x, int y)
{
    switch (p) {
    case TW_PAT_SOLID:      return true;
    case TW_PAT_SLASH:      return (x + y) % 4 == 0;
    case TW_PAT_BACKSLASH:  return (x - y + 4096) % 4 == 0;
    case TW_PAT_CROSS:      return (x + y) % 4 == 0 || (x - y + 4096) % 4 == 0;
    case TW_PAT_VERTICAL:   return x % 3 == 0;
    case TW_PAT_HORIZONTAL: return y % 3 == 0;
    case TW_PAT_DOTS:       return x % 3 == 0 && y % 3 == 0;
    }
    return false;
}

void tw_hatch(struct tw_canvas *c, int x, int y, int w, int h, tw_color col,
              enum tw_pattern p)
{
    if (!clip_rect(c, &x, &y, &w, &h))
        return;
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++)
            if (on_pattern(p, i, j))
                c->px[(size_t)j * (size_t)c->w + (size_t)i] = col;
}

void tw_frame(struct tw_canvas *c, int x, int y, int w, int h, tw_color col)
{
    tw_fill(c, x, y, w, 1, col);
    tw_fill(c, x, y + h - 1, w, 1, col);
    tw_fill(c, x, y, 1, h, col);
    tw_fill(c, x + w - 1, y, 1, h, col);
}

void tw_line(struct tw_canvas *c, int x0, int y0, int x1, int y1, tw_color col, int dash)
{
    /* Bresenham; far-away ends are pulled in first so that a line from
     * off the canvas costs its visible length, not its real one. */
    const int far = 1 << 20;
    if (x0 < -far || x0 > far || x1 < -far || x1 > far)
        return;
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, n = 0;
    for (;;) {
        if (!dash || (n / dash) % 2 == 0)
            tw_put(c, x0, y0, col);
        n++;
        if (x0 == x1 && y0 == y1)
            break;
        if ((x0 < c->clip_x0 - 1 && sx < 0) || (x0 > c->clip_x1 && sx > 0))
            break;                          /* gone off the side for good */
        int e2 = 2 * err;
        if (e2 >= dy)
            err += dy, x0 += sx;
        if (e2 <= dx)
            err += dx, y0 += sy;
    }
}

void tw_arrowhead(struct tw_canvas *c, int x, int y, int dx, int dy, tw_color col)
{
    /* A filled triangle 7 pixels long, along the main direction. */
    int len = 7;
    for (int k = 0; k < len; k++) {
        int half = k / 2;
        if (abs(dy) >= abs(dx)) {
            int yy = y - (dy > 0 ? k : -k);
            tw_fill(c, x - half, yy, 2 * half + 1, 1, col);
        } else {
            int xx = x - (dx > 0 ? k : -k);
            tw_fill(c, xx, y - half, 1, 2 * half + 1, col);
        }
    }
}

void tw_circle(struct tw_canvas *c, int x, int y, int r, tw_color col, bool filled)
{
    for (int j = -r; j <= r; j++)
        for (int i = -r; i <= r; i++) {
            int d = i * i + j * j;
            if (d <= r * r + r && (filled || d >= (r - 1) * (r - 1) + (r - 1)))
                tw_put(c, x + i, y + j, col);
        }
}

int tw_text_width(const char *s)
{
    int n = (int)strlen(s);
    return n ? n * TW_CHAR_W - 1 : 0;
}

int tw_text(struct tw_canvas *c, int x, int y, const char *s, tw_color col)
{
    int x0 = x;
    for (; *s; s++, x += TW_CHAR_W) {
        if (x >= c->clip_x1)
            break;
        const uint8_t *g = tw_font_glyph((unsigned char)*s);
        for (int row = 0; row < TW_FONT_H; row++)
            for (int bit = 0; bit < TW_FONT_W; bit++)
                if (g[row] >> (TW_FONT_W - 1 - bit) & 1)
                    tw_put(c, x + bit, y + row, col);
    }
    return x - x0;
}

int tw_label(struct tw_canvas *c, int x, int y, const char *s, tw_color fg, tw_color bg)
{
    tw_fill(c, x - 1, y - 1, tw_text_width(s) + 2, TW_FONT_H + 2, bg);
    return tw_text(c, x, y, s, fg);
}
