/* driver.c - the fuzz driver, a user program run as several tasks by the
 * kernel fuzzer (sim/fuzz/). It has no logic of its own: the harness picks
 * each operation and its arguments from the fuzzer's bytes, and checks each
 * result; the driver only makes the calls, from user mode, as any program
 * would. The build links it under several names (fz_driver1...), so that
 * tasks can run distinct programs (data at distinct addresses) or one. */
#include <baton.h>
#include <arch_syscall.h>
#include "fuzz.h"

static struct fz_area area;
/* Read-only messages: a send from read-only memory is allowed, a receive
 * into it is not. Their contents are the harness's "untagged" pattern. */
static const struct message ro_msgs[2] = {
    { .type = MSG_USER + 7, .words = { 0x0b0b0b0b, 1, 2, 3, 4, 5 } },
    { .type = MSG_USER + 7, .words = { 0x0b0b0b0b, 6, 7, 8, 9, 10 } },
};

int main(void)
{
    struct fz_op op;
    sim_fuzz_hello(&area, ro_msgs);
    for (;;) {
        sim_fuzz_next(&op);
        uint32_t out[6] = { 0 };
        switch (op.kind) {
        case FZ_WRITE:
            *(volatile uint32_t *)(uintptr_t)op.a[0] = op.a[1];
            break;
        case FZ_READ:
            (void)*(volatile uint32_t *)(uintptr_t)op.a[0];
            break;
        case FZ_UART:
            (void)uart_reg_read((int)op.a[0]);
            break;
        case FZ_STOP:
            return 0;
        default:
            sim_fuzz_done(arch_syscall((long)op.sysno, op.a, out), out);
        }
    }
}
