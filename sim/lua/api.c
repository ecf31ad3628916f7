/* api.c (sim/lua) - the kernel's API for task bodies: messages,
 * notifications, async messages and the small system calls (channels and
 * the console: chan.c). Most are rows of one table, calls[]. Each checks
 * its arguments (a misuse is a Lua error at the caller's line), describes
 * the call in the task's request and yields; its continuation turns the C
 * half's answer into Lua values. Every call that can fail answers first
 * with its status, the Baton error name: "OK", "ERR_...". */
#include <string.h>
#include <stdint.h>
#include <baton/error.h>
#include <baton/syscall.h>
#include <baton/uart.h>
#include "simlua.h"

const char *simlua_errname(int err)
{
    switch (err) {
#define SIMLUA_ERRNAME(name, value, str) case value: return str;
    BATON_ERRORS(SIMLUA_ERRNAME)
#undef SIMLUA_ERRNAME
    }
    return "ERR_UNKNOWN";
}

struct simlua_req *simlua_req(lua_State *L, const char *fname)
{
    if (!simlua.running)
        luaL_error(L, "%s: only a task's body may call it, during the run "
                   "(task{..., body = function() ... end})", fname);
    if (!simlua.cur || L != simlua.cur->co)
        luaL_error(L, "%s: called from a coroutine of the task's own; "
                   "call the kernel from the body's coroutine", fname);
    if (!lua_isyieldable(L))
        luaL_error(L, "%s: cannot wait for the kernel here (inside a "
                   "metamethod, or a function that C code called)", fname);
    return simlua.req;
}

int simlua_ask(lua_State *L, int op, lua_KFunction k)
{
    simlua.req->op = op;
    return lua_yieldk(L, 0, 0, k);
}

/* A 32-bit word argument: any integer a uint32_t or an int32_t can hold,
 * so that the kernel, not Lua, judges the value. */
static uint32_t check_word(lua_State *L, int arg)
{
    lua_Integer v = luaL_checkinteger(L, arg);
    luaL_argcheck(L, v >= INT32_MIN && v <= (lua_Integer)UINT32_MAX, arg,
                  "does not fit in 32 bits");
    return (uint32_t)v;
}

/* ---- messages as tables: {type = T, words = {w1, ..., w6}} --------------- */

static void msg_field_word(lua_State *L, int arg, const char *what, uint32_t *out)
{
    int ok = 0;
    lua_Integer v = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &ok) : 0;
    if (!ok)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s must be an integer, not %s",
                                              what, luaL_typename(L, -1)));
    if (v < INT32_MIN || v > (lua_Integer)UINT32_MAX)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s does not fit in 32 bits", what));
    *out = (uint32_t)v;
    lua_pop(L, 1);
}

const char *simlua_unknown_key(lua_State *L, int idx, const char *const known[])
{
    const char *first = NULL;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        int i = 0;
        while (known[i] && strcmp(known[i], k))
            i++;
        if (!known[i] && (!first || strcmp(k, first) < 0))
            first = k;                /* still referenced by the table */
    }
    return first;
}

/* A received message may be sent on as it is: src, bits and senders are
 * allowed (and ignored: the kernel fills src). Anything else is a typo. */
static void msg_check_keys(lua_State *L, int arg)
{
    static const char *const known[] = { "type", "words", "src", "bits", "senders", NULL };
    const char *bad = simlua_unknown_key(L, arg, known);
    if (bad)
        luaL_argerror(L, arg, lua_pushfstring(L, "a message has type and words, not %s",
                                              *bad ? bad : "unnamed fields"));
}

static void msg_from_lua(lua_State *L, int arg, struct message *m)
{
    luaL_checktype(L, arg, LUA_TTABLE);
    msg_check_keys(L, arg);
    memset(m, 0, sizeof(*m));
    uint32_t type;
    lua_getfield(L, arg, "type");
    msg_field_word(L, arg, "message.type", &type);
    m->type = (int)type;
    if (lua_getfield(L, arg, "words") == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1))
        luaL_argerror(L, arg, "message.words must be a table of integers");
    lua_Unsigned n = lua_rawlen(L, -1);
    if (n > MESSAGE_DATA_SIZE / 4)
        luaL_argerror(L, arg, lua_pushfstring(L, "message.words has %d words, at most %d",
                                              (int)n, MESSAGE_DATA_SIZE / 4));
    for (lua_Unsigned i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i);
        char what[32];
        snprintf(what, sizeof(what), "message.words[%d]", (int)i);
        msg_field_word(L, arg, what, &m->words[i - 1]);
    }
    lua_pop(L, 1);
}

static void msg_to_lua(lua_State *L, const struct message *m)
{
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, m->type);
    lua_setfield(L, -2, "type");
    lua_pushinteger(L, m->src);
    lua_setfield(L, -2, "src");
    lua_createtable(L, MESSAGE_DATA_SIZE / 4, 0);
    for (int i = 0; i < MESSAGE_DATA_SIZE / 4; i++) {
        lua_pushinteger(L, m->words[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "words");
    if (m->type == NOTIFICATIONS_MSG) {   /* the bits, and who sent them */
        lua_pushinteger(L, m->notifications.data);
        lua_setfield(L, -2, "bits");
        lua_pushinteger(L, m->notifications.senders);
        lua_setfield(L, -2, "senders");
    }
}

/* ---- the calls, described by a table --------------------------------------- */

enum args { NO_ARGS, WORD, WORD_MSG, WORD_WORD };   /* what a call takes */
enum answer { STATUS, STATUS_MSG, VALUE };            /* and what it returns */

struct call {
    const char *name;
    int op;                       /* enum simlua_op */
    enum args args;
    enum answer answer;
};

static const struct call calls[] = {
    { "send", SIMLUA_SEND, WORD_MSG, STATUS },
    { "send_noblock", SIMLUA_SEND_NOBLOCK, WORD_MSG, STATUS },
    { "recv", SIMLUA_RECV, WORD, STATUS_MSG },
    { "recv_noblock", SIMLUA_RECV_NOBLOCK, WORD, STATUS_MSG },
    { "call", SIMLUA_CALL, WORD_MSG, STATUS_MSG },
    { "reply", SIMLUA_REPLY, WORD_MSG, STATUS },
    { "notify", SIMLUA_NOTIFY, WORD_WORD, STATUS },
    { "notification_send", SIMLUA_NOTIFICATION_SEND, WORD, STATUS },
    { "notification_rcv", SIMLUA_NOTIFICATION_RCV, WORD, STATUS },
    { "timer_set", SIMLUA_TIMER_SET, WORD, STATUS },
    { "irq_acquire", SIMLUA_IRQ_ACQUIRE, WORD, STATUS },
    { "irq_ack", SIMLUA_IRQ_ACK, WORD, STATUS },
    { "uart_read", SIMLUA_UART_READ, WORD, VALUE },
    { "async_send", SIMLUA_ASYNC_SEND, WORD_MSG, STATUS },
    { "async_recv", SIMLUA_ASYNC_RECV, WORD, STATUS_MSG },
    { "async_reply", SIMLUA_ASYNC_REPLY, WORD, STATUS },
    { "async_pending", SIMLUA_ASYNC_PENDING, WORD, VALUE },
    { "task_self", SIMLUA_TASK_SELF, NO_ARGS, VALUE },
    { "uptime", SIMLUA_UPTIME, NO_ARGS, VALUE },
    { "yield", SIMLUA_YIELD, NO_ARGS, STATUS },
    { "sleep", SIMLUA_SLEEP, WORD, STATUS },
    { "kobjects", SIMLUA_KOBJECTS, WORD, VALUE },
    { "kill", SIMLUA_TASK_KILL, WORD, STATUS },         /* task_kill(id) */
};

/* The continuation of every call in the table: ctx is its index. */
static int answer(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    int32_t ret = simlua.req->ret;
    if (calls[ctx].answer == VALUE) {   /* a count or an id */
        lua_pushinteger(L, ret);
        return 1;
    }
    lua_pushstring(L, simlua_errname(ret));
    if (calls[ctx].answer == STATUS || ret != OK)
        return 1;
    msg_to_lua(L, &simlua.req->msg);
    return 2;
}

/* Every call in the table: its index is the closure's upvalue. */
static int kernel_call(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(1));
    const struct call *c = &calls[i];
    struct simlua_req *r = simlua_req(L, c->name);
    memset(&r->msg, 0, sizeof(r->msg));
    if (c->args != NO_ARGS)
        r->a = (int32_t)check_word(L, 1);
    if (c->args == WORD_WORD)
        r->b = (int32_t)check_word(L, 2);
    if (c->args == WORD_MSG)
        msg_from_lua(L, 2, &r->msg);
    simlua.req->op = c->op;
    return lua_yieldk(L, 0, (lua_KContext)i, answer);
}

/* ---- the others ---------------------------------------------------------------- */

static int k_status(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    lua_pushstring(L, simlua_errname(simlua.req->ret));
    return 1;
}

/* NOTIFY_USER(n): a program's own notification bit, n = 0..23. */
static int l_notify_user(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    luaL_argcheck(L, n >= 0 && n <= 23, 1, "a program's own bits are 0..23");
    lua_pushinteger(L, NOTIFY_USER(n));
    return 1;
}

/* exit([status]): end the task now, as returning from the body does. */
static int l_exit(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "exit");
    r->a = (int32_t)luaL_optinteger(L, 1, 0);
    return simlua_ask(L, SIMLUA_EXIT, k_status);
}

/* fault(["load" | "store" | "illegal"]): the C half faults, for real. */
static int l_fault(lua_State *L)
{
    static const char *const kinds[] = { "load", "store", "illegal", NULL };
    struct simlua_req *r = simlua_req(L, "fault");
    r->a = luaL_checkoption(L, 1, "load", kinds);
    return simlua_ask(L, SIMLUA_FAULT, k_status);
}

/* The C API's constants, under the same names. */
static void constants(lua_State *L)
{
    static const struct { const char *name; lua_Integer value; } k[] = {
        { "ANY", IPC_ANY }, { "IPC_ANY", IPC_ANY }, { "MSG_USER", MSG_USER },
        { "NOTIFICATIONS_MSG", NOTIFICATIONS_MSG }, { "ASYNC_MSG", ASYNC_MSG },
        { "NOTIFY_TIMER", NOTIFY_TIMER }, { "NOTIFY_IRQ", NOTIFY_IRQ },
        { "NOTIFY_ASYNC", NOTIFY_ASYNC }, { "NOTIFY_SIGNAL", NOTIFY_SIGNAL },
        { "UART_RBR", UART_RBR }, { "UART_LSR", UART_LSR },
        { "UART_LSR_RX_READY", UART_LSR_RX_READY },
        { "IRQ_UART", IRQ_UART }, { "CHANNEL_SEND", CHANNEL_SEND },
        { "CHANNEL_RECEIVE", CHANNEL_RECEIVE }, { "CHANNEL_FAST_MAX", CHANNEL_FAST_MAX },
        { "CHANNEL_SHM_MAX", CHANNEL_SHM_MAX }, { "ASYNC_QUEUE_MAX", SIMLUA_ASYNC_QUEUE_MAX },
        { "KOBJ_PAGES", KOBJ_PAGES }, { "KOBJ_TASKS", KOBJ_TASKS },
        { "KOBJ_CHANNELS", KOBJ_CHANNELS }, { "KOBJ_QUEUED", KOBJ_QUEUED },
        { "KOBJ_DEAD", KOBJ_DEAD }, { "NOTIFY_DEATH", NOTIFY_DEATH },
        { "TASK_MAX", TASK_MAX }, { "TICK_MS", TICK_MS },
        { "MESSAGE_WORDS", MESSAGE_DATA_SIZE / 4 },
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        lua_pushinteger(L, k[i].value);
        lua_setglobal(L, k[i].name);
    }
}

void simlua_open_api(lua_State *L)
{
    static const luaL_Reg others[] = {
        { "NOTIFY_USER", l_notify_user }, { "exit", l_exit }, { "fault", l_fault },
        { NULL, NULL },
    };
    constants(L);
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        lua_pushinteger(L, (lua_Integer)i);
        lua_pushcclosure(L, kernel_call, 1);
        lua_setglobal(L, calls[i].name);
    }
    lua_pushglobaltable(L);
    luaL_setfuncs(L, others, 0);
    lua_pop(L, 1);
    simlua_open_chan(L);
    simlua_open_spawn(L);
}
