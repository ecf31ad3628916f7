/* syscall.h - the system call dispatcher (numbers in <baton/syscall.h>). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include <baton/syscall.h>

struct task;
struct arch_frame;

/* A syscall handler gets the six argument words and the frame (for calls
 * that return more than one word); its result goes back in slot 0. */
typedef long syscall_fn(struct task *t, const uint32_t a[SYSCALL_NARGS],
                        struct arch_frame *f);

/* The syscalls that never block, wake anyone or switch (task_self, uptime,
 * kobjects): their trap does no scheduler work, and a port may save only
 * the registers C code can clobber (rv32 trap.S). */
#define SYSCALL_LIGHT ((1u << SYS_TASK_SELF) | (1u << SYS_UPTIME) | (1u << SYS_KOBJECTS))

static inline int syscall_is_light(uint32_t n)
{
    return n < 32 && (SYSCALL_LIGHT >> n) & 1;
}

#endif
