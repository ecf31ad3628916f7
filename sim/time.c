/* time.c (sim) - virtual time and the events that happen in it: timer
 * ticks, preemption points, console input. Nothing here looks at a host
 * clock: time moves by fixed costs per system call and context switch,
 * and jumps ahead when every task waits; so a run is repeatable. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "task.h"
#include "sched.h"
#include <baton/uart.h>

enum { SIM_IRQ_UART = 1 };

/* Console input not yet delivered: the configured bytes, then stdin's. */
static unsigned char *input;
static size_t input_len, input_cap;

/* ---- The seeded generator: splitmix64, small and good enough ---------- */

uint64_t sim_random(void)
{
    uint64_t z = (sim.prng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void input_add(const void *bytes, size_t n)
{
    if (n == 0)
        return;                   /* nothing yet is a NULL buffer: no offset */
    if (input_len + n > input_cap) {
        input_cap = (input_len + n) * 2;
        input = realloc(input, input_cap);
        if (!input)
            abort();
    }
    memcpy(input + input_len, bytes, n);
    input_len += n;
}

/* ---- Input in phases (--input-phases) -------------------------------------
 * Nothing is typed until the console prints "ready for input"; then the
 * text is read line by line: "#@ TEXT" waits until the console prints a
 * line holding TEXT, other "#" lines are comments, the
 * rest are typed. tests/qemu/run.sh types a test's .input the same way. */
static const char *phase_at, *phase_end;     /* what is left of the text */
static char phase_wait[128];                 /* "": not waiting */
static char out_line[256];                   /* the console's current line */
static size_t out_len;

/* Type lines until the next "#@ TEXT" (kept in phase_wait) or the end. */
static void phase_advance(void)
{
    phase_wait[0] = '\0';
    while (phase_at && phase_at < phase_end && !phase_wait[0]) {
        const char *nl = memchr(phase_at, '\n', (size_t)(phase_end - phase_at));
        const char *next = nl ? nl + 1 : phase_end;
        size_t n = (size_t)((nl ? nl : phase_end) - phase_at);
        if (n >= 3 && !memcmp(phase_at, "#@ ", 3)) {
            n = n - 3 < sizeof(phase_wait) - 1 ? n - 3 : sizeof(phase_wait) - 1;
            memcpy(phase_wait, phase_at + 3, n);
            phase_wait[n] = '\0';
        } else if (phase_at[0] != '#') {
            input_add(phase_at, (size_t)(next - phase_at));
        }
        phase_at = next;
    }
}

/* Every console byte: a line that shows the awaited text opens the next phase. */
static void phase_watch(char c)
{
    if (c != '\n') {
        if (out_len < sizeof(out_line) - 1)
            out_line[out_len++] = c;
        return;
    }
    out_line[out_len] = '\0';
    out_len = 0;
    if (phase_wait[0] && memmem(out_line, strlen(out_line), phase_wait, strlen(phase_wait)))
        phase_advance();
}

/* Console input typed during a run (a Lua scenario's sim.irq): it waits
 * behind what was typed before, as the rest does. */
void sim_console_type(const void *bytes, size_t n)
{
    input_add(bytes, n);
}

void sim_time_reset(const struct sim_config *cfg)
{
    sim.prng = cfg->seed;
    sim.next_tick = SIM_TICK_CYCLES;
    /* Each seed preempts at its own rate, from every 2nd to every 64th
     * boundary on average: some runs switch often, others rarely. */
    if (cfg->preempt)
        sim.preempt_mask = (2ull << (sim_random() % 6)) - 1;
    input_len = 0;
    phase_at = NULL;
    phase_wait[0] = '\0';
    out_len = 0;
    if (cfg->input && cfg->input_phases) {
        phase_at = cfg->input;
        phase_end = cfg->input + cfg->input_len;
        strcpy(phase_wait, "ready for input");    /* as run.sh waits first */
    } else if (cfg->input) {
        input_add(cfg->input, cfg->input_len);
    }
}

uint64_t arch_cycles(void)
{
    return sim.now;
}

/* User code's arch_cycles() (user/lib/arch/sim/arch_syscall.h). */
uint64_t sim_user_cycles(void)
{
    return sim.now;
}

/* ---- Steps and ticks ------------------------------------------------------ */

/* Count a step; at --max-steps, the run is over. */
static void step(void)
{
    if (sim.cfg->max_steps && sim.steps >= sim.cfg->max_steps)
        sim_stop(SIM_END_MAX_STEPS, SIM_EXIT_MAX_STEPS);
    sim.steps++;
}

void arch_timer_init(void)
{
    sim.timer_on = true;
    sim.next_tick = sim.now + SIM_TICK_CYCLES;
}

/* The timer interrupt. It may switch tasks: we return when this one runs
 * again, as from an interrupt on hardware. */
static void tick(void)
{
    sim.next_tick += SIM_TICK_CYCLES;
    sim.ticks++;
    trap_timer();
}

/* At every system call, before it runs: the interrupts that came due while
 * the task computed arrive now. With --preempt, the seed decides at which
 * calls the timer fires early (time jumps to the tick): these are the
 * preemption points that make other interleavings. */
void sim_boundary(void)
{
    step();
    if (sim.cfg->step_hook)
        sim.cfg->step_hook(sim.cfg->hook_arg);
    sim.now += SIM_SYSCALL_CYCLES;
    if (sim.cfg->preempt && sim.timer_on && !(sim_random() & sim.preempt_mask)) {
        sim.preemptions++;
        if (sim.now < sim.next_tick)
            sim.now = sim.next_tick;
    }
    while (sim.timer_on && sim.now >= sim.next_tick)
        tick();
}

/* ---- The UART ----------------------------------------------------------------- */

int arch_irq_uart(void)
{
    return SIM_IRQ_UART;
}

void arch_irq_enable(int irq)
{
    if (irq == SIM_IRQ_UART)
        sim.uart_irq_on = true;
}

void arch_irq_disable(int irq)
{
    if (irq == SIM_IRQ_UART)
        sim.uart_irq_on = false;
}

void arch_console_putc(char c)
{
    putc(c, sim.out);
    if (phase_wait[0])
        phase_watch(c);
}

int arch_console_getc(void)
{
    if (sim.rx_pos == sim.rx_len)
        return -1;
    return sim.rx[sim.rx_pos++];
}

/* The registers as a granted driver task sees them (user/lib/arch/sim):
 * RBR takes a byte out of the FIFO, LSR says whether one waits (and that
 * the transmitter is always ready), THR prints; the rest read as 0 and
 * ignore writes, as the kernel set them up at boot. Without the grant,
 * the access is made to the real address USER_UART + reg, which the user
 * window never maps: a load or store page fault there, as on rv32. */
uint8_t sim_user_uart_read(int reg)
{
    if (!task_current->vm.uart || reg < 0 || reg > 7)
        return *(volatile uint8_t *)(uintptr_t)(USER_UART + (uint32_t)reg);
    if (reg == UART_RBR)
        return (uint8_t)(sim.rx_pos < sim.rx_len ? sim.rx[sim.rx_pos++] : 0);
    if (reg == UART_LSR)
        return UART_LSR_TX_EMPTY | (sim.rx_pos < sim.rx_len ? UART_LSR_RX_READY : 0);
    return 0;
}

void sim_user_uart_write(int reg, uint8_t v)
{
    if (!task_current->vm.uart || reg < 0 || reg > 7)
        *(volatile uint8_t *)(uintptr_t)(USER_UART + (uint32_t)reg) = v;
    else if (reg == UART_THR)
        arch_console_putc((char)v);
}

/* Move what the UART can hold into it and interrupt, while the line is
 * unmasked and bytes wait in it (a level-triggered line: a driver that
 * acknowledges and leaves bytes behind is interrupted again). False if
 * there is nothing to deliver. */
static bool uart_receive(void)
{
    if (!sim.uart_irq_on)
        return false;
    memmove(sim.rx, sim.rx + sim.rx_pos, (size_t)(sim.rx_len - sim.rx_pos));
    sim.rx_len -= sim.rx_pos;
    sim.rx_pos = 0;
    while (sim.rx_len < SIM_UART_FIFO && sim.input_pos < input_len)
        sim.rx[sim.rx_len++] = input[sim.input_pos++];
    if (sim.rx_len == 0)
        return false;
    trap_irq(SIM_IRQ_UART);
    return true;
}

/* Read stdin into the input, waiting for it only if wait. False at end of
 * file or when nothing is there. */
static bool read_stdin(bool wait)
{
    if (!sim.cfg->input_stdin || sim.stdin_eof)
        return false;
    struct pollfd p = { .fd = 0, .events = POLLIN };
    if (!wait && poll(&p, 1, 0) <= 0)
        return false;
    fflush(sim.out);              /* the user sees what they answer */
    unsigned char buf[256];
    ssize_t n = read(0, buf, sizeof(buf));
    if (n <= 0) {
        sim.stdin_eof = true;
        return false;
    }
    input_add(buf, (size_t)n);
    return true;
}

/* ---- Idle ------------------------------------------------------------------ */

/* Can the passing of time wake anyone: a sleeper, or an armed timer? */
static bool time_matters(void)
{
    for (task_t id = 1; id < TASK_MAX; id++) {
        struct task *t = task_lookup(id);
        if (t && (sched_blocked_on(t) == BLOCK_SLEEP ||
                  t->timer_tick))
            return true;
    }
    return false;
}

/* No task can run. Deliver the next event: console input first, then the
 * next tick (at once: nobody is computing); if no event can ever come,
 * the run is over: every task left is stuck. */
void arch_idle(void)
{
    step();
    if (uart_receive() || (read_stdin(false) && uart_receive()))
        return;
    if (sim.timer_on && time_matters()) {
        if (sim.now < sim.next_tick)
            sim.now = sim.next_tick;
        tick();
        return;
    }
    if (read_stdin(true) && uart_receive())
        return;
    sim_stop(SIM_END_STUCK, SIM_EXIT_STUCK);
}
