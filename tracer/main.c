/* main.c - baton-trace: reads Baton's trace stream (the serial output of a
 * kernel, with console text and trace frames mixed). Today one mode,
 * --dump; the live viewer is to come as a second one. */
#include "tracer.h"
#include <stdio.h>
#include <string.h>

enum mode { MODE_NONE, MODE_DUMP };

static void usage(FILE *f)
{
    fprintf(f,
        "usage: baton-trace --dump FILE [--events-only]\n"
        "  --dump FILE     print the events of FILE (- for stdin), one per line,\n"
        "                  console text as \"console: ...\" lines, then the counts\n"
        "  --events-only   leave the console text out\n"
        "  --help          this text\n"
        "The format: docs/trace-format.md.\n");
}

int main(int argc, char **argv)
{
    struct tr_options o = { 0 };
    enum mode mode = MODE_NONE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
            mode = MODE_DUMP;
            o.input = argv[++i];
        } else if (strcmp(argv[i], "--events-only") == 0) {
            o.events_only = true;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "baton-trace: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    switch (mode) {
    case MODE_DUMP:
        return tr_dump(&o);
    default:
        usage(stderr);
        return 2;
    }
}
