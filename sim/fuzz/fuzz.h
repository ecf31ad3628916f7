/* fuzz.h - what the fuzz driver (sim/fuzz/driver.c, a user program) and the
 * fuzz harness (host code, sim/fuzz/) share. The driver is a thin loop: it
 * asks the harness for its next operation, does it, and reports the result;
 * every decision (which call, which arguments, which tags in which buffers)
 * is the harness's, taken from the fuzzer's bytes. docs/sim.md, "Fuzzing
 * the kernel", explains the design. */
#ifndef SIM_FUZZ_FUZZ_H
#define SIM_FUZZ_FUZZ_H

#include <stdint.h>
#include <baton/ipc.h>

/* What the driver does with an operation. */
enum fz_kind {
    FZ_SYSCALL,     /* arch_syscall(sysno, a, out), then sim_fuzz_done */
    FZ_WRITE,       /* store a[1] at address a[0] (may fault: then it dies) */
    FZ_READ,        /* load from address a[0] (may fault) */
    FZ_STOP,        /* no more operations: return from main (exit 0) */
    FZ_UART,        /* read UART register a[0] (<baton/uart.h>): faults without
                       the device grant */
};

struct fz_op {
    uint32_t kind;
    uint32_t sysno;
    uint32_t a[6];
};

#define FZ_SLOTS   8                /* message buffers */
#define FZ_CELLS   8                /* channel handle cells */
#define FZ_CANARY  192              /* bytes only the harness writes */
#define FZ_DATA    (2 * 4096)       /* channel data buffer */

/* The driver's memory the harness works in: three pages of its .bss. */
struct fz_area {
    struct message msg[FZ_SLOTS];
    channel_handle cell[FZ_CELLS];
    uint8_t canary[FZ_CANARY];
    uint8_t pad[4096 - FZ_SLOTS * sizeof(struct message) -
                FZ_CELLS * sizeof(channel_handle) - FZ_CANARY];
    uint8_t data[FZ_DATA];
} __attribute__((aligned(4096)));

/* Host functions a driver calls (sim/fuzz/ops.c); user programs may call
 * sim_* functions (sim/linkprog.sh). Addresses are the driver's own. */
void sim_fuzz_hello(struct fz_area *area, const struct message *ro);
/* Fill *op with the next operation for the calling task. */
void sim_fuzz_next(struct fz_op *op);
/* The result of an FZ_SYSCALL: its return value and six output slots. */
void sim_fuzz_done(long ret, const uint32_t out[6]);

#endif
