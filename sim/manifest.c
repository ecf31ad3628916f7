/* manifest.c (sim) - manifests read at run time, in the format that
 * scripts/mkmanifest.sh compiles into QEMU images, one task per line:
 *     NAME  PROGRAM  PRIORITY  [send=PORT] [recv=PORT] [device=uart] [privileged]
 * or "program PROGRAM" (spawnable, not started), with the same rules and
 * clear messages for a line that breaks them. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "manifest.h"

#define WORDS_MAX 40

/* Report a problem as "file:line: what", as compilers do. */
__attribute__((format(printf, 4, 5)))
static int bad(FILE *err, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(err, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputc('\n', err);
    return -1;
}

/* A port number 0..31 as a bit, or 0 for a bad one. */
static uint32_t port_bit(const char *v)
{
    char *end;
    if (!isdigit((unsigned char)*v))
        return 0;
    long p = strtol(v, &end, 10);
    return *end || p > 31 ? 0 : 1u << p;
}

/* One grant word: send=P, recv=P or device=uart (irq=uart, its older
 * name, grants the same: the registers and the line). */
static int grant(struct sim_task_spec *t, const char *w, FILE *err,
                 const char *file, int line)
{
    uint32_t *ports = !strncmp(w, "send=", 5) ? &t->send_ports
                    : !strncmp(w, "recv=", 5) ? &t->recv_ports : NULL;
    if (ports) {
        uint32_t bit = port_bit(w + 5);
        if (!bit)
            return bad(err, file, line, "port must be 0..31, not \"%s\"", w + 5);
        *ports |= bit;
        return 0;
    }
    if (!strcmp(w, "device=uart") || !strcmp(w, "irq=uart")) {
        t->irqs |= 1u << MANIFEST_IRQ_UART;
        return 0;
    }
    if (!strcmp(w, "privileged")) {
        t->privileged = true;
        return 0;
    }
    return bad(err, file, line, "unknown grant \"%s\" (send=PORT, recv=PORT, device=uart, privileged)", w);
}

static int unknown_program(const char *name, FILE *err, const char *file, int line)
{
    bad(err, file, line, "no program \"%s\"; the simulator has:", name);
    sim_program_list(err);
    return -1;
}

/* "program NAME": built in for task_spawn, not started. */
static int program_line(struct sim_manifest *m, const char *name, FILE *err,
                        const char *file, int line)
{
    const struct sim_program *p = sim_program_find(name);
    if (!p)
        return unknown_program(name, err, file, line);
    if (m->nprograms == SIM_PROGRAMS_MAX)
        return bad(err, file, line, "more than %d program lines", SIM_PROGRAMS_MAX);
    m->program[m->nprograms++] = p;
    return 0;
}

/* Split text (modified) at blanks, up to a '#'. Returns the word count. */
static int split(char *text, char *w[WORDS_MAX])
{
    char *hash = strchr(text, '#');
    if (hash)
        *hash = '\0';
    int n = 0;
    for (char *s = strtok(text, " \t\r\n"); s && n < WORDS_MAX; s = strtok(NULL, " \t\r\n"))
        w[n++] = s;
    return n;
}

int sim_manifest_line(struct sim_manifest *m, const char *text,
                      const char *file, int line, FILE *err)
{
    char buf[512], *w[WORDS_MAX];
    if (strlen(text) >= sizeof(buf))
        return bad(err, file, line, "line longer than %zu characters", sizeof(buf) - 1);
    strcpy(buf, text);
    int n = split(buf, w);
    if (n == 0)
        return 0;
    if (n == 2 && !strcmp(w[0], "program"))
        return program_line(m, w[1], err, file, line);
    if (n < 3)
        return bad(err, file, line, "expected: NAME PROGRAM PRIORITY [grants], or: program PROGRAM");
    if (m->count == SIM_TASKS_MAX)
        return bad(err, file, line, "more than %d tasks", SIM_TASKS_MAX);
    struct sim_task_spec t = {0};
    if (strlen(w[0]) >= sizeof(t.name))
        return bad(err, file, line, "task name \"%s\" is longer than %zu characters",
                   w[0], sizeof(t.name) - 1);
    strcpy(t.name, w[0]);
    t.program = sim_program_find(w[1]);
    if (!t.program)
        return unknown_program(w[1], err, file, line);
    if (strlen(w[2]) != 1 || w[2][0] < '1' || w[2][0] > '7')
        return bad(err, file, line, "priority must be 1..7, not \"%s\"", w[2]);
    t.priority = w[2][0] - '0';
    for (int i = 3; i < n; i++)
        if (grant(&t, w[i], err, file, line) != 0)
            return -1;
    m->task[m->count++] = t;
    return 0;
}

int sim_manifest_load(struct sim_manifest *m, const char *path, FILE *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(err, "%s: cannot read it\n", path);
        return -1;
    }
    char text[1024];
    int line = 0, status = 0, before = m->count;
    while (fgets(text, sizeof(text), f)) {
        line++;
        if (sim_manifest_line(m, text, path, line, err) != 0)
            status = -1;
    }
    fclose(f);
    if (status == 0 && m->count == before) {
        fprintf(err, "%s: no tasks\n", path);
        status = -1;
    }
    return status;
}
