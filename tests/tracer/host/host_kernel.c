/* host_kernel.c - the fake kernel of host_kernel.h: just what kernel/trace.c
 * and kernel/trace_wire.c call, no more. */
#include "host_kernel.h"
#include "deadlock.h"
#include "ipc.h"
#include "sched.h"
#include "kinfo.h"
#include "console.h"
#include <stdlib.h>
#include <string.h>

struct task task_table[TASK_MAX];   /* task_lookup() (kernel/task.h) reads it */
struct kinfo *kinfo;                /* no info page here: trace.c checks */
static struct manifest_task grants[TASK_MAX];
static task_t waits[TASK_MAX];
static task_t ipc_peers[TASK_MAX];    /* ipc_wait_peer(), set by hk_block */
static uint64_t clock_now, clock_step;
static uint8_t *uart;
static size_t uart_len, uart_cap;

struct task *task_current;
uint64_t sched_ticks;

void hk_reset(void)
{
    memset(task_table, 0, sizeof(task_table));
    memset(grants, 0, sizeof(grants));
    for (int i = 0; i < TASK_MAX; i++)
        waits[i] = -1;
    clock_now = clock_step = 0;
    sched_ticks = 0;
    uart_len = 0;
    hk_task(0, "idle", 0, 0, 0);
    task_table[0].grants = NULL;
    task_current = &task_table[0];
}

struct task *hk_task(task_t id, const char *name, int prio,
                     uint32_t send_ports, uint32_t recv_ports)
{
    struct task *t = &task_table[id];
    memset(t, 0, sizeof(*t));
    t->id = id;
    strncpy(t->name, name, sizeof(t->name) - 1);
    t->priority = prio;
    t->state = TASK_READY;
    grants[id] = (struct manifest_task){ .name = name, .priority = prio,
                                         .send_ports = send_ports,
                                         .recv_ports = recv_ports };
    t->grants = &grants[id];
    return t;
}

void hk_kill(task_t id)
{
    task_table[id].state = TASK_UNUSED;
}

void hk_clock(uint64_t now, uint64_t step)
{
    clock_now = now;
    clock_step = step;
}

void hk_waits_for(task_t t, task_t target)
{
    waits[t] = target;
}

void hk_block(task_t t, enum task_block why, task_t peer)
{
    task_table[t].state = TASK_BLOCKED;
    task_table[t].block = why;
    ipc_peers[t] = peer;
}

const uint8_t *hk_uart(size_t *len)
{
    *len = uart_len;
    return uart;
}

void hk_uart_clear(void)
{
    uart_len = 0;
}

/* ---- what the trace code calls ---- */

struct task *deadlock_waits_for(struct task *t)
{
    return t && waits[t->id] >= 0 ? task_lookup(waits[t->id]) : NULL;
}

task_t ipc_wait_peer(const struct task *t)
{
    return ipc_peers[t->id];
}

/* TRACE_CTL_HOST_RX (kernel/console.c): no UART driver here. */
long console_host_rx(struct task *t, uintptr_t ubuf, size_t len, size_t cap)
{
    (void)t; (void)ubuf; (void)len; (void)cap;
    return ERR_NOT_PERMITTED;
}

uint64_t arch_cycles(void)
{
    uint64_t now = clock_now;
    clock_now += clock_step;
    return now;
}

void arch_console_putc(char c)
{
    if (uart_len == uart_cap) {
        uart_cap = uart_cap ? uart_cap * 2 : 1 << 16;
        uart = realloc(uart, uart_cap);
        if (!uart)
            abort();
    }
    uart[uart_len++] = (uint8_t)c;
}
