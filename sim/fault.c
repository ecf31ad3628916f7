/* fault.c (sim) - faults in user code. User code is host code, so a bad
 * access or instruction raises a signal. If user code was running, the
 * handler makes the signal look like a trap: it returns, not to the faulting
 * instruction, but into sim_user_fault() on the task's kernel stack, which
 * kills the task as trap_user_fault() does on hardware. A signal anywhere
 * else is a bug in the kernel or the simulator: it goes to whoever handled
 * it before us (ASan prints its report), or kills the process. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "internal.h"

static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
#define NFAULTS (int)(sizeof(fault_signals) / sizeof(fault_signals[0]))
static struct sigaction before[NFAULTS];
static unsigned char altstack[64 << 10];

static const char *fault_name(int sig, const ucontext_t *uc)
{
    greg_t err = uc->uc_mcontext.gregs[REG_ERR];   /* the page-fault error code */
    switch (sig) {
    case SIGSEGV:
        if (err & 0x10)
            return "instruction page fault";
        return err & 0x2 ? "store page fault" : "load page fault";
    case SIGBUS:  return "bus error";
    case SIGILL:  return "illegal instruction";
    case SIGFPE:  return "arithmetic exception";
    case SIGTRAP: return "breakpoint";
    }
    return "unknown fault";
}

/* Not ours: hand the signal to the previous handler, or die of it. */
static void not_ours(int i, int sig, siginfo_t *si, void *ctx)
{
    if (before[i].sa_flags & SA_SIGINFO) {
        if (sim.out)
            fflush(sim.out);      /* the console until the crash (best effort) */
        before[i].sa_sigaction(sig, si, ctx);
        return;
    }
    if (before[i].sa_handler != SIG_DFL && before[i].sa_handler != SIG_IGN) {
        before[i].sa_handler(sig);
        return;
    }
    /* The instruction runs again and kills us: say so, and let what the
     * console printed until then out (not signal-safe, but we are dying). */
    fprintf(stderr, "baton-sim: crashed: signal %d at pc %p, address %p, "
            "in the kernel or the simulator\n", sig,
            (void *)((ucontext_t *)ctx)->uc_mcontext.gregs[REG_RIP], si->si_addr);
    if (sim.out)
        fflush(sim.out);
    signal(sig, SIG_DFL);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    /* User code touching its stack at the kernel's addresses, where the
     * window shows it only on demand (sim/window.c): no fault at all, the
     * access goes through once the page is there. */
    if (sig == SIGSEGV && sim_in_user && sim_window_demand((uintptr_t)si->si_addr))
        return;
    int i = 0;
    while (fault_signals[i] != sig)
        i++;
    if (!sim_in_user) {
        not_ours(i, sig, si, ctx);
        return;
    }
    sim_in_user = 0;
    greg_t *r = uc->uc_mcontext.gregs;
    /* As if sim_user_fault(what, pc, addr) had been called on the kernel
     * stack, below the frame, from a return address of 0. */
    uint64_t *sp = (uint64_t *)(sim_trap_sp - 16) - 1;
    *sp = 0;
    r[REG_RDI] = (greg_t)fault_name(sig, uc);
    r[REG_RSI] = r[REG_RIP];
    r[REG_RDX] = (greg_t)si->si_addr;
    r[REG_RSP] = (greg_t)sp;
    r[REG_RBP] = 0;
    r[REG_RIP] = (greg_t)sim_user_fault;
}

void sim_faults_init(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    if (sigaltstack(&ss, NULL) != 0)
        abort();
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NFAULTS; i++)
        if (sigaction(fault_signals[i], &sa, &before[i]) != 0)
            abort();
}
