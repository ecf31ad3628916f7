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

#endif
