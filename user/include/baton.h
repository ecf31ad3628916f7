/* baton.h - the user library: system calls, printf and strings. A user
 * program includes this one header (plus <resea/...> for the seed APIs). */
#ifndef BATON_H
#define BATON_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdnoreturn.h>
#include <baton/types.h>
#include <baton/error.h>
#include <baton/syscall.h>
#include <baton/string.h>
#include <baton/fmt.h>
#include <baton/ipc.h>
#include <baton/trace.h>
#include <baton/kinfo.h>
#include <baton/uart.h>
#include <baton/task.h>

/* ---- system calls (user/lib/syscall.c) ---- */
long console_write(const void *buf, size_t len);  /* bytes written, or error */
/* Blocks for one byte: from the kernel, or from the UART's driver task
 * when one holds it (user/lib/uart.c, docs/interrupts.md). */
long console_read(void *buf, size_t len);
noreturn void exit(int status);
error_t yield(void);
task_t task_self(void);
error_t sleep_ms(uint32_t ms);
uint32_t uptime_ms(void);
long kobjects(int kind);                          /* KOBJ_* in use */
/* Any system call by number, for tests that probe bad arguments. */
long syscall(long n, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
             uint32_t a5, uint32_t a6);

/* ---- tasks at run time (user/lib/syscall.c, docs/tasks.md) ----
 * Only a task marked privileged in the manifest may call these
 * (ERR_NOT_PERMITTED otherwise). */
/* A new task named `name` running `program` (one built into the image),
 * with grants (NULL: none) that the caller must hold itself. Returns its
 * id (> 0) or an error: ERR_INVALID_ARG, ERR_NOT_PERMITTED, ERR_NOT_FOUND
 * (no such program), ERR_TABLE_FULL, ERR_NO_MEMORY. The caller supervises
 * it: it hears of its death (NOTIFY_DEATH, then task_death). */
task_t task_spawn(const char *name, const char *program, int priority,
                  const struct task_grants *grants);
/* End task id as a fault would: those blocked on it wake with an error.
 * ERR_INVALID_TASK for yourself or the kernel, ERR_NOT_FOUND for no such
 * task or a stale id. */
error_t task_kill(task_t id);
/* The death of one task you supervise, into *d: OK, or ERR_EMPTY if none
 * is waiting to be read. Never blocks; NOTIFY_DEATH says when to ask. */
error_t task_death(struct task_death *d);

/* ---- messages by task (user/lib/ipc.c, docs/ipc.md) ---- */
error_t ipc_send(task_t dst, struct message *m);          /* blocks */
error_t ipc_send_noblock(task_t dst, struct message *m);  /* or ERR_WOULD_BLOCK */
error_t ipc_recv(task_t src, struct message *m);          /* src or IPC_ANY */
error_t ipc_recv_noblock(task_t src, struct message *m);
error_t ipc_call(task_t dst, struct message *m);          /* send, await reply in m */
error_t ipc_reply(task_t dst, struct message *m);         /* never blocks */
/* Reply to dst, then receive from anyone into m: a server's loop in one
 * syscall. A failed reply returns its error and receives nothing. */
error_t ipc_replyrecv(task_t dst, struct message *m);

/* ---- notifications ---- */
error_t ipc_notify(task_t dst, notifications_t bits);
ax_return notification_send(thread_id id);    /* NOTIFY_SIGNAL from the caller */
ax_return notification_rcv(thread_id id);     /* OK and consumed, or ERR_WOULD_BLOCK */
error_t timer_set(uint32_t ms);               /* NOTIFY_TIMER after ms; 0 cancels */
error_t irq_acquire(int irq);                 /* NOTIFY_IRQ on each interrupt, */
error_t irq_ack(int irq);                     /* ... masked until acknowledged */

/* ---- a UART driver task (user/lib/uart.c, docs/interrupts.md) ---- */
/* A register of the UART granted by the manifest (device=uart): UART_RBR,
 * UART_LSR... of <baton/uart.h>. Without the grant the task faults. */
uint8_t uart_reg_read(int reg);
void uart_reg_write(int reg, uint8_t v);
/* The console input server: acquire IRQ_UART, then serve (for ever, or
 * one message at a time): read the receive register until it is empty,
 * acknowledge, answer CONSOLE_READ_MSG calls in order of arrival. */
error_t console_server_init(void);
error_t console_server_once(struct message *m);   /* m: what it received */
noreturn void console_server_run(void);
/* A console read from the server task drv: bytes read, or an error. */
long console_server_read(task_t drv, void *buf, size_t len);

/* ---- channels by port (user/lib/channel.c; seed ipc.md) ---- */
ax_return channel_open(channel_handle *handle, channel_port port,
                       channel_direction dir);
ax_return channel_send(channel_handle *handle, channel_data *data,
                       channel_data_size data_size);
/* Returns the number of bytes received (>= 0), or an error. */
ax_return channel_rcv(channel_handle *handle, channel_data *data,
                      channel_data_size data_size);
ax_return channel_close(channel_handle *handle);

/* ---- tracing (user/lib/trace.c, docs/trace-format.md) ---- */
uint32_t trace_get_mask(void);                /* TRACE_CAT_* switched on */
uint32_t trace_set_mask(uint32_t mask);       /* returns the previous mask */
/* A user event: TRACE_EV_MARK (value), or one of the async library's
 * TRACE_EV_ASYNC_* (peer, queue depth). The kernel adds the time and who. */
error_t trace_record(int event, task_t peer, uint32_t value);
/* A UART driver hands the len bytes it read at buf to the kernel, which
 * obeys the host's commands among them (ESC _ B ... ESC \) and leaves the
 * rest in buf (cap >= len + 2); returns their count, or an error. */
long trace_host_rx(char *buf, size_t len, size_t cap);

/* Each is one system call, or nothing when make TRACE=... left its
 * category out. */
static inline void trace_mark(uint32_t value)
{
    if (TRACE_BUILD_MASK & TRACE_CAT_USER)
        trace_record(TRACE_EV_MARK, 0, value);
}

/* The async library's events (user/lib/async.c): `depth` is the queue to
 * `peer` after the operation. */
static inline void trace_async(int event, task_t peer, int depth)
{
    /* The kernel publishes its mask in the info page: no system call at
     * all while async events are not being traced. */
    if ((TRACE_BUILD_MASK & TRACE_CAT_ASYNC) && (KINFO->trace_mask & TRACE_CAT_ASYNC))
        trace_record(event, peer, (uint32_t)depth);
}

/* ---- output (user/lib/printf.c) ---- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int puts(const char *s);                          /* s and a newline */
#define snprintf fmt_snprintf
#define vsnprintf fmt_vsnprintf

/* The architecture a program was built for, as in "bench rv32 ...". */
#if defined(BATON_SIM)
#define BENCH_ARCH "sim"      /* the host simulator (sim/sim.mk defines it) */
#elif defined(__riscv)
#define BENCH_ARCH "rv32"
#else
#define BENCH_ARCH "i386"
#endif

/* ---- checks for programs and tests ---- */
#define INFO(fmt, ...) printf("[%d] " fmt "\n", task_self(), ##__VA_ARGS__)
/* Stop the task with a report when an error_t is not OK. */
#define ASSERT_OK(expr)                                                       \
    do {                                                                      \
        error_t err__ = (expr);                                               \
        if (err__ != OK) {                                                    \
            printf("ASSERT_OK failed: %s is %s (%s:%d)\n", #expr,            \
                   err2str(err__), __FILE__, __LINE__);                       \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

#endif
