/* sim.h - the simulator as a library: the unchanged kernel and user
 * programs run on the host, deterministically. build/bin/baton-sim is a
 * command line around it (sim/main.c); tests call sim_run() in-process.
 * docs/sim.md explains how it works and how it differs from hardware. */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SIM_TASKS_MAX 31          /* task ids 1..31 (TASK_MAX - 1) */
#define SIM_NAME_MAX  16          /* TASK_NAME_MAX, with the NUL */
#define SIM_PROGRAMS_MAX 64       /* "program NAME" lines in one manifest */

/* A user program linked into the simulator (sim/program.c). */
struct sim_program;

/* One line of a manifest: NAME PROG PRIO [send=P] [recv=P] [device=uart]
 * [privileged]. */
struct sim_task_spec {
    char name[SIM_NAME_MAX];
    const struct sim_program *program;
    int priority;                 /* 1..7 */
    uint32_t send_ports, recv_ports, irqs;   /* as in kernel/manifest.h */
    bool privileged;              /* may spawn and kill tasks */
};

struct sim_manifest {
    struct sim_task_spec task[SIM_TASKS_MAX];
    int count;
    /* "program NAME" lines: built in for task_spawn, not started. */
    const struct sim_program *program[SIM_PROGRAMS_MAX];
    int nprograms;
};

/* Add the tasks of one manifest file (the format of scripts/mkmanifest.sh)
 * to m. Problems go to err as "file:line: what is wrong"; returns 0, or -1
 * if there was any. */
int sim_manifest_load(struct sim_manifest *m, const char *path, FILE *err);
/* Add one manifest line (comments and blank lines are fine); file and
 * line only label the error messages. Returns 0 or -1. */
int sim_manifest_line(struct sim_manifest *m, const char *text,
                      const char *file, int line, FILE *err);

/* The programs: by name (NULL if unknown), their names, how many. */
const struct sim_program *sim_program_find(const char *name);
const char *sim_program_name(const struct sim_program *p);
void sim_program_list(FILE *out);          /* the names, several per line */

/* Why a run ended, and baton-sim's exit status for each. */
enum sim_end {
    SIM_END_FINISHED,   /* every task finished: exit 0 */
    SIM_END_POWEROFF,   /* the kernel stopped with a status, 1 after a panic */
    SIM_END_STUCK,      /* tasks remain, but nothing can ever happen: exit 3 */
    SIM_END_MAX_STEPS,  /* --max-steps reached: exit 4 */
};
enum {
    SIM_EXIT_OK = 0,
    SIM_EXIT_PANIC = 1,
    SIM_EXIT_USAGE = 2,           /* baton-sim: bad arguments or manifest */
    SIM_EXIT_STUCK = 3,
    SIM_EXIT_MAX_STEPS = 4,
};

struct sim_config {
    const struct sim_manifest *manifest;
    uint64_t seed;                /* the PRNG seed; 1 unless set */
    bool preempt;                 /* timer ticks at random syscall boundaries */
    uint64_t max_steps;           /* stop after this many steps; 0: no limit */
    const char *input;            /* bytes typed on the console, or NULL */
    size_t input_len;
    bool input_stdin;             /* then read more from stdin, when idle */
    bool input_phases;            /* input has "#@ TEXT" lines: the bytes after
                                     one wait until the console printed TEXT */
    FILE *console;                /* console output; NULL: stdout */
    FILE *report;                 /* the end-of-run report; NULL: none */
    /* Called at every syscall boundary (kernel state is consistent there),
     * before the call runs: for invariant checks. May be NULL. */
    void (*step_hook)(void *arg);
    void *hook_arg;
    /* The kernel command line, as a port passes it on (only "trace=MASK"
     * is understood: the boot mask of tracing). NULL: none. */
    const char *bootargs;
};

struct sim_result {
    enum sim_end end;
    int status;                   /* the exit status (SIM_EXIT_*, or poweroff's) */
    uint64_t steps;               /* syscalls plus idle wake-ups */
    uint64_t syscalls, switches, ticks, preemptions;
    uint64_t cycles;              /* virtual time at the end */
    size_t kstack_peak;           /* deepest kernel stack use seen, bytes */
};

/* Defaults: seed 1, nothing else. */
void sim_config_init(struct sim_config *cfg);
/* Boot the kernel with cfg's manifest and run until it powers off, gets
 * stuck or reaches max_steps. Every run starts from a fresh kernel, so runs
 * can follow each other in one process. Returns res->status. */
int sim_run(const struct sim_config *cfg, struct sim_result *res);
/* How user memory is kept apart on this host, one line: "pku ..." (x86
 * protection keys, and software keys too) or "nopku ..." (software keys
 * only: no PKU, or BATON_SIM_PKU=0). The first word names it for figures. */
const char *sim_mechanism(void);

#endif
