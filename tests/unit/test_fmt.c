/* test_fmt.c - lib/fmt.c, the printf shared by kernel, user and host. */
#include <criterion/criterion.h>
#include <baton/fmt.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>

static char buf[128];

#define FMT(...) (fmt_snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

Test(fmt, integers)
{
    cr_assert_str_eq(FMT("%d", 0), "0");
    cr_assert_str_eq(FMT("%d", -42), "-42");
    cr_assert_str_eq(FMT("%d", INT_MIN), "-2147483648");
    cr_assert_str_eq(FMT("%u", 4294967295u), "4294967295");
    cr_assert_str_eq(FMT("%x %X", 0xbeefu, 0xbeefu), "beef BEEF");
    cr_assert_str_eq(FMT("%lld", (long long)LLONG_MIN), "-9223372036854775808");
    cr_assert_str_eq(FMT("%llu", 18446744073709551615ull), "18446744073709551615");
    cr_assert_str_eq(FMT("%llx", 0x123456789abcdefull), "123456789abcdef");
    cr_assert_str_eq(FMT("%zu", (size_t)77), "77");
    cr_assert_str_eq(FMT("%ld", -7L), "-7");
}

Test(fmt, width_and_padding)
{
    cr_assert_str_eq(FMT("[%5d]", 42), "[   42]");
    cr_assert_str_eq(FMT("[%-5d]", 42), "[42   ]");
    cr_assert_str_eq(FMT("[%05d]", -42), "[-0042]");
    cr_assert_str_eq(FMT("[%08x]", 0xabcu), "[00000abc]");
    cr_assert_str_eq(FMT("[%-6s]", "ab"), "[ab    ]");
    cr_assert_str_eq(FMT("[%2s]", "long"), "[long]");
}

Test(fmt, strings_chars_pointers)
{
    cr_assert_str_eq(FMT("%s and %c", "text", 'x'), "text and x");
    cr_assert_str_eq(FMT("%s", (char *)NULL), "(null)");
    cr_assert_str_eq(FMT("%p", (void *)0x1000), "0x1000");
    cr_assert_str_eq(FMT("100%%"), "100%");
    /* An unknown conversion is printed as written (pragma: -Wformat knows). */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
    cr_assert_str_eq(FMT("%q"), "%q");
#pragma clang diagnostic pop
}

Test(fmt, truncation_always_terminates)
{
    char small[6];
    int n = fmt_snprintf(small, sizeof(small), "%s", "abcdefgh");
    cr_assert_eq(n, 8, "returns the length it would have made");
    cr_assert_str_eq(small, "abcde");
    memset(small, 'z', sizeof(small));
    cr_assert_eq(fmt_snprintf(small, 0, "abc"), 3);
    cr_assert_eq(small[0], 'z', "size 0 writes nothing");
}
