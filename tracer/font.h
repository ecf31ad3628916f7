/* font.h - the window view's bitmap font: printable ASCII in 5x8 pixel
 * glyphs (7 rows above the baseline, 1 for descenders), drawn in 6x10
 * cells. Our own, so that a PNG comes out the same on every machine and
 * the view needs no font package. */
#ifndef TRACER_FONT_H
#define TRACER_FONT_H

#include <stdint.h>

#define TW_FONT_W 5             /* glyph pixels */
#define TW_FONT_H 8
#define TW_CHAR_W 6             /* advance: a column between letters */
#define TW_LINE_H 10            /* line height: two rows between lines */

/* The glyph of c: 8 rows, bit 4 the leftmost pixel. '?' for a byte that
 * is not printable ASCII. */
const uint8_t *tw_font_glyph(unsigned char c);

#endif
