/* console.c - console text into lines (console.h). The UART writes "\r\n";
 * a backspace erases (the echo task echoes them); escape sequences are
 * dropped whole, CSI (ESC [ ... final byte) and two-byte ones alike. */
#include "console.h"
#include "grow.h"
#include <string.h>

enum { ESC_NONE, ESC_SEEN, ESC_CSI };

void tv_console_init(struct tv_console *c)
{
    memset(c, 0, sizeof(*c));
}

void tv_console_free(struct tv_console *c)
{
    free(c->text);
    free(c->lines);
    memset(c, 0, sizeof(*c));
}

static bool line_begin(struct tv_console *c, uint64_t events, enum tv_line_kind kind)
{
    if (!tv_grow((void **)&c->lines, &c->cap_lines, c->n + 1, sizeof(*c->lines)))
        return false;
    c->lines[c->n++] = (struct tv_line){ events, (uint32_t)c->len, 0, (uint8_t)kind };
    c->open = true;
    return true;
}

static bool put_char(struct tv_console *c, char ch)
{
    if (!tv_grow((void **)&c->text, &c->cap, c->len + 1, 1))
        return false;
    c->text[c->len++] = ch;
    c->lines[c->n - 1].len++;
    return true;
}

/* Is this byte part of an escape sequence (and so not text)? */
static bool in_escape(struct tv_console *c, uint8_t b)
{
    switch (c->esc) {
    case ESC_SEEN:
        c->esc = b == '[' ? ESC_CSI : ESC_NONE;
        return true;
    case ESC_CSI:
        if (b >= 0x40 && b <= 0x7e)
            c->esc = ESC_NONE;  /* the final byte */
        return true;
    default:
        if (b != 0x1b)
            return false;
        c->esc = ESC_SEEN;
        return true;
    }
}

bool tv_console_add(struct tv_console *c, const uint8_t *p, size_t n,
                    uint64_t events, enum tv_line_kind kind)
{
    if (c->open && c->lines[c->n - 1].kind != kind)
        c->open = false;        /* host notes never join a guest's line */
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        if (in_escape(c, b) || b == '\r')
            continue;
        if (!c->open && !line_begin(c, events, kind))
            return false;
        struct tv_line *l = &c->lines[c->n - 1];
        if (b == '\n') {
            c->open = false;
        } else if (b == '\b' || b == 0x7f) {
            while (l->len > 0) {        /* a whole UTF-8 character */
                uint8_t last = (uint8_t)c->text[--c->len];
                l->len--;
                if ((last & 0xc0) != 0x80)
                    break;
            }
        } else if (b == '\t') {
            do {                        /* to the next multiple of 8 */
                if (!put_char(c, ' '))
                    return false;
            } while (l->len % 8);
        } else if (b >= ' ') {
            if (!put_char(c, (char)b))
                return false;
        }                               /* other controls: nothing to show */
    }
    return true;
}

size_t tv_console_lines_at(const struct tv_console *c, uint64_t events)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->lines[mid].index <= events)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
