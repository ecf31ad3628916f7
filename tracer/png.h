/* png.h - writing a canvas as a PNG file (8-bit RGB, zlib's deflate and
 * CRC-32, Debian's zlib1g-dev), for --export-png and the window's save key. */
#ifndef TRACER_PNG_H
#define TRACER_PNG_H

#include "canvas.h"

/* Write c to path. 0, or -1 with errno set (EIO when zlib failed). */
int tw_png_write(const struct tw_canvas *c, const char *path);

#endif
