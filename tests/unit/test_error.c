/* test_error.c - every error code has its own name; unknown codes do too. */
#include <criterion/criterion.h>
#include <baton/error.h>
#include <string.h>

Test(error, every_code_named_and_distinct)
{
    static const struct { int code; const char *name; } all[] = {
#define ROW(name, value, str) { value, #name },
        BATON_ERRORS(ROW)
#undef ROW
    };
    size_t n = sizeof(all) / sizeof(all[0]);
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(err2str(all[i].code), all[i].name);
        cr_assert(all[i].code <= 0, "%s is not negative", all[i].name);
        for (size_t j = i + 1; j < n; j++)
            cr_assert_neq(all[i].code, all[j].code, "%s and %s share a code",
                          all[i].name, all[j].name);
    }
}

Test(error, seed_names)
{
    cr_assert_eq(AX_OK, OK);
    cr_assert_eq(OK, 0);
    cr_assert_str_eq(err2str(12345), "ERR_UNKNOWN");
    cr_assert_str_eq(err2str(ERR_DEADLOCK), "ERR_DEADLOCK");
}
