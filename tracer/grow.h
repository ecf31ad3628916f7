/* grow.h - growing an array by doubling, for the state model's and the
 * viewer's stores. A static inline helper rather than a module: each store
 * calls it once per added element, on the ingest path. */
#ifndef TRACER_GROW_H
#define TRACER_GROW_H

#include <stdbool.h>
#include <stdlib.h>

/* Make *p (of *cap elements of `size` bytes) hold `need` elements.
 * False, with *p untouched, when there is no memory. */
static inline bool tv_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

#endif
