/* test_string.c - lib/string.c: the word-at-a-time memcpy and memset give
 * the same bytes as a byte loop at every alignment and length, touch
 * nothing outside their range, and memmove copes with overlap. */
#include <criterion/criterion.h>
#include <stdint.h>

/* lib/string.c under its own names: the host C library keeps memcpy. */
void *baton_memcpy(void *dst, const void *src, size_t n);
void *baton_memmove(void *dst, const void *src, size_t n);
void *baton_memset(void *dst, int c, size_t n);

#define SIZE 96

static void pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

Test(string, memcpy_every_alignment_and_length)
{
    unsigned char src[SIZE], dst[SIZE], want[SIZE];
    for (size_t so = 0; so < 8; so++)
        for (size_t d = 0; d < 8; d++)
            for (size_t n = 0; n + 8 < SIZE; n++) {
                pattern(src, SIZE, 1);
                pattern(dst, SIZE, 100);
                pattern(want, SIZE, 100);
                for (size_t i = 0; i < n; i++)
                    want[d + i] = src[so + i];
                cr_assert_eq(baton_memcpy(dst + d, src + so, n), dst + d);
                cr_assert_arr_eq(dst, want, SIZE, "src+%zu dst+%zu len %zu", so, d, n);
            }
}

Test(string, memset_every_alignment_and_length)
{
    unsigned char dst[SIZE], want[SIZE];
    for (size_t d = 0; d < 8; d++)
        for (size_t n = 0; n + 8 < SIZE; n++) {
            pattern(dst, SIZE, 3);
            pattern(want, SIZE, 3);
            for (size_t i = 0; i < n; i++)
                want[d + i] = 0xa5;
            cr_assert_eq(baton_memset(dst + d, 0x1a5, n), dst + d); /* c is cut to a byte */
            cr_assert_arr_eq(dst, want, SIZE, "dst+%zu len %zu", d, n);
        }
}

Test(string, memmove_overlap_both_ways)
{
    unsigned char buf[SIZE], want[SIZE];
    for (int shift = -9; shift <= 9; shift++)
        for (size_t n = 0; n < 60; n++) {
            size_t from = 20, to = (size_t)(20 + shift);
            pattern(buf, SIZE, 5);
            pattern(want, SIZE, 5);
            for (size_t i = 0; i < n; i++)     /* the bytes as they were */
                want[to + i] = (unsigned char)(5 + (from + i) * 7);
            baton_memmove(buf + to, buf + from, n);
            cr_assert_arr_eq(buf, want, SIZE, "shift %d len %zu", shift, n);
        }
}
