/* channel.h - channels addressed by port (seed ipc.md, Anckor style): one
 * send end and one receive end per port, each held by at most one task. */
#ifndef KERNEL_CHANNEL_H
#define KERNEL_CHANNEL_H

#include <stdint.h>
#include <baton/error.h>
#include <baton/ipc.h>

struct task;
struct arch_frame;

long channel_sys_open(struct task *me, uint32_t port, uint32_t dir, uintptr_t uhandle);
long channel_sys_close(struct task *me, uintptr_t uhandle);
long channel_sys_send(struct task *me, uintptr_t uhandle, uint32_t size,
                      const uint32_t words[4]);
/* Receives into the caller's registers (fast path) or the shared page, whose
 * address comes back in a register. Returns the size or an error. */
long channel_sys_recv(struct task *me, uintptr_t uhandle, uintptr_t ubuf,
                      uint32_t bufsize);
/* The task a channel-blocked task waits for (the other end's holder). */
struct task *channel_waits_for(struct task *t);
/* The port of the channel t is blocked on, or -1. */
int channel_blocked_port(const struct task *t);
/* t is dying: close every end it holds. */
void channel_task_exit(struct task *t);
int channel_count(void);

#endif
