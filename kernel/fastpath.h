/* fastpath.h - the IPC fast path (fastpath.c): the common case of a
 * register-form call and reply-and-receive, in a straight line. Built in
 * unless the kernel is built with FASTPATH=0 (make FASTPATH=0). */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdbool.h>
#include <baton/error.h>
#include <baton/syscall.h>
#include "arch.h"

struct task;
struct arch_frame;

#ifndef FASTPATH
#define FASTPATH 1
#endif

/* Ports with a direct switch (ARCH_FASTPATH_DIRECT): the trap entry
 * (arch/rv32/trap.S, arch/i386/trapentry.S) calls this for SYS_IPC_REGS
 * before any dispatch. The frame to return to user mode through (another
 * task's: the fast path switched, and the caller's syscall is done), or
 * NULL: go on to the slow path. */
struct arch_frame *fastpath_ipc_trap(struct arch_frame *f);
/* The rest of a syscall that fastpath_ipc_trap blocked, when a slow path wakes
 * it (the arch's resume context, arch_task_resume_syscall, calls it). */
void fastpath_resumed(struct arch_frame *f);

/* The simulator: the SYS_IPC_REGS handler calls this first. Done, with the
 * syscall's result in *err; or false, nothing done: run the slow path. */
bool fastpath_ipc(struct task *me, struct arch_frame *f, error_t *err);

#endif
