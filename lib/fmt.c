/* fmt.c - printf-style formatting shared by the kernel, user programs and the
 * host tools. Small on purpose: integers, strings, characters, pointers. */
#include <baton/fmt.h>
#include <stdint.h>
#include <stdbool.h>

struct spec {
    bool left;      /* '-': pad on the right */
    bool zero;      /* '0': pad with zeros */
    int width;
};

static int put_padded(void (*put)(char, void *), void *arg, const char *s,
                      int len, const struct spec *sp)
{
    int pad = sp->width > len ? sp->width - len : 0;
    int n = 0;
    /* Zero padding goes after a sign, so "-0042" and not "00-42". */
    if (!sp->left && sp->zero && len > 0 && s[0] == '-') {
        put('-', arg); n++; s++; len--;
    }
    for (; !sp->left && pad > 0; pad--, n++)
        put(sp->zero ? '0' : ' ', arg);
    for (int i = 0; i < len; i++, n++)
        put(s[i], arg);
    for (; pad > 0; pad--, n++)
        put(' ', arg);
    return n;
}

/* v / base, leaving the remainder in *rem. 32-bit targets have no 64-bit
 * divide instruction and we link no compiler runtime: long division by hand
 * when v does not fit in 32 bits. */
static unsigned long long divmod(unsigned long long v, unsigned base, unsigned *rem)
{
    if (v <= 0xffffffffu) {
        *rem = (uint32_t)v % base;
        return (uint32_t)v / base;
    }
    unsigned long long q = 0;
    unsigned r = 0;
    for (int bit = 63; bit >= 0; bit--) {
        r = (r << 1) | (unsigned)((v >> bit) & 1);
        q <<= 1;
        if (r >= base) {
            r -= base;
            q |= 1;
        }
    }
    *rem = r;
    return q;
}

/* Digits of v in base (10 or 16) into the end of buf; returns the start. */
static char *utoa(char *end, unsigned long long v, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        unsigned digit;
        v = divmod(v, base, &digit);
        *--p = digits[digit];
    } while (v);
    return p;
}

int fmt_format(void (*put)(char, void *), void *arg, const char *fmt,
               va_list ap)
{
    int n = 0;
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(*fmt, arg);
            n++;
            continue;
        }
        struct spec sp = {0};
        for (fmt++;; fmt++) {
            if (*fmt == '-') sp.left = true;
            else if (*fmt == '0') sp.zero = true;
            else break;
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            sp.width = sp.width * 10 + (*fmt - '0');
        int longs = 0;              /* 0: int, 1: long, 2: long long */
        bool size = false;
        for (; *fmt == 'l' || *fmt == 'z'; fmt++) {
            if (*fmt == 'z') size = true; else longs++;
        }

        char buf[24], *end = buf + sizeof(buf), *s = end;
        unsigned long long u;
        switch (*fmt) {
        case 'd': case 'i': {
            long long v = longs == 2 ? va_arg(ap, long long)
                        : longs == 1 ? va_arg(ap, long)
                        : size ? (long long)va_arg(ap, size_t)
                        : va_arg(ap, int);
            u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
            s = utoa(end, u, 10, false);
            if (v < 0) *--s = '-';
            break;
        }
        case 'u': case 'x': case 'X':
            u = longs == 2 ? va_arg(ap, unsigned long long)
              : longs == 1 ? va_arg(ap, unsigned long)
              : size ? va_arg(ap, size_t)
              : va_arg(ap, unsigned int);
            s = utoa(end, u, *fmt == 'u' ? 10 : 16, *fmt == 'X');
            break;
        case 'p':
            s = utoa(end, (uintptr_t)va_arg(ap, void *), 16, false);
            *--s = 'x';
            *--s = '0';
            break;
        case 'c':
            *--s = (char)va_arg(ap, int);
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str) str = "(null)";
            int len = 0;
            while (str[len]) len++;
            n += put_padded(put, arg, str, len, &sp);
            continue;
        }
        case '%':
            *--s = '%';
            break;
        default:                    /* unknown: print it as written */
            put('%', arg);
            n++;
            if (!*fmt) return n;
            *--s = *fmt;
            break;
        }
        n += put_padded(put, arg, s, (int)(end - s), &sp);
    }
    return n;
}

struct sbuf {
    char *buf;
    size_t size, len;
};

static void sbuf_put(char c, void *arg)
{
    struct sbuf *sb = arg;
    if (sb->len + 1 < sb->size)
        sb->buf[sb->len] = c;
    sb->len++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sbuf sb = { buf, size, 0 };
    int n = fmt_format(sbuf_put, &sb, fmt, ap);
    if (size > 0)
        buf[sb.len < size ? sb.len : size - 1] = '\0';
    return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
