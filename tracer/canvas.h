/* canvas.h - a plain pixel buffer and the few shapes the window view
 * draws on it: rectangles, lines (dashed too), hatch patterns, text in the
 * bitmap font. The same buffer becomes an SDL texture in the window and a
 * PNG file with --export-png, so a test can look at the pixels of exactly
 * what a person sees, with no display. Pixels are 0xRRGGBB (alpha unused). */
#ifndef TRACER_CANVAS_H
#define TRACER_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t tw_color;

struct tw_canvas {
    int w, h;
    tw_color *px;               /* w * h pixels, row by row from the top */
    int clip_x0, clip_x1;       /* drawing is clipped to these columns */
};

/* Hatch patterns: how a lane's blocked span looks besides its colour. */
enum tw_pattern {
    TW_PAT_SOLID, TW_PAT_SLASH, TW_PAT_BACKSLASH, TW_PAT_CROSS, TW_PAT_VERTICAL,
    TW_PAT_HORIZONTAL, TW_PAT_DOTS,
};

/* A canvas of w x h pixels (at least 1 x 1), or false out of memory. */
bool tw_canvas_init(struct tw_canvas *c, int w, int h);
void tw_canvas_free(struct tw_canvas *c);
/* Clip to columns [x0, x1); tw_clip_reset undoes it. */
void tw_clip(struct tw_canvas *c, int x0, int x1);
void tw_clip_reset(struct tw_canvas *c);

tw_color tw_get(const struct tw_canvas *c, int x, int y);   /* 0 outside */
void tw_put(struct tw_canvas *c, int x, int y, tw_color col);
void tw_fill(struct tw_canvas *c, int x, int y, int w, int h, tw_color col);
/* A rectangle filled with a pattern of col on what is there (x, y
 * anchor the pattern to the canvas, so neighbouring spans line up). */
void tw_hatch(struct tw_canvas *c, int x, int y, int w, int h, tw_color col,
              enum tw_pattern p);
void tw_frame(struct tw_canvas *c, int x, int y, int w, int h, tw_color col);
/* A line from (x0, y0) to (x1, y1), both ends drawn; dash: 0 solid, or the
 * length of dashes and gaps in pixels. */
void tw_line(struct tw_canvas *c, int x0, int y0, int x1, int y1, tw_color col, int dash);
/* An arrowhead at (x, y) pointing along (dx, dy). */
void tw_arrowhead(struct tw_canvas *c, int x, int y, int dx, int dy, tw_color col);
void tw_circle(struct tw_canvas *c, int x, int y, int r, tw_color col, bool filled);

/* Text with its top-left at (x, y); returns its width in pixels. */
int tw_text(struct tw_canvas *c, int x, int y, const char *s, tw_color col);
int tw_text_width(const char *s);
/* Text on a box of background colour bg (a label over a drawing). */
int tw_label(struct tw_canvas *c, int x, int y, const char *s, tw_color fg, tw_color bg);

#endif
