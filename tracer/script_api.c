/* script_api.c - the `baton` table scripts see: events as tables with
 * names, the state of tasks, queues and channels (after the current event,
 * or at the viewer's cursor), counters, checks and the log. docs/tracer.md
 * lists it all. Every function finds the scripts through an upvalue. */
#include "script_int.h"
#include "text.h"
#include <string.h>
#include <baton/error.h>

static struct tv_script *self(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static void set_str(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_bool(lua_State *L, const char *k, bool v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, k);
}

static const char *name_of(struct tv_script *T, unsigned id, char *buf)
{
    return tr_task_name(&T->s->dec, id, buf);
}

static const char *wait_name(unsigned w)
{
    static const char *const names[] = {
        "none", "sleep", "console", "send", "call", "recv", "reply", "channel",
    };
    return w < sizeof(names) / sizeof(names[0]) ? names[w] : "?";
}

/* ---- events ---- */

/* The fields that depend on the event's type. */
static void event_operands(struct tv_script *T, const struct tr_event *e, size_t index)
{
    lua_State *L = T->L;
    char buf[40];
    switch (e->type) {
    case TRACE_EV_CHAN_OPEN: case TRACE_EV_CHAN_CLOSE: case TRACE_EV_CHAN_BLOCK:
        set_str(L, "dir", e->aux & TRACE_PORT_RECV ? "receive" : "send");
        /* fall through */
    case TRACE_EV_CHAN_XFER:
        set_int(L, "port", e->aux & TRACE_PORT_MASK);
        if (e->type == TRACE_EV_CHAN_XFER) {
            set_int(L, "size", e->a);
            set_bool(L, "shared", e->aux & TRACE_PORT_SHARED);
        }
        break;
    case TRACE_EV_NOTIFY_SEND: case TRACE_EV_NOTIFY_DELIVER: set_int(L, "bits", e->a); break;
    case TRACE_EV_ASYNC_ENQUEUE: case TRACE_EV_ASYNC_DELIVER: case TRACE_EV_ASYNC_FULL:
        set_int(L, "depth", e->a); break;
    case TRACE_EV_ASYNC_PULL: case TRACE_EV_MARK: set_int(L, "value", e->a); break;
    case TRACE_EV_MASK:        set_int(L, "mask", e->a); break;
    case TRACE_EV_LOST:        set_int(L, "count", e->a); break;
    case TRACE_EV_IRQ:         set_int(L, "line", e->aux); break;
    case TRACE_EV_IRQ_CTL:
        set_int(L, "line", e->aux); set_str(L, "op", tr_irq_op_name(e->a)); break;
    case TRACE_EV_TASK_CREATE: set_int(L, "prio", e->aux); break;
    case TRACE_EV_TASK_EXIT:   set_int(L, "status", (int32_t)e->a); break;
    case TRACE_EV_TASK_FAULT:  set_int(L, "pc", e->a); set_int(L, "addr", e->b); break;
    case TRACE_EV_BLOCK:       set_str(L, "wait", wait_name(e->aux)); break;
    case TRACE_EV_SYSCALL_ERR:
        set_int(L, "sysno", e->aux);
        set_str(L, "syscall", tr_syscall_name(e->aux, buf));
        /* The number always; the name only when this decoder knows it
         * (docs/trace-format.md: an unknown number is never a name). */
        set_int(L, "err", (int32_t)e->a);
        if (strcmp(err2str((int32_t)e->a), "ERR_UNKNOWN") != 0)
            set_str(L, "error", err2str((int32_t)e->a));
        break;
    case TRACE_EV_DEADLOCK: {
        struct tr_extra x = tv_session_extra(T->s, index);
        lua_createtable(L, (int)x.n + 1, 0);
        lua_pushstring(L, name_of(T, e->subj, buf));
        lua_rawseti(L, -2, 1);
        for (size_t i = 0; i < x.n; i++) {
            lua_pushstring(L, name_of(T, x.p[i], buf));
            lua_rawseti(L, -2, (lua_Integer)i + 2);
        }
        lua_setfield(L, -2, "cycle");
        lua_createtable(L, (int)x.n + 1, 0);    /* the same, as task ids */
        lua_pushinteger(L, e->subj);
        lua_rawseti(L, -2, 1);
        for (size_t i = 0; i < x.n; i++) {
            lua_pushinteger(L, x.p[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 2);
        }
        lua_setfield(L, -2, "cycle_ids");
        break;
    }
    case TR_EV_RESTART:        /* docs/trace-format.md section 2 */
        set_int(L, "run", (lua_Integer)e->a + 1);
        set_bool(L, "inferred", e->aux);
        break;
    default:
        break;
    }
}

void tv_api_push_event(struct tv_script *T, size_t index)
{
    lua_State *L = T->L;
    const struct tr_event *e = &T->s->model.events[index];
    char buf[40], details[600];
    lua_createtable(L, 0, 10);
    set_int(L, "index", (lua_Integer)index + 1);
    set_int(L, "ts", (lua_Integer)e->ts);
    double hz = tv_session_hz(T->s);
    if (hz > 0) {
        lua_pushnumber(L, (double)(e->ts - T->s->model.events[0].ts) / hz);
        lua_setfield(L, -2, "time");
    }
    set_str(L, "type", tr_event_name(e->type));
    if (e->subj != TR_NO_TASK) {
        set_int(L, "subj_id", e->subj);
        set_str(L, "subj", name_of(T, e->subj, buf));
    }
    if (e->peer != TR_NO_TASK) {
        set_int(L, "peer_id", e->peer);
        set_str(L, "peer", name_of(T, e->peer, buf));
    }
    event_operands(T, e, index);
    struct tr_extra x = tv_session_extra(T->s, index);
    tr_event_details(&T->s->dec, e, &x, details, sizeof(details));
    set_str(L, "text", details);
}

/* baton.event(n): event number n (from 1) as a table, or nil. */
static int api_event(lua_State *L)
{
    struct tv_script *T = self(L);
    lua_Integer n = luaL_checkinteger(L, 1);
    if (n < 1 || (size_t)n > tv_session_count(T->s))
        return 0;
    tv_api_push_event(T, (size_t)n - 1);
    return 1;
}

/* baton.on(type, fn): fn(event) for every event of that type ("call",
 * "deadlock"...; "*" for all). */
static int api_on(lua_State *L)
{
    struct tv_script *T = self(L);
    const char *type = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    bool any = strcmp(type, "*") == 0, found = false;
    for (int t = 0; t < 256; t++) {
        if (!any && strcmp(tr_event_name((unsigned)t), type) != 0)
            continue;
        if (strcmp(tr_event_name((unsigned)t), "?") == 0)
            continue;
        found = true;
        lua_rawgeti(L, LUA_REGISTRYINDEX, T->handlers);
        if (lua_rawgeti(L, -1, t) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_rawseti(L, -3, t);
        }
        lua_createtable(L, 2, 0);
        lua_pushvalue(L, 2);
        lua_rawseti(L, -2, 1);
        lua_pushinteger(L, T->current);
        lua_rawseti(L, -2, 2);
        lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
        lua_pop(L, 2);
        T->want[t] = true;
    }
    if (!found)
        return luaL_error(L, "baton.on: no event type '%s' (see docs/tracer.md)", type);
    return 0;
}

/* ---- the state ---- */

/* A task id from an id or a name; -1 if there is none. */
static int task_arg(lua_State *L, struct tv_script *T, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        lua_Integer id = luaL_checkinteger(L, arg);
        return id >= 0 && id < TR_TASKS ? (int)id : -1;
    }
    const char *name = luaL_checkstring(L, arg);
    for (int id = 0; id < TR_TASKS; id++)
        if (strcmp(T->s->dec.meta.names[id], name) == 0)
            return id;
    return -1;
}

static void push_task(struct tv_script *T, int id)
{
    lua_State *L = T->L;
    const struct tr_task *t = &T->st->task[id];
    static const char *const states[] = { "unknown", "running", "ready", "blocked", "dead" };
    char buf[40];
    lua_createtable(L, 0, 12);
    set_int(L, "id", id);
    set_str(L, "name", name_of(T, (unsigned)id, buf));
    set_str(L, "state", t->state < 5 ? states[t->state] : "unknown");
    if (t->state == TRACE_STATE_BLOCKED) {
        set_str(L, "wait", wait_name(t->wait));
        if (t->peer != TR_NO_TASK) {
            set_int(L, "peer_id", t->peer);
            set_str(L, "peer", t->wait == TRACE_WAIT_RECV && t->peer == 0 ? "any"
                               : name_of(T, t->peer, buf));
        }
        if (t->wait == TRACE_WAIT_CHANNEL)
            set_int(L, "port", t->port & TRACE_PORT_MASK);
    }
    set_int(L, "prio", t->prio);
    set_int(L, "pending", t->pending);
    lua_newtable(L);
    for (int i = 0, n = 0; i < TR_TASKS; i++)
        if (t->senders >> i & 1) {
            lua_pushstring(L, i == 0 ? "kernel" : name_of(T, (unsigned)i, buf));
            lua_rawseti(L, -2, ++n);
        }
    lua_setfield(L, -2, "senders");
    lua_newtable(L);                /* sender name -> its bits pending here */
    for (int i = 0; i < TR_TASKS; i++)
        if (t->from_bits[i]) {
            lua_pushinteger(L, t->from_bits[i]);
            lua_setfield(L, -2, i == 0 ? "kernel" : name_of(T, (unsigned)i, buf));
        }
    lua_setfield(L, -2, "pending_from");
    set_int(L, "sent", t->sent);
    set_int(L, "received", t->received);
    set_int(L, "errors", t->errors);
}

/* baton.task(id or name): its state now, or nil. */
static int api_task(lua_State *L)
{
    struct tv_script *T = self(L);
    int id = task_arg(L, T, 1);
    if (id < 0)
        return 0;
    push_task(T, id);
    return 1;
}

/* baton.tasks(): every task that has a name or a known state. */
static int api_tasks(lua_State *L)
{
    struct tv_script *T = self(L);
    lua_newtable(L);
    for (int id = 0, n = 0; id < TR_TASKS; id++)
        if (T->s->dec.meta.names[id][0] || T->st->task[id].state != TRACE_STATE_UNKNOWN) {
            push_task(T, id);
            lua_rawseti(L, -2, ++n);
        }
    return 1;
}

/* baton.queue(from, to): {depth, high, full} of the async queue. */
static int api_queue(lua_State *L)
{
    struct tv_script *T = self(L);
    int from = task_arg(L, T, 1), to = task_arg(L, T, 2);
    if (from < 0 || to < 0)
        return 0;
    const struct tr_queue *q = &T->st->queue[from][to];
    lua_createtable(L, 0, 3);
    set_int(L, "depth", q->depth);
    set_int(L, "high", q->high);
    set_int(L, "full", q->full);
    return 1;
}

/* baton.channel(port): its ends, who waits, transfers. */
static int api_channel(lua_State *L)
{
    struct tv_script *T = self(L);
    lua_Integer port = luaL_checkinteger(L, 1);
    if (port < 0 || port >= TR_PORTS)
        return 0;
    const struct tr_chan *c = &T->st->chan[port];
    char buf[40];
    lua_createtable(L, 0, 8);
    set_int(L, "port", port);
    set_str(L, "name", T->s->dec.meta.port_names[port]);
    if (c->end[0] != TR_NO_TASK)
        set_str(L, "sender", name_of(T, c->end[0], buf));
    if (c->end[1] != TR_NO_TASK)
        set_str(L, "receiver", name_of(T, c->end[1], buf));
    if (c->waiting != TR_NO_TASK)
        set_str(L, "waiting", name_of(T, c->waiting, buf));
    set_int(L, "transfers", c->transfers);
    set_int(L, "size", c->last_size);
    set_bool(L, "shared", c->last_shared);
    return 1;
}

/* ---- time and names ---- */

static int api_name(lua_State *L)
{
    struct tv_script *T = self(L);
    char buf[40];
    lua_Integer id = luaL_checkinteger(L, 1);
    lua_pushstring(L, id >= 0 && id < TR_IDS ? name_of(T, (unsigned)id, buf) : "-");
    return 1;
}

/* baton.now(): the time (cycles) of the current event; baton.index(): its number. */
static int api_now(lua_State *L)
{
    struct tv_script *T = self(L);
    lua_pushinteger(L, T->index ? (lua_Integer)T->s->model.events[T->index - 1].ts : 0);
    return 1;
}

static int api_index(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)self(L)->index);
    return 1;
}

/* baton.seconds(cycles): the duration in seconds, nil if the clock is unknown. */
static int api_seconds(lua_State *L)
{
    double hz = tv_session_hz(self(L)->s);
    lua_Number c = luaL_checknumber(L, 1);
    if (hz <= 0)
        return 0;
    lua_pushnumber(L, c / hz);
    return 1;
}

/* baton.stats(): how complete the trace is so far, and what it records:
 * {events, lost, missing, corrupt, mask, built, arch}. lost: dropped by
 * the kernel (LOST records); missing: in frames that never arrived;
 * corrupt: frames thrown away. mask, built: the categories switched on and
 * compiled in, as the metadata last said (nil without metadata). */
static int api_stats(lua_State *L)
{
    struct tv_script *T = self(L);
    const struct tr_meta *m = &T->s->dec.meta;
    struct tr_counts c = tr_decoder_counts(&T->s->dec);
    lua_createtable(L, 0, 7);
    set_int(L, "events", (lua_Integer)tv_session_count(T->s));
    set_int(L, "lost", (lua_Integer)c.lost);
    set_int(L, "missing", (lua_Integer)c.missing);
    set_int(L, "corrupt", (lua_Integer)c.corrupt);
    if (m->mask || m->built) {         /* tracing on means a mask of some bit */
        set_int(L, "mask", m->mask);
        set_int(L, "built", m->built);
    }
    if (m->have_arch)
        set_str(L, "arch", m->arch);
    return 1;
}

/* ---- counters, checks, the log ---- */

/* baton.count(name [, n]): add n (1) to a counter; returns its value. */
static int api_count(lua_State *L)
{
    struct tv_script *T = self(L);
    struct tv_counter *c = tv_script_counter(T, luaL_checkstring(L, 1), true);
    if (!c)
        return luaL_error(L, "out of memory");
    c->value += luaL_optnumber(L, 2, 1);
    lua_pushnumber(L, c->value);
    return 1;
}

static int api_counter(lua_State *L)
{
    struct tv_counter *c = tv_script_counter(self(L), luaL_checkstring(L, 1), false);
    lua_pushnumber(L, c ? c->value : 0);
    return 1;
}

/* baton.fail(message): the verdict is "fail"; the script goes on. */
static int api_fail(lua_State *L)
{
    tv_script_fail(self(L), luaL_checkstring(L, 1));
    return 0;
}

/* baton.check(condition, message): fail with message unless condition. */
static int api_check(lua_State *L)
{
    bool ok = lua_toboolean(L, 1);
    if (!ok)
        tv_script_fail(self(L), luaL_optstring(L, 2, "check failed"));
    lua_pushboolean(L, ok);
    return 1;
}

/* baton.log(...) and print(...): words separated by spaces, one line. */
static int api_log(lua_State *L)
{
    int n = lua_gettop(L);        /* before the buffer takes stack slots */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, ' ');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    tv_script_log(self(L), lua_tostring(L, -1));
    return 0;
}

void tv_api_open(struct tv_script *T)
{
    static const luaL_Reg api[] = {
        { "on", api_on }, { "event", api_event }, { "task", api_task },
        { "tasks", api_tasks }, { "queue", api_queue }, { "channel", api_channel },
        { "name", api_name }, { "now", api_now }, { "index", api_index },
        { "seconds", api_seconds }, { "stats", api_stats },
        { "count", api_count }, { "counter", api_counter },
        { "fail", api_fail }, { "check", api_check }, { "log", api_log },
        { NULL, NULL },
    };
    lua_State *L = T->L;
    lua_newtable(L);
    lua_pushlightuserdata(L, T);
    luaL_setfuncs(L, api, 1);
    lua_setglobal(L, "baton");
    lua_pushlightuserdata(L, T);
    lua_pushcclosure(L, api_log, 1);
    lua_setglobal(L, "print");      /* never onto the viewer's screen */
}
