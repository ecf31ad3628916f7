/* request.h (sim/lua) - how a Lua task's body and its C half talk. The body
 * runs in the interpreter on the host's stack (sim/lua/step.c); whenever it
 * calls the kernel, it fills a request and yields, and the C half
 * (sim/lua/lua_task.c, a real user program) makes the system call from its
 * own user stack, with the buffers below in its own user memory, so the
 * kernel sees exactly what it would see from a C program. */
#ifndef SIMLUA_REQUEST_H
#define SIMLUA_REQUEST_H

#include <stdint.h>
#include <baton/ipc.h>

/* What the C half is asked to do; the arguments each one uses follow. */
enum simlua_op {
    SIMLUA_NONE,            /* nothing asked: the body yielded by itself */
    SIMLUA_EXIT,            /* a: status */
    /* messages: a = peer, msg in and out */
    SIMLUA_SEND, SIMLUA_SEND_NOBLOCK, SIMLUA_RECV, SIMLUA_RECV_NOBLOCK,
    SIMLUA_CALL, SIMLUA_REPLY,
    /* notifications */
    SIMLUA_NOTIFY,          /* a: dst, b: bits */
    SIMLUA_NOTIFICATION_SEND, SIMLUA_NOTIFICATION_RCV,   /* a: task */
    SIMLUA_TIMER_SET,       /* a: ms */
    SIMLUA_IRQ_ACQUIRE,     /* a: irq */
    SIMLUA_IRQ_ACK,         /* a: irq */
    SIMLUA_UART_READ,       /* a: register; ret = its value (device=uart) */
    /* channels: a = handle (out for open) */
    SIMLUA_CHANNEL_OPEN,    /* b: port, c: direction */
    SIMLUA_CHANNEL_SEND,    /* len bytes of data (len may exceed the buffer) */
    SIMLUA_CHANNEL_RCV,     /* b: buffer size; data out, ret = bytes */
    SIMLUA_CHANNEL_CLOSE,
    /* async (resea/async.h): a = peer, msg in and out */
    SIMLUA_ASYNC_SEND, SIMLUA_ASYNC_RECV, SIMLUA_ASYNC_REPLY, SIMLUA_ASYNC_PENDING,
    /* the rest */
    SIMLUA_TASK_SELF, SIMLUA_YIELD, SIMLUA_SLEEP /* a: ms */, SIMLUA_UPTIME,
    SIMLUA_KOBJECTS,        /* a: kind */
    SIMLUA_CONSOLE_WRITE,   /* len bytes of data */
    SIMLUA_CONSOLE_READ,    /* b: most bytes; data out, ret = bytes */
    SIMLUA_FAULT,           /* a: SIMLUA_FAULT_* */
    /* tasks at run time: a struct task_spawn_req in, a struct task_death out */
    SIMLUA_TASK_SPAWN,      /* data: the request; ret = the id or an error */
    SIMLUA_TASK_KILL,       /* a: the task */
    SIMLUA_TASK_DEATH,      /* data out: the record */
    SIMLUA_OPS
};

enum { SIMLUA_FAULT_LOAD, SIMLUA_FAULT_STORE, SIMLUA_FAULT_ILLEGAL };

#define SIMLUA_DATA_MAX CHANNEL_SHM_MAX   /* the largest channel transfer */
#define SIMLUA_ASYNC_QUEUE_MAX 16         /* resea/async.h, which the host cannot include */

/* One per task, in its program's data. msg comes first: the kernel wants a
 * struct message aligned to 32 bytes, and so is the whole struct. */
struct simlua_req {
    struct message msg;
    int32_t op;             /* enum simlua_op */
    int32_t a, b, c;        /* arguments, as listed above */
    int32_t ret;            /* the answer: an error_t or a count */
    uint32_t len;           /* bytes of data, in or out */
    uint8_t data[SIMLUA_DATA_MAX];
};

/* The host side (sim/lua/step.c): run the body of the calling task until
 * it asks for a system call, and describe it in *req. Returns 0 when the
 * body is over: then req->op is SIMLUA_EXIT. Weak in the C half, so that a
 * simulator built without Lua still links every program. */
int sim_lua_next(struct simlua_req *req);

#endif
