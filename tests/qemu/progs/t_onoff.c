/* t_onoff.c - tests/trace/run.sh, trace_onoff.manifest: categories switched
 * on and off at run time (SYS_TRACE_CTL, as the T key of the console
 * viewer does). Task 1 makes a call to task 2 and a failing system call in
 * three phases: tracing off, on (err, ipc, sched), off again. Each phase
 * fails a different call, so that the host (baton-trace) can tell from the
 * trace alone which phases recorded: only the middle one may. On rv32 and
 * i386 each of these tracepoints is a patched site (kernel/trace.h). */
#include <baton_test.h>

#define CLIENT 1
#define SERVER 2

static void round_trip(void)
{
    struct message m = { .type = MSG_USER };
    CHECK_EQ(ipc_call(SERVER, &m), OK, "onoff: a call to the server");
}

int main(void)
{
    if (task_self() == SERVER) {
        struct message m;
        for (int i = 0; i < 3; i++) {
            ipc_recv(CLIENT, &m);
            ipc_reply(CLIENT, &m);
        }
        return 0;
    }
    CHECK_EQ(trace_get_mask(), 0, "onoff: booted with tracing off");
    round_trip();
    CHECK_EQ(kobjects(999), ERR_INVALID_ARG, "onoff: off: kobjects fails");

    trace_set_mask(TRACE_CAT_ERR | TRACE_CAT_IPC | TRACE_CAT_SCHED);
    round_trip();
    CHECK_EQ(irq_acquire(999), ERR_INVALID_ARG, "onoff: on: irq_acquire fails");

    CHECK_EQ(trace_set_mask(0), TRACE_CAT_ERR | TRACE_CAT_IPC | TRACE_CAT_SCHED,
             "onoff: the mask was on");
    round_trip();
    CHECK_EQ(ipc_notify(99, 1), ERR_NOT_FOUND, "onoff: off again: notify fails");
    printf("t_onoff: done\n");
    return 0;
}
