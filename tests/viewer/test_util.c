/* test_util.c - the helpers of viewer_test.h (no tests here). */
#include "viewer_test.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void feed_trace(struct tv_session *s, const char *path, size_t chunk)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s (run the tests from the top folder)", path);
    static unsigned char buf[1 << 16];
    size_t n;
    if (chunk == 0 || chunk > sizeof(buf))
        chunk = sizeof(buf);
    while ((n = fread(buf, 1, chunk, f)) > 0)
        tv_session_feed(s, buf, n);
    fclose(f);
    tv_session_end(s);
}

struct tv_session *load_trace(const char *path, size_t chunk)
{
    struct tv_session *s = tv_session_new();
    cr_assert_not_null(s);
    feed_trace(s, path, chunk);
    return s;
}

const char *scratch_file(const char *name, const char *text)
{
    static char path[256];
    mkdir("build", 0755);
    mkdir("build/viewer-tests", 0755);
    snprintf(path, sizeof(path), "build/viewer-tests/%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

int task_id(const struct tv_session *s, const char *name)
{
    for (int id = 0; id < TR_TASKS; id++)
        if (strcmp(s->dec.meta.names[id], name) == 0)
            return id;
    return -1;
}
