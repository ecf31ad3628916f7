/* main.c (sim) - build/bin/baton-sim: run manifests of user programs on the
 * kernel, on the host (docs/sim.md). */
#include <errno.h>
#include <stdnoreturn.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"
#include "lua/simlua.h"

static const char usage[] =
    "usage: baton-sim [options] MANIFEST...\n"
    "       baton-sim [options] SCENARIO.lua\n"
    "Boots the kernel with the tasks of the manifests (in order: ids 1, 2...)\n"
    "and runs them until every task finished, the kernel stopped, or nothing\n"
    "can happen any more; then says what every task was doing (on stderr).\n"
    "A .lua file is a Lua scenario: tasks whose bodies are Lua (docs/sim.md).\n"
    "  --seed N          seed of the random choices (default 1)\n"
    "  --preempt         preempt at random system calls: --seed picks where\n"
    "  --max-steps N     stop after N steps (system calls and idle wake-ups)\n"
    "  --input TEXT      type TEXT on the console (\\n, \\t, \\\\ understood)\n"
    "  --input-file F    type the bytes of file F on the console\n"
    "  --input-phases F  the same, in phases: after a line \"#@ TEXT\", once\n"
    "                    the console has printed TEXT (as tests/qemu/run.sh)\n"
    "  --stdin           type what arrives on stdin, when it arrives\n"
    "  --task \"LINE\"     add a task, as a manifest line: NAME PROGRAM PRIORITY...\n"
    "  --list            list the programs and exit\n"
    "  --trace MASK      trace from boot: all, none, ipc,sched,... or 0x1ff\n"
    "                    (frames mixed with the console: baton-trace reads them)\n"
    "  --quiet           no report at the end\n"
    "  --verbose, -v     say how user memory is isolated on this host (PKU or\n"
    "                    not: BATON_SIM_PKU=0 forces software keys only)\n"
    "Exit status: 0 every task finished; 1 kernel panic (or the kernel's\n"
    "poweroff status); 2 bad arguments; 3 stuck; 4 --max-steps reached.\n";

static noreturn void fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "baton-sim: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(baton-sim --help for the options)\n");
    exit(SIM_EXIT_USAGE);
}

/* A Lua scenario, not a manifest: its name ends in .lua. */
static bool is_scenario(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".lua") == 0;
}

static uint64_t number(const char *opt, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long n = v ? strtoull(v, &end, 0) : 0;
    if (!v || !*v || *end || errno)
        fail("%s wants a number", opt);
    return n;
}

/* TEXT with C escapes undone, in place; returns its length. */
static size_t unescape(char *s)
{
    char *start = s, *d = s;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            *d++ = *s;
            continue;
        }
        s++;
        *d++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s;
    }
    return (size_t)(d - start);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail("cannot read %s", path);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        fail("out of memory reading %s", path);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    static struct sim_manifest manifest;
    const char *scenario = NULL;
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.report = stderr;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--list")) {
            sim_program_list(stdout);
            return 0;
        } else if (!strcmp(a, "--seed")) {
            cfg.seed = number(a, v), i++;
        } else if (!strcmp(a, "--max-steps")) {
            cfg.max_steps = number(a, v), i++;
        } else if (!strcmp(a, "--preempt")) {
            cfg.preempt = true;
        } else if (!strcmp(a, "--trace") && v) {
            static char args[128];
            snprintf(args, sizeof(args), "trace=%s", v);
            cfg.bootargs = args, i++;
        } else if (!strcmp(a, "--quiet")) {
            cfg.report = NULL;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            fprintf(stderr, "baton-sim: address spaces: %s\n", sim_mechanism());
        } else if (!strcmp(a, "--stdin")) {
            cfg.input_stdin = true;
        } else if (!strcmp(a, "--input") && v) {
            char *text = strdup(v);
            cfg.input_len = unescape(text);
            cfg.input = text, i++;
        } else if (!strcmp(a, "--input-file") && v) {
            cfg.input = read_file(v, &cfg.input_len), i++;
        } else if (!strcmp(a, "--input-phases") && v) {
            cfg.input = read_file(v, &cfg.input_len), i++;
            cfg.input_phases = true;
        } else if (!strcmp(a, "--task") && v) {
            bad |= sim_manifest_line(&manifest, v, "--task", 1, stderr), i++;
        } else if (a[0] == '-') {
            fail("unknown option %s", a);
        } else if (is_scenario(a)) {
            if (scenario)
                fail("one scenario at a time, not %s too", a);
            scenario = a;
        } else {
            bad |= sim_manifest_load(&manifest, a, stderr);
        }
    }
    if (bad)
        return SIM_EXIT_USAGE;
    if (scenario && manifest.count)
        fail("%s", "a scenario declares its own tasks: no manifests or --task with it");
    if (scenario)
        return simlua_main(scenario, &cfg);
    if (manifest.count == 0)
        fail("%s", "no tasks: give a manifest file or --task");
    cfg.manifest = &manifest;
    struct sim_result res;
    return sim_run(&cfg, &res);
}
