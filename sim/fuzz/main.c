/* main.c (fuzz) - build/bin/baton-fuzz, a libFuzzer target over the real
 * kernel in the simulator. Each input is one run: its first bytes choose
 * the tasks (how many, priorities, ports granted, which driver program),
 * the seed and preemption; the rest feeds the tasks' operations (build.c).
 * A broken invariant stops the run, is reported, and aborts, so libFuzzer
 * keeps the input. docs/sim.md, "Fuzzing the kernel", tells how to run it.
 *   BATON_FUZZ_VERBOSE=1 build/bin/baton-fuzz CRASH   replays one input,
 *   printing every operation, its result and the console. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_int.h"
#include "internal.h"
#include "program.h"
#include "sched.h"

struct fz_run fz;
bool fz_verbose;
long fz_baseline_pages = -1;

static bool in_run;               /* inside sim_run: stop it on a violation */
static struct sim_result last_result;     /* of the run that ended last */
static char console_buf[64 << 10];
static FILE *console;

void fz_log(const char *fmt, ...)
{
    if (!fz_verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("[fuzz] ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}


/* ---- One run's tasks, from the input's first bytes ------------------------------- */

void fz_layout(struct fz_task *t, const struct sim_program *p)
{
    t->ro_start = (uint32_t)(uintptr_t)p->ro;
    t->data_start = (uint32_t)(uintptr_t)p->data;
    uint32_t end = (uint32_t)(uintptr_t)p->end;
    t->data_end = (end > t->data_start ? end + PAGE_SIZE - 1 : t->data_start + PAGE_SIZE) &
                  ~(uint32_t)(PAGE_SIZE - 1);
}

static void configure(struct sim_manifest *m, struct sim_config *cfg)
{
    fz.ntasks = 2 + fz_byte() % (FZ_TASKS_MAX - 1);
    uint8_t flags = fz_byte();
    cfg->preempt = flags & 1;
    /* A run of servers and clients: mostly messages, so that tasks wait for
     * each other, and calls and replies find their peer waiting (the IPC
     * fast path's case, kernel/fastpath.c). */
    fz.messages = flags & 4;
    cfg->seed = 1 + (fz_byte() | (uint64_t)fz_byte() << 8);
    if (flags & 2) {              /* console input: UART interrupts, when idle */
        size_t n = fz_byte() % 48;
        n = n < fz.len - fz.pos ? n : fz.len - fz.pos;
        cfg->input = (const char *)fz.in + fz.pos;
        cfg->input_len = n;
        fz.pos += n;
    }
    memset(m, 0, sizeof(*m));
    for (int i = 0; i < fz.ntasks; i++) {
        uint8_t prio = fz_byte(), grants = fz_byte(), how = fz_byte();
        struct sim_task_spec *s = &m->task[m->count++];
        struct fz_task *t = &fz.task[i + 1];
        char prog[16];
        t->used = true;
        t->prog = how & 1 ? 1 : i + 1;
        snprintf(prog, sizeof(prog), "fz_driver%d", t->prog);
        snprintf(s->name, sizeof(s->name), "fz%d", i + 1);
        s->program = sim_program_find(prog);
        if (!s->program)
            fz_fail("no program %s in this build", prog);
        fz_layout(t, s->program);
        /* Mostly one priority, so that preemption interleaves them. */
        s->priority = prio & 0x80 ? 1 + prio % 7 : 3;
        /* Ports 0..3. A zero byte grants sending on all and receiving on
         * none: a receiver takes a bit the fuzzer sets. */
        t->send_ports = s->send_ports = ~grants & 0xf;
        t->recv_ports = s->recv_ports = grants >> 4;
        t->irqs = s->irqs = how & 2 ? 1 : 0;
        /* The first task supervises the others and may spawn and kill. */
        t->privileged = s->privileged = i == 0;
    }
    /* Every driver program can be spawned. */
    for (int k = 1; k <= FZ_PROGRAMS; k++) {
        char prog[16];
        snprintf(prog, sizeof(prog), "fz_driver%d", k);
        m->program[m->nprograms++] = sim_program_find(prog);
    }
}

/* ---- Reporting -------------------------------------------------------------------------- */

static void show_console(long from)
{
    long n = ftell(console);
    if (n <= 0)
        return;
    if (n > (long)sizeof(console_buf))
        n = (long)sizeof(console_buf);
    if (from < n - 4096 && !fz_verbose)
        from = n - 4096;
    fprintf(stderr, "---- console%s ----\n", from > 0 ? " (its end)" : "");
    fwrite(console_buf + from, 1, (size_t)(n - from), stderr);
    fprintf(stderr, "\n---- end of console ----\n");
}

static void report(const struct sim_result *res)
{
    fprintf(stderr, "baton-fuzz: INVARIANT BROKEN: %s\n", fz.why);
    fprintf(stderr, "baton-fuzz: %d tasks, %u operations, input byte %zu of %zu\n",
            fz.ntasks, fz.seq, fz.pos, fz.len);
    show_console(0);
    sim_report(stderr, res);
    fprintf(stderr, "baton-fuzz: replay with BATON_FUZZ_VERBOSE=1 baton-fuzz FILE\n");
}

/* The first violation is the one reported. In a run, the run stops at
 * once and run_one reports; after it, the report is made here. */
_Noreturn void fz_fail(const char *fmt, ...)
{
    if (!fz.failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(fz.why, sizeof(fz.why), fmt, ap);
        va_end(ap);
        fz.failed = true;
    }
    if (in_run)
        sim_stop(SIM_END_POWEROFF, FZ_STATUS_VIOLATION);
    report(&last_result);
    abort();
}

/* ---- libFuzzer's entry points ------------------------------------------------------------ */

static int run_one(const uint8_t *data, size_t size)
{
    static struct sim_manifest m;
    struct sim_config cfg;
    memset(&fz, 0, sizeof(fz));
    fz.in = data;
    fz.len = size;
    sim_config_init(&cfg);
    configure(&m, &cfg);
    cfg.manifest = &m;
    cfg.max_steps = FZ_MAX_STEPS;
    cfg.step_hook = fz_step_hook;
    rewind(console);
    cfg.console = console;
    in_run = true;
    sim_run(&cfg, &last_result);
    in_run = false;
    fflush(console);
    if (!fz.failed)
        fz_check_end(&last_result);       /* reports and aborts on a violation */
    if (fz_verbose) {
        show_console(0);
        sim_report(stderr, &last_result);
        fprintf(stderr, "baton-fuzz: deepest kernel stack use %zu of %d bytes\n",
                last_result.kstack_peak, KSTACK_SIZE);
        fprintf(stderr, "baton-fuzz: IPC fast path taken %u times\n", fz.fastpath);
    }
    if (fz.failed) {
        report(&last_result);
        abort();
    }
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *v = getenv("BATON_FUZZ_VERBOSE");
    fz_verbose = v && *v && strcmp(v, "0") != 0;
    console = fmemopen(console_buf, sizeof(console_buf), "w");
    if (!console)
        abort();
    /* The empty input: two tasks that exit at once. It measures the pages
     * the kernel holds with no task at all, the baseline of check.c. */
    bool verbose = fz_verbose;
    fz_verbose = false;
    run_one(NULL, 0);
    fz_verbose = verbose;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return run_one(data, size);
}

/* ---- The fast path, counted ------------------------------------------------------- */

/* kernel/fastpath.c calls this where it says sched_handoff (fuzz.mk): only
 * when its common case holds, so each call is one fast-path syscall. */
error_t fz_fastpath_handoff(enum task_block why, struct task *next)
{
    fz.fastpath++;
    return sched_handoff(why, next);
}
