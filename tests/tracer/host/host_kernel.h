/* host_kernel.h - a fake kernel around the real kernel/trace.c on the host:
 * a task table, a clock the test moves, and a "UART" that is a memory
 * buffer. Tests and the benchmark record events with the kernel's own
 * tracepoints and decode what its drain wrote. */
#ifndef HOST_KERNEL_H
#define HOST_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include "task.h"
#include "trace.h"

/* The fake kernel back to boot: no tasks, clock 0, empty UART. (The
 * trace's own state starts fresh in each process: Criterion runs every
 * test in a process of its own.) */
void hk_reset(void);
/* A live task (READY) with this id, name, priority and grants. */
struct task *hk_task(task_t id, const char *name, int prio,
                     uint32_t send_ports, uint32_t recv_ports);
void hk_kill(task_t id);
/* The clock arch_cycles() reads; each read also adds `step`. */
void hk_clock(uint64_t now, uint64_t step);
/* Who deadlock_waits_for(t) says t waits for (NULL: nobody). */
void hk_waits_for(task_t t, task_t target);
/* Task t blocked for `why`, its IPC peer (what ipc_wait_peer says) `peer`:
 * the fake scheduler and ipc.c of this kernel. */
void hk_block(task_t t, enum task_block why, task_t peer);

/* What the kernel wrote to the UART so far, and emptying it. */
const uint8_t *hk_uart(size_t *len);
void hk_uart_clear(void);

#endif
