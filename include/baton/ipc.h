/* ipc.h - the IPC ABI shared by the kernel and user programs: messages
 * addressed by task, notifications, and channels addressed by port.
 * docs/ipc.md explains every rule; the names follow the two seeds. */
#ifndef BATON_IPC_H
#define BATON_IPC_H

#include <stdint.h>
#include <baton/types.h>
#include <baton/syscall.h>

/* ---- messages (seed async-ipc.md, Resea style) ---- */

#define IPC_ANY 0                 /* ipc_recv from any task (0 is the kernel) */
#define MESSAGE_DATA_SIZE 24

/* System message types; a program's own types start at MSG_USER. */
enum {
    NOTIFICATIONS_MSG = 1,        /* from the kernel: pending notifications */
    ASYNC_MSG         = 2,        /* async library: "give me a queued message" */
    BENCHMARK_NOP_MSG = 3,        /* the seed's example type */
    CONSOLE_READ_MSG  = 4,        /* console input server (<baton/uart.h>) */
    MSG_USER          = 16,
};

/* A fixed-size message: the kernel copies all of it and fills .src itself,
 * so a receiver always knows the true sender. Aligned to its own size, so
 * that a message never straddles two pages: the kernel checks and reaches
 * it with one page-table lookup (a misaligned pointer is ERR_BAD_ADDRESS). */
struct __attribute__((aligned(32))) message {
    int type;
    task_t src;
    union {
        uint8_t raw[MESSAGE_DATA_SIZE];
        uint32_t words[MESSAGE_DATA_SIZE / 4];
        /* NOTIFICATIONS_MSG: the bits, and who sent them (bit i: task i;
         * bit 0: the kernel, for timers and interrupts). */
        struct {
            uint32_t data;
            uint32_t senders;
        } notifications;
    };
};
_Static_assert(sizeof(struct message) == 32, "a message is 32 bytes, aligned to 32");

/* The register form (SYS_IPC_REGS, <baton/syscall.h>), the same test on
 * both sides of the syscall. Does m fit: its words after IPC_REG_WORDS all
 * zero? */
static inline bool ipc_fits_in_regs(const struct message *m)
{
    for (int i = IPC_REG_WORDS; i < MESSAGE_DATA_SIZE / 4; i++)
        if (m->words[i])
            return false;
    return true;
}

/* Is a message at `at` inside the user stack that starts at `base`
 * (USER_STACK_SIZE bytes), aligned to its size? A task's stack is mapped,
 * readable and writable, for as long as the task lives, so the library and
 * the kernel's fast path may use such a message without any page walk and
 * without risk of a fault. One test does both: the stack is a power of two
 * in size and aligned to it, so an offset with no bit outside
 * USER_STACK_SIZE - 32 is inside and aligned to 32. */
static inline bool ipc_on_stack(uintptr_t at, uintptr_t base)
{
    _Static_assert((USER_STACK_SIZE & (USER_STACK_SIZE - 1)) == 0 &&
                   USER_STACK_TOP % USER_STACK_SIZE == 0,
                   "ipc_on_stack's test needs a power-of-two stack, aligned");
    uintptr_t off = at - base;
    return (off & ~(uintptr_t)(USER_STACK_SIZE - sizeof(struct message))) == 0;
}

/* SYS_IPC flags: a send, a receive, or both (a call); never block; a reply
 * (a send that the destination must be waiting for, as the end of a call),
 * alone or with a receive from IPC_ANY after it (ipc_replyrecv). */
enum {
    IPC_SEND    = 1 << 0,
    IPC_RECV    = 1 << 1,
    IPC_NOBLOCK = 1 << 2,
    IPC_REPLY   = 1 << 3,
};

/* ---- notifications ---- */

typedef uint32_t notifications_t;
#define NOTIFY_TIMER  (1u << 0)   /* the timer set by timer_set() fired */
#define NOTIFY_IRQ    (1u << 1)   /* an interrupt line acquired by irq_acquire() */
#define NOTIFY_ASYNC  (1u << 2)   /* async messages wait: pull them (async.h) */
#define NOTIFY_SIGNAL (1u << 3)   /* notification_send() (seed ipc.md) */
#define NOTIFY_DEATH  (1u << 4)   /* a task you supervise died: task_death() */
#define NOTIFY_USER(n) (1u << (8 + (n)))  /* a program's own bits, n = 0..23 */

/* Interrupt lines a task may acquire (manifest grant device=uart). */
enum {
    IRQ_UART = 0,
    IRQ_LINES             /* how many: the portable names, not the port's wires */
};

/* ---- channels (seed ipc.md, Anckor style) ---- */

typedef int channel_handle;       /* small, per task; means nothing elsewhere */
typedef uint32_t channel_port;    /* 0 .. CHANNEL_PORTS-1 */
typedef uint8_t channel_data;
typedef uint32_t channel_data_size;
typedef enum { CHANNEL_SEND = 0, CHANNEL_RECEIVE = 1 } channel_direction;

#define CHANNEL_PORTS 32
#define CHANNEL_HANDLES 8         /* open ends per task */
#define CHANNEL_FAST_MAX 16       /* bytes that travel in registers */
#define CHANNEL_SHM_MAX 4096      /* bytes through the shared page, at most */

#endif
