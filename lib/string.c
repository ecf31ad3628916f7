/* string.c - memory and string functions for the kernel and user programs.
 * Plain loops. memcpy and memset move a word at a time when they can: they
 * carry every message and channel transfer, and a byte loop made memcpy the
 * largest single cost of an IPC round trip (scripts/profile.sh shows it). */
#include <baton/string.h>
#include <stdint.h>

/* A word that may alias any other type, so that copying a struct message
 * as words is defined behaviour whatever its buffer was declared as. */
typedef uint32_t __attribute__((may_alias)) word_t;

static int word_aligned(const void *a, const void *b)
{
    return ((uintptr_t)a | (uintptr_t)b) % sizeof(word_t) == 0;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (word_aligned(d, s)) {
        for (; n >= sizeof(word_t); n -= sizeof(word_t)) {
            *(word_t *)d = *(const word_t *)s;
            d += sizeof(word_t);
            s += sizeof(word_t);
        }
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s)
        return memcpy(dst, src, n);
    while (n--)                 /* overlapping, dst above src: copy backwards */
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    if (word_aligned(d, d)) {
        word_t w = (unsigned char)c * 0x01010101u;    /* c in every byte */
        for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t))
            *(word_t *)d = w;
    }
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void bzero(void *dst, size_t n)
{
    memset(dst, 0, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n--; x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    for (; *a && *a == *b; a++, b++)
        ;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n && *a && *a == *b; n--, a++, b++)
        ;
    return n ? (unsigned char)*a - (unsigned char)*b : 0;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}
