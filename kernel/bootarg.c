/* bootarg.c - finding "key=value" words on the kernel command line, for
 * the ports (tlb=..., asids=...) and tracing (trace=...). Runs before
 * paging and before printk may be used: no allocation, no output. */
#include "bootarg.h"

static bool is_end(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n';
}

const char *bootarg(const char *cmdline, const char *key)
{
    const char *found = NULL;
    if (!cmdline)
        return NULL;
    for (const char *s = cmdline; *s; s++) {
        if (s != cmdline && s[-1] != ' ')
            continue;                   /* only at the start of a word */
        const char *k = key, *p = s;
        while (*k && *p == *k)
            k++, p++;
        if (*k == '\0' && *p == '=')
            found = p + 1;
    }
    return found;
}

bool bootarg_is(const char *v, const char *word)
{
    if (!v)
        return false;
    while (*word && *v == *word)
        v++, word++;
    return *word == '\0' && is_end(*v);
}

unsigned bootarg_uint(const char *v, unsigned dflt)
{
    if (!v || *v < '0' || *v > '9')
        return dflt;
    unsigned n = 0;
    for (; *v >= '0' && *v <= '9'; v++)
        n = n * 10 + (unsigned)(*v - '0');
    return is_end(*v) ? n : dflt;
}
