/* syscall.h - the system call numbers and register ABI shared by the kernel
 * and the user library.
 *
 * A system call carries a number and up to six word arguments in registers,
 * and returns one word (an error_t or a value) plus up to six output words in
 * the same argument registers. Each port names its registers:
 *
 *   slot      rv32   i386
 *   number    a0     eax      (the return value comes back here)
 *   arg 1..6  a1-a6  ebx ecx edx esi edi ebp
 *
 * On rv32 a system call may also change t0-t6, which C code never
 * expects kept across a call: the register form of IPC (SYS_IPC_REGS)
 * saves no more than it must on its way to the fast path (docs/ipc.md).
 *
 * User code never writes these by hand: user/lib/arch/<arch>/syscall.h does. */
#ifndef BATON_SYSCALL_H
#define BATON_SYSCALL_H

#define SYSCALL_NARGS 6

/* SYS_IPC_REGS: SYS_IPC with the message in registers, so that a short
 * message never touches memory on its way (the fast path, docs/ipc.md).
 * The number slot carries the IPC_* flags too: SYS_IPC_REGS | flags << 8.
 *
 *   slot   in                          out
 *   1      peer: dst, or src           src: who sent the message received
 *   2      buf: where a received       0: the message is in slots 3..6;
 *          message goes if it does     buf: it did not fit, it is at buf
 *          not fit (checked always)
 *   3      type                        type
 *   4..6   words[0..2]                 words[0..2] (words[3..5] are 0)
 *
 * A message fits when its words after IPC_REG_WORDS are all zero. The peer
 * is the destination of a send, a reply or a call, the source of a receive,
 * and the task replied to by a reply-and-receive (which receives from any).
 * A send whose message does not fit uses SYS_IPC. */
#define IPC_REG_WORDS 3
#define SYSCALL_FLAGS_SHIFT 8

enum syscall_number {
    SYS_CONSOLE_WRITE = 1, /* (buf, len) -> bytes written or error         */
    SYS_CONSOLE_READ  = 2, /* (buf, len) -> bytes read; blocks for one     */
    SYS_EXIT          = 3, /* (status) -> does not return                  */
    SYS_YIELD         = 4, /* () -> OK                                     */
    SYS_TASK_SELF     = 5, /* () -> own task id                            */
    SYS_SLEEP         = 6, /* (ms) -> OK                                   */
    SYS_UPTIME        = 7, /* () -> milliseconds since boot                */
    SYS_KOBJECTS      = 8, /* (kind) -> kernel objects in use (leak checks) */
    /* IPC (kernel/ipc.c, docs/ipc.md) */
    SYS_IPC           = 10, /* (dst, src, msg, flags) -> error          */
    SYS_NOTIFY        = 11, /* (dst, bits) -> error                      */
    SYS_NOTIFY_RCV    = 12, /* (from) -> OK if one was pending           */
    SYS_TIMER_SET     = 13, /* (ms) -> notifies NOTIFY_TIMER; 0 cancels  */
    SYS_IRQ_ACQUIRE   = 14, /* (irq) -> notifies NOTIFY_IRQ              */
    SYS_IPC_REGS      = 15, /* (peer, buf, type, w0..w2) -> error; below */
    SYS_IRQ_ACK       = 17, /* (irq) -> OK: unmask the line (docs/interrupts.md) */
    /* channels (kernel/channel.c) */
    SYS_CHANNEL_OPEN  = 20, /* (port, dir) -> handle                    */
    SYS_CHANNEL_CLOSE = 21, /* (handle) -> error                         */
    SYS_CHANNEL_SEND  = 22, /* (handle, size, w0..w3) -> error           */
    SYS_CHANNEL_RECV  = 23, /* (handle, bufsize) -> size; words out      */
    /* tracing (kernel/trace.c, docs/trace-format.md) */
    SYS_TRACE_CTL     = 30, /* (op, a, b, c): TRACE_CTL_* in <baton/trace.h> */
    /* tasks made at run time (kernel/task.c, docs/tasks.md); privileged */
    SYS_TASK_SPAWN    = 40, /* (struct task_spawn_req *) -> new task id   */
    SYS_TASK_KILL     = 41, /* (id) -> error                             */
    SYS_TASK_DEATH    = 42, /* (struct task_death *) -> OK or ERR_EMPTY   */
    SYSCALL_COUNT
};

/* SYS_KOBJECTS(kind): how many of each kernel object are in use. */
enum kobject_kind {
    KOBJ_PAGES = 0,   /* physical pages handed out */
    KOBJ_TASKS = 1,   /* live tasks, idle not counted */
    KOBJ_CHANNELS = 2, /* open channels */
    KOBJ_QUEUED = 3,  /* senders queued on receivers */
    KOBJ_DEAD = 4,    /* dead tasks their supervisor has not heard of yet */
    KOBJ_KINDS
};

/* User virtual memory, the same on every port: a task's program is linked at
 * USER_BASE, its stack ends at USER_STACK_TOP, and nothing of the kernel is
 * mapped with user permission anywhere. */
#define USER_BASE       0x40000000u
#define USER_SHM_BASE   0x48000000u   /* channel shared-memory windows */
#define USER_STACK_TOP  0x4ff00000u
#define USER_STACK_SIZE (16 * 1024u)
#define USER_UART       0x4fffe000u   /* a granted UART's registers (rv32; <baton/uart.h>) */
#define USER_KINFO      0x4ffff000u   /* the kernel info page, read-only (kinfo.h) */
#define USER_END        0x50000000u

/* The kernel clock ticks every TICK_MS: uptime_ms() and sleep_ms() move in
 * these steps. */
#define TICK_MS 10

/* The most SYS_CONSOLE_WRITE takes in one call. */
#define CONSOLE_WRITE_MAX 4096

#endif
