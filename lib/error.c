/* error.c - err2str(): the name of every error code, for kernel and user. */
#include <baton/error.h>

const char *err2str(error_t err)
{
    switch (err) {
#define BATON_ERROR_CASE(name, value, str) case value: return str;
        BATON_ERRORS(BATON_ERROR_CASE)
#undef BATON_ERROR_CASE
    }
    return "ERR_UNKNOWN";
}
