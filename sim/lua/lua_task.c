/* lua_task.c (sim/lua) - the C half of every task of a Lua scenario: a
 * real user program, built like the others (sim/linkprog.sh), that asks
 * the host for the next thing its Lua body wants (sim_lua_next) and does
 * it with the user library, on its own stack, with its own memory. So a
 * Lua body makes exactly the system calls a C program would. */
#include <baton.h>
#include <resea/async.h>
#include "request.h"

/* Weak: in a simulator without the Lua part (sim-tests, say) it is NULL. */
#pragma weak sim_lua_next

_Static_assert(SIMLUA_ASYNC_QUEUE_MAX == ASYNC_QUEUE_MAX, "request.h: ASYNC_QUEUE_MAX");
_Static_assert(offsetof(struct simlua_req, data) % 4 == 0, "request.h: data holds words");

static struct simlua_req req;         /* in this task's own data */

/* A deliberate fault, through a pointer the compiler cannot see is bad
 * (a plain NULL access would let it assume the code is never reached). */
static void fault(int kind)
{
    static volatile uintptr_t nowhere = 0;
    if (kind == SIMLUA_FAULT_LOAD)
        (void)*(volatile uint32_t *)nowhere;
    else if (kind == SIMLUA_FAULT_STORE)
        *(volatile uint32_t *)nowhere = 0;
    else
        __builtin_trap();             /* an illegal instruction */
}

/* One system call (or library call), as the request describes it. */
static void perform(struct simlua_req *r)
{
    channel_handle h = r->a;          /* handles live on our stack, as in C */
    switch (r->op) {
    case SIMLUA_SEND:          r->ret = ipc_send(r->a, &r->msg); break;
    case SIMLUA_SEND_NOBLOCK:  r->ret = ipc_send_noblock(r->a, &r->msg); break;
    case SIMLUA_RECV:          r->ret = ipc_recv(r->a, &r->msg); break;
    case SIMLUA_RECV_NOBLOCK:  r->ret = ipc_recv_noblock(r->a, &r->msg); break;
    case SIMLUA_CALL:          r->ret = ipc_call(r->a, &r->msg); break;
    case SIMLUA_REPLY:         r->ret = ipc_reply(r->a, &r->msg); break;
    case SIMLUA_NOTIFY:        r->ret = ipc_notify(r->a, (notifications_t)r->b); break;
    case SIMLUA_NOTIFICATION_SEND: r->ret = notification_send(r->a); break;
    case SIMLUA_NOTIFICATION_RCV:  r->ret = notification_rcv(r->a); break;
    case SIMLUA_TIMER_SET:     r->ret = timer_set((uint32_t)r->a); break;
    case SIMLUA_IRQ_ACQUIRE:   r->ret = irq_acquire(r->a); break;
    case SIMLUA_IRQ_ACK:       r->ret = irq_ack(r->a); break;
    case SIMLUA_UART_READ:     r->ret = uart_reg_read(r->a); break;
    case SIMLUA_CHANNEL_OPEN:
        r->ret = channel_open(&h, (channel_port)r->b, (channel_direction)r->c);
        r->a = h;
        break;
    case SIMLUA_CHANNEL_SEND:  r->ret = channel_send(&h, r->data, r->len); break;
    case SIMLUA_CHANNEL_RCV:   r->ret = channel_rcv(&h, r->data, (uint32_t)r->b); break;
    case SIMLUA_CHANNEL_CLOSE: r->ret = channel_close(&h); break;
    case SIMLUA_ASYNC_SEND:    r->ret = async_send(r->a, &r->msg); break;
    case SIMLUA_ASYNC_RECV:    r->ret = async_recv(r->a, &r->msg); break;
    case SIMLUA_ASYNC_REPLY:   r->ret = async_reply(r->a); break;
    case SIMLUA_ASYNC_PENDING: r->ret = async_pending(r->a); break;
    case SIMLUA_TASK_SELF:     r->ret = task_self(); break;
    case SIMLUA_YIELD:         r->ret = yield(); break;
    case SIMLUA_SLEEP:         r->ret = sleep_ms((uint32_t)r->a); break;
    case SIMLUA_UPTIME:        r->ret = (int32_t)uptime_ms(); break;
    case SIMLUA_KOBJECTS:      r->ret = (int32_t)kobjects(r->a); break;
    case SIMLUA_CONSOLE_WRITE: r->ret = (int32_t)console_write(r->data, r->len); break;
    case SIMLUA_CONSOLE_READ:  r->ret = (int32_t)console_read(r->data, (size_t)r->b); break;
    case SIMLUA_FAULT:         fault(r->a); break;
    case SIMLUA_TASK_SPAWN: {
        const struct task_spawn_req *q = (const void *)r->data;
        r->ret = task_spawn(q->name, q->program, q->priority, &q->grants);
        break;
    }
    case SIMLUA_TASK_KILL:     r->ret = task_kill(r->a); break;
    case SIMLUA_TASK_DEATH:    r->ret = task_death((struct task_death *)r->data); break;
    }
}

int main(void)
{
    if (!sim_lua_next) {
        puts("lua_task: this program is the C half of a Lua scenario's tasks "
             "(baton-sim SCENARIO.lua), and this simulator has no Lua");
        return 1;
    }
    while (sim_lua_next(&req))
        perform(&req);
    return req.a;                     /* SIMLUA_EXIT: the body's status */
}
