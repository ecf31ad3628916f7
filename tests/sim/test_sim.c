/* test_sim.c - Criterion tests of the simulator, run in-process through
 * sim_run() (sim/sim.h): determinism, schedule exploration over 1,000
 * seeds, how runs end and what the report says, faults, manifests. The
 * programs are the QEMU tests' own (tests/qemu/progs/). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"

struct run {
    char *out;                    /* the console */
    char *report;                 /* the end-of-run report */
    struct sim_result res;
};

static struct sim_manifest *load(const char *path)
{
    static struct sim_manifest m;
    memset(&m, 0, sizeof(m));
    cr_assert_eq(sim_manifest_load(&m, path, stderr), 0, "cannot load %s", path);
    return &m;
}

static struct run run_cfg(struct sim_config *cfg)
{
    struct run r = { 0 };
    size_t n1, n2;
    FILE *out = open_memstream(&r.out, &n1), *rep = open_memstream(&r.report, &n2);
    cr_assert(out && rep);
    cfg->console = out;
    cfg->report = rep;
    sim_run(cfg, &r.res);
    fclose(out);
    fclose(rep);
    return r;
}

static struct run run(const char *manifest, uint64_t seed, bool preempt)
{
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.manifest = load(manifest);
    cfg.seed = seed;
    cfg.preempt = preempt;
    return run_cfg(&cfg);
}

static void done(struct run *r)
{
    free(r->out);
    free(r->report);
}

/* ---- determinism ---------------------------------------------------------- */

Test(determinism, same_seed_same_run)
{
    for (int preempt = 0; preempt <= 1; preempt++) {
        struct run a = run("tests/qemu/prodcons.manifest", 42, preempt);
        struct run b = run("tests/qemu/prodcons.manifest", 42, preempt);
        cr_assert_str_eq(a.out, b.out, "seed 42 (preempt %d) gave two outputs", preempt);
        cr_assert_eq(a.res.syscalls, b.res.syscalls);
        cr_assert_eq(a.res.switches, b.res.switches);
        cr_assert_eq(a.res.cycles, b.res.cycles);
        done(&a);
        done(&b);
    }
}

/* Without --preempt the seed plays no part: the kernel's own schedule. */
Test(determinism, no_preempt_ignores_seed)
{
    struct run a = run("tests/qemu/fanin.manifest", 1, false);
    struct run b = run("tests/qemu/fanin.manifest", 77, false);
    cr_assert_str_eq(a.out, b.out);
    done(&a);
    done(&b);
}

Test(determinism, seeds_give_other_interleavings)
{
    char *seen[20];
    int distinct = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        struct run r = run("tests/qemu/prodcons.manifest", seed, true);
        cr_assert_eq(r.res.status, 0, "seed %lu: %s", (unsigned long)seed, r.out);
        int i = 0;
        while (i < distinct && strcmp(seen[i], r.out) != 0)
            i++;
        if (i == distinct)
            seen[distinct++] = r.out;
        else
            free(r.out);
        free(r.report);
    }
    cr_log_info("20 seeds, %d distinct outputs", distinct);
    cr_assert_geq(distinct, 2, "20 seeds all gave the same interleaving");
    for (int i = 0; i < distinct; i++)
        free(seen[i]);
}

/* ---- schedule exploration ------------------------------------------------------ */

/* Run manifest with --preempt under seeds 1..n: every run must finish with
 * the program's verdict line and no FAIL. Returns how many distinct orders
 * (the "NAME: order DIGEST" line) were seen. */
static int explore(const char *manifest, const char *verdict, const char *order, int n)
{
    static unsigned digests[1000];
    int distinct = 0;
    cr_assert_leq(n, 1000);
    for (int seed = 1; seed <= n; seed++) {
        struct run r = run(manifest, (uint64_t)seed, true);
        cr_assert_eq(r.res.status, 0, "seed %d: status %d\n%s%s", seed, r.res.status,
                     r.out, r.report);
        cr_assert(strstr(r.out, verdict), "seed %d: no \"%s\"\n%s", seed, verdict, r.out);
        cr_assert(!strstr(r.out, "FAIL"), "seed %d:\n%s", seed, r.out);
        const char *o = strstr(r.out, order);
        cr_assert(o, "seed %d: no \"%s\"", seed, order);
        unsigned d = (unsigned)strtoul(o + strlen(order), NULL, 16);
        int i = 0;
        while (i < distinct && digests[i] != d)
            i++;
        if (i == distinct)
            digests[distinct++] = d;
        done(&r);
    }
    return distinct;
}

Test(explore, prodcons_1000_seeds, .timeout = 300)
{
    int n = explore("tests/qemu/prodcons.manifest",
                    "PASS prodcons: every item exactly once, in its producer's order",
                    "prodcons: order ", 1000);
    cr_log_info("prodcons: 1000 seeds, %d distinct orders", n);
    cr_assert_geq(n, 10, "too few interleavings explored: %d", n);
}

Test(explore, fanin_1000_seeds, .timeout = 300)
{
    int n = explore("tests/qemu/fanin.manifest",
                    "PASS fanin: every message exactly once, FIFO per sender",
                    "fanin: order ", 1000);
    cr_log_info("fanin: 1000 seeds, %d distinct orders", n);
    cr_assert_geq(n, 10, "too few interleavings explored: %d", n);
}

/* ---- how runs end ---------------------------------------------------------------- */

static struct sim_manifest *lines(const char *const text[])
{
    static struct sim_manifest m;
    memset(&m, 0, sizeof(m));
    for (int i = 0; text[i]; i++)
        cr_assert_eq(sim_manifest_line(&m, text[i], "test", i + 1, stderr), 0);
    return &m;
}

Test(end, finished)
{
    struct run r = run("tests/qemu/ipc_call.manifest", 1, false);
    cr_assert_eq(r.res.end, SIM_END_FINISHED);
    cr_assert_eq(r.res.status, SIM_EXIT_OK);
    cr_assert(strstr(r.report, "every task finished"), "%s", r.report);
    done(&r);
}

/* The echo driver waits for input that never comes, the seed server for
 * messages: nothing can happen, the report says who waits for what. */
Test(end, stuck_and_report)
{
    const char *const text[] = { "echo demo_echo 5", "srv seed_server 2",
                                 "cli seed_client 2", "uart uart 6 device=uart", NULL };
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.manifest = lines(text);
    struct run r = run_cfg(&cfg);
    cr_assert_eq(r.res.end, SIM_END_STUCK);
    cr_assert_eq(r.res.status, SIM_EXIT_STUCK);
    cr_assert(strstr(r.report, "stuck"), "%s", r.report);
    cr_assert(strstr(r.report, "task 1 (echo), priority 5: calling: waiting for the reply "
                               "of 4 (uart)"), "%s", r.report);
    cr_assert(strstr(r.report, "task 4 (uart), priority 6: receiving from any task"),
              "%s", r.report);
    done(&r);
}

Test(end, max_steps)
{
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.manifest = load("tests/qemu/sched.manifest");
    cfg.max_steps = 1000;
    struct run r = run_cfg(&cfg);
    cr_assert_eq(r.res.end, SIM_END_MAX_STEPS);
    cr_assert_eq(r.res.status, SIM_EXIT_MAX_STEPS);
    cr_assert_eq(r.res.steps, 1000);
    cr_assert(strstr(r.report, "max-steps"), "%s", r.report);
    done(&r);
}

/* Console input arrives when every task waits (the driver is ready). */
Test(end, console_input)
{
    static const char typed[] = "baton irq test: 0123456789 abcdefghij\n";
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.manifest = load("tests/qemu/ipc_irq.manifest");
    cfg.input = typed;
    cfg.input_len = sizeof(typed) - 1;
    struct run r = run_cfg(&cfg);
    cr_assert_eq(r.res.status, 0, "%s", r.out);
    cr_assert(strstr(r.out, "PASS irq: the registers give the bytes that were typed"), "%s", r.out);
    cr_assert(!strstr(r.out, "FAIL"), "%s", r.out);
    done(&r);
}

/* Faults in user code kill the task, run after run in one process. */
Test(end, faults_again_and_again)
{
    for (int i = 0; i < 3; i++) {
        struct run r = run("tests/qemu/isolation.manifest", 1, false);
        cr_assert_eq(r.res.status, 0, "%s", r.out);
        cr_assert(strstr(r.out, "(wild4) killed: load page fault"), "%s", r.out);
        cr_assert(strstr(r.out, "(wild3) killed: illegal instruction"), "%s", r.out);
        cr_assert(strstr(r.out, "(wild1) killed: store page fault"), "%s", r.out);
        cr_assert(!strstr(r.out, "FAIL"), "%s", r.out);
        done(&r);
    }
}

/* 8 KiB kernel stacks (kernel/task.h) must do on the host too, with ASan. */
Test(end, kernel_stacks_suffice)
{
    static const char *const manifests[] = {
        "tests/qemu/ipc_fault.manifest", "tests/qemu/chan_sizes.manifest",
        "tests/qemu/ipc_errors.manifest", "tests/qemu/syscalls.manifest", NULL,
    };
    size_t peak = 0;
    for (int i = 0; manifests[i]; i++) {
        struct run r = run(manifests[i], 1, false);
        peak = r.res.kstack_peak > peak ? r.res.kstack_peak : peak;
        done(&r);
    }
    cr_log_info("deepest kernel stack: %zu bytes of 8192", peak);
    cr_assert_lt(peak, 8192 * 3 / 4, "kernel stacks used to %zu bytes of 8192", peak);
}

/* ---- manifests ---------------------------------------------------------------- */

static char *line_error(const char *text)
{
    static struct sim_manifest m;
    char *msg = NULL;
    size_t n;
    FILE *err = open_memstream(&msg, &n);
    memset(&m, 0, sizeof(m));
    int status = sim_manifest_line(&m, text, "my.manifest", 7, err);
    fclose(err);
    cr_assert_eq(status, -1, "\"%s\" was accepted", text);
    return msg;
}

static void expect_error(const char *text, const char *want)
{
    char *msg = line_error(text);
    cr_assert(strstr(msg, want), "\"%s\": got \"%s\", want \"%s\"", text, msg, want);
    cr_assert(!strncmp(msg, "my.manifest:7: ", 15), "no file:line in \"%s\"", msg);
    free(msg);
}

Test(manifest, errors_say_file_line_and_what)
{
    expect_error("a hello", "expected: NAME PROGRAM PRIORITY");
    expect_error("a hello 9", "priority must be 1..7, not \"9\"");
    expect_error("a hello 3 send=32", "port must be 0..31, not \"32\"");
    expect_error("a hello 3 recv=x", "port must be 0..31");
    expect_error("a hello 3 irq=disk", "unknown grant \"irq=disk\"");
    expect_error("averyveryverylongname hello 3", "longer than 15 characters");
    expect_error("a nosuchprog 3", "no program \"nosuchprog\"");
}

Test(manifest, unknown_program_lists_the_known_ones)
{
    char *msg = line_error("a nosuchprog 3");
    cr_assert(strstr(msg, "hello") && strstr(msg, "c_call"), "%s", msg);
    free(msg);
}

Test(manifest, grants_and_comments)
{
    static struct sim_manifest m;
    cr_assert_eq(sim_manifest_line(&m, "# a comment", "t", 1, stderr), 0);
    cr_assert_eq(sim_manifest_line(&m, "   ", "t", 2, stderr), 0);
    cr_assert_eq(sim_manifest_line(&m, "srv hello 4 recv=1 send=2 send=31 irq=uart # x",
                                   "t", 3, stderr), 0);
    cr_assert_eq(m.count, 1);
    cr_assert_str_eq(m.task[0].name, "srv");
    cr_assert_str_eq(sim_program_name(m.task[0].program), "hello");
    cr_assert_eq(m.task[0].priority, 4);
    cr_assert_eq(m.task[0].recv_ports, 1u << 1);
    cr_assert_eq(m.task[0].send_ports, (1u << 2) | (1u << 31));
    cr_assert_eq(m.task[0].irqs, 1u);
}

/* ---- hooks ------------------------------------------------------------------------ */

static void count(void *arg)
{
    (*(uint64_t *)arg)++;
}

/* The step hook runs at every system call, before it: checkers (the fuzzer,
 * say) see the kernel between any two calls. */
Test(hooks, step_hook_sees_every_syscall)
{
    uint64_t calls = 0;
    struct sim_config cfg;
    sim_config_init(&cfg);
    cfg.manifest = load("tests/qemu/smoke.manifest");
    cfg.step_hook = count;
    cfg.hook_arg = &calls;
    struct run r = run_cfg(&cfg);
    cr_assert_eq(r.res.status, 0, "%s", r.out);
    cr_assert_eq(calls, r.res.syscalls);
    done(&r);
}
