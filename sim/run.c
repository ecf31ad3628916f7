/* run.c (sim) - one run of the simulated machine: reset everything, boot
 * the kernel on a stack of its own, and come back here when it powers off,
 * gets stuck or runs out of steps. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "manifest.h"
#include "asan.h"
#include "trace.h"

struct sim_state sim;

/* The kernel's manifest (kernel/manifest.h). The build renames the
 * kernel's references to manifest_tasks and manifest_count to these, which
 * sim_run fills from the configuration before each boot. */
struct manifest_task sim_manifest_tasks[SIM_TASKS_MAX];
int sim_manifest_count;
/* And its programs, for task_spawn: the tasks' and the "program" lines'. */
struct manifest_program sim_manifest_programs[SIM_TASKS_MAX + SIM_PROGRAMS_MAX];
int sim_manifest_program_count;

/* Make program p one the kernel can spawn, once. */
static void add_program(const struct sim_program *p)
{
    const char *name = sim_program_name(p);
    for (int i = 0; i < sim_manifest_program_count; i++)
        if (sim_manifest_programs[i].name == name)
            return;
    size_t size;
    const unsigned char *elf = sim_program_image(p, &size);
    sim_manifest_programs[sim_manifest_program_count++] =
        (struct manifest_program){ .name = name, .elf = elf, .elf_end = elf + size };
}

/* The kernel's writable data and zeroed data, gathered by the build into
 * two sections of their own (sim/kernel-r.ld), so that every run can start
 * from the kernel's initial state: static tables and all. */
/* Weak: a kernel without initialised data has no sim_kdata at all. */
extern unsigned char __start_sim_kdata[] __attribute__((weak));
extern unsigned char __stop_sim_kdata[] __attribute__((weak));
extern unsigned char __start_sim_kbss[] __attribute__((weak));
extern unsigned char __stop_sim_kbss[] __attribute__((weak));
static unsigned char *kdata_initial;

static unsigned char boot_stack[64 << 10] __attribute__((aligned(16)));
static uint64_t host_sp;                 /* sim_run's context, during a run */
static const void *host_stack;           /* and its stack, for ASan */
static size_t host_stack_size;

/* Plain copies: ASan would object to the redzones between globals, and the
 * compiler must not turn the loops into (intercepted) memcpy. Word by word
 * where aligned: they run before every run, over a few hundred KiB. */
typedef uint64_t __attribute__((may_alias)) raw_word;

__attribute__((no_sanitize("address"), no_builtin))
static void raw_copy(unsigned char *dst, const unsigned char *src, size_t n)
{
    size_t i = 0;
    if ((uintptr_t)dst % 8 == (uintptr_t)src % 8) {
        for (; i < n && (uintptr_t)(dst + i) % 8; i++)
            dst[i] = src[i];
        for (; i + 8 <= n; i += 8)
            *(raw_word *)(dst + i) = *(const raw_word *)(src + i);
    }
    for (; i < n; i++)
        dst[i] = src[i];
}

__attribute__((no_sanitize("address"), no_builtin))
static void raw_zero(unsigned char *dst, size_t n)
{
    size_t i = 0;
    for (; i < n && (uintptr_t)(dst + i) % 8; i++)
        dst[i] = 0;
    for (; i + 8 <= n; i += 8)
        *(raw_word *)(dst + i) = 0;
    for (; i < n; i++)
        dst[i] = 0;
}

static void kernel_reset(void)
{
    size_t n = (size_t)(__stop_sim_kdata - __start_sim_kdata);
    if (!kdata_initial) {             /* first run: the kernel never ran */
        kdata_initial = malloc(n ? n : 1);
        if (!kdata_initial)
            abort();
        raw_copy(kdata_initial, __start_sim_kdata, n);
    }
    raw_copy(__start_sim_kdata, kdata_initial, n);
    raw_zero(__start_sim_kbss, (size_t)(__stop_sim_kbss - __start_sim_kbss));
}

static void init_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    sim_programs_init();          /* copies the programs' data out of the window */
    sim_mem_init();               /* then reserves the window */
    sim_faults_init();
}

static void set_manifest(const struct sim_manifest *m)
{
    sim_manifest_count = m ? m->count : 0;
    sim_manifest_program_count = 0;
    for (int i = 0; m && i < m->nprograms; i++)
        add_program(m->program[i]);
    for (int i = 0; i < sim_manifest_count; i++) {
        const struct sim_task_spec *s = &m->task[i];
        size_t size;
        const unsigned char *elf = sim_program_image(s->program, &size);
        sim_manifest_tasks[i] = (struct manifest_task){
            .name = s->name, .elf = elf, .elf_end = elf + size,
            .priority = s->priority, .send_ports = s->send_ports,
            .recv_ports = s->recv_ports, .irqs = s->irqs,
            .privileged = s->privileged,
        };
        add_program(s->program);
    }
}

/* The boot context: the kernel starts as after the port's boot code. */
static noreturn void boot(void *arg)
{
    (void)arg;
    sim_asan_finish(NULL, &host_stack, &host_stack_size);
    trace_boot_args(sim.cfg->bootargs);    /* as the ports do, before kernel_main */
    kernel_main();
}

void sim_config_init(struct sim_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->seed = 1;
}

const char *sim_mechanism(void)
{
    init_once();
    return sim_window_mechanism();
}

int sim_run(const struct sim_config *cfg, struct sim_result *res)
{
    init_once();
    kernel_reset();
    memset(&sim, 0, sizeof(sim));
    sim.cfg = cfg;
    sim.out = cfg->console ? cfg->console : stdout;
    sim_time_reset(cfg);
    sim_tasks_reset();
    sim_mem_reset();
    set_manifest(cfg->manifest);

    sim_asan_unpoison(boot_stack, sizeof(boot_stack));
    uint64_t sp = sim_ctx_new(boot_stack + sizeof(boot_stack), boot, NULL);
    sim_switch_to(&host_sp, sp, boot_stack, sizeof(boot_stack));
    /* Back from sim_stop(): the run is over. */
    fflush(sim.out);
    *res = (struct sim_result){
        .end = sim.end, .status = sim.status, .steps = sim.steps,
        .syscalls = sim.syscalls, .switches = sim.switches, .ticks = sim.ticks,
        .preemptions = sim.preemptions, .cycles = sim.now,
        .kstack_peak = sim_kstack_peak(),
    };
    if (cfg->report)
        sim_report(cfg->report, res);
    return res->status;
}

/* End the run from wherever the machine is (any kernel stack): back to
 * sim_run, leaving the kernel as it is for the report. */
noreturn void sim_stop(enum sim_end end, int status)
{
    sim.end = end;
    sim.status = status;
    sim_in_user = 0;
    uint64_t abandoned;
    sim_asan_start(NULL, host_stack, host_stack_size);
    sim_ctx_switch(&abandoned, host_sp);
    __builtin_unreachable();
}

noreturn void arch_poweroff(int status)
{
    sim_stop(status == 0 ? SIM_END_FINISHED : SIM_END_POWEROFF, status);
}

#ifdef SIM_ASAN
/* LeakSanitizer would scan the user window for pointers at exit (the host
 * sees it as part of our data) and fault on its PROT_NONE pages. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif
