/* scenario.c (sim/lua) - a scenario file: its main chunk declares tasks
 * (task{...}) and may type console input (sim.irq); then the tasks run on
 * the kernel, each a lua_task program whose body is a Lua function. The
 * run starts when the chunk ends, or earlier with sim.run(). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "manifest.h"
#include "simlua.h"

struct simlua simlua;

/* ---- task{name=, prio=, send=, recv=, irq=, privileged=, body=} ------------- */

/* send= or recv=: a port number or a list of them, as a bitmask. */
uint32_t simlua_ports(lua_State *L, const char *field)
{
    uint32_t mask = 0;
    int t = lua_getfield(L, 1, field);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (t != LUA_TTABLE) {              /* one port: make it a list */
        lua_createtable(L, 1, 0);
        lua_insert(L, -2);
        lua_rawseti(L, -2, 1);
    }
    lua_Unsigned n = lua_rawlen(L, -1);
    for (lua_Unsigned i = 1; i <= n; i++) {
        int isint = 0;
        lua_rawgeti(L, -1, (lua_Integer)i);
        lua_Integer p = lua_tointegerx(L, -1, &isint);
        if (!isint || p < 0 || p >= CHANNEL_PORTS)
            luaL_error(L, "task: %s: ports are 0..%d, not %s", field, CHANNEL_PORTS - 1,
                       luaL_tolstring(L, -1, NULL));
        mask |= 1u << p;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return mask;
}

static void task_name(lua_State *L, struct sim_task_spec *s, int id)
{
    if (lua_getfield(L, 1, "name") == LUA_TNIL) {
        snprintf(s->name, sizeof(s->name), "task%d", id);
    } else {
        size_t len;
        const char *name = lua_tolstring(L, -1, &len);
        if (lua_type(L, -1) != LUA_TSTRING || len == 0 || len >= sizeof(s->name))
            luaL_error(L, "task: name must be a string of 1 to %d characters",
                       (int)sizeof(s->name) - 1);
        memcpy(s->name, name, len + 1);
    }
    lua_pop(L, 1);
}

int simlua_prio(lua_State *L)
{
    int isint = 1;
    lua_getfield(L, 1, "prio");
    lua_Integer prio = lua_isnil(L, -1) ? 3 : lua_tointegerx(L, -1, &isint);
    if (!isint || prio < TASK_PRIO_MIN || prio > TASK_PRIO_MAX)
        luaL_error(L, "task: prio must be %d..%d (%d the most urgent)",
                   TASK_PRIO_MIN, TASK_PRIO_MAX, TASK_PRIO_MAX);
    lua_pop(L, 1);
    return (int)prio;
}

uint32_t simlua_irqs(lua_State *L)
{
    int t = lua_getfield(L, 1, "irq");
    uint32_t irqs = 0;
    if (t == LUA_TSTRING && strcmp(lua_tostring(L, -1), "uart") == 0)
        irqs = 1u << MANIFEST_IRQ_UART;
    else if (t != LUA_TNIL)
        luaL_error(L, "task: irq must be \"uart\", the one interrupt line there is");
    lua_pop(L, 1);
    return irqs;
}

/* task{...} -> the task's id. The body goes to the registry table
 * "simlua.bodies", at the task's index, until the run. */
static int l_task(lua_State *L)
{
    if (simlua.running)
        luaL_error(L, "task: tasks are declared before the run, in the main chunk");
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const known[] = { "name", "prio", "send", "recv", "irq", "body",
                                         "privileged", NULL };
    const char *bad = simlua_unknown_key(L, 1, known);
    if (bad && !*bad)
        luaL_error(L, "task: the fields are named: task{name = ..., body = ...}");
    if (bad)
        luaL_error(L, "task: unknown field '%s' (name, prio, send, recv, irq, privileged, body)",
                   bad);
    struct sim_manifest *m = &simlua.manifest;
    if (m->count == SIM_TASKS_MAX)
        luaL_error(L, "task: more than %d tasks", SIM_TASKS_MAX);
    int id = m->count + 1;            /* the kernel starts them in order */
    struct sim_task_spec s = { .program = sim_program_find("lua_task") };
    if (!s.program)
        luaL_error(L, "task: this simulator was built without the lua_task program");
    task_name(L, &s, id);
    s.priority = simlua_prio(L);
    s.send_ports = simlua_ports(L, "send");
    s.recv_ports = simlua_ports(L, "recv");
    s.irqs = simlua_irqs(L);
    lua_getfield(L, 1, "privileged");
    s.privileged = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "body") != LUA_TFUNCTION)
        luaL_error(L, "task: body must be a function, the task's code");
    lua_getfield(L, LUA_REGISTRYINDEX, "simlua.bodies");
    lua_insert(L, -2);
    lua_rawseti(L, -2, id);
    m->task[m->count++] = s;
    lua_pushinteger(L, id);
    return 1;
}

/* ---- the run ---------------------------------------------------------------- */

/* A coroutine for each declared body, kept in "simlua.bodies" at -id so
 * that it lives as long as the run. */
static void make_bodies(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "simlua.bodies");
    for (int i = 0; i < simlua.manifest.count; i++) {
        struct simlua_task *t = &simlua.task[i];
        t->co = lua_newthread(L);
        t->id = i + 1;
        memcpy(t->name, simlua.manifest.task[i].name, sizeof(t->name));
        lua_rawgeti(L, -2, t->id);
        lua_xmove(L, t->co, 1);
        lua_rawseti(L, -2, -t->id);
    }
    lua_pop(L, 1);
}

/* Forget the tasks of a run: the next run starts with none declared. */
static void forget_tasks(lua_State *L)
{
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "simlua.bodies");
    memset(simlua.task, 0, sizeof(simlua.task));
    simlua.manifest.count = 0;
    simlua.manifest.nprograms = 0;
    simlua.input_len = 0;
}

/* The console input of a run: --input's, then what sim.irq typed. */
static char *run_input(const struct sim_config *cfg, size_t *len)
{
    *len = cfg->input_len + simlua.input_len;
    char *in = malloc(*len + 1);
    if (!in)
        return NULL;
    if (cfg->input_len)
        memcpy(in, cfg->input, cfg->input_len);
    if (simlua.input_len)
        memcpy(in + cfg->input_len, simlua.input, simlua.input_len);
    return in;
}

static void push_result(lua_State *L, const struct sim_result *res)
{
    static const char *const ends[] = {
        [SIM_END_FINISHED] = "finished", [SIM_END_POWEROFF] = "poweroff",
        [SIM_END_STUCK] = "stuck", [SIM_END_MAX_STEPS] = "max_steps",
    };
    lua_createtable(L, 0, 6);
    lua_pushstring(L, ends[res->end]);
    lua_setfield(L, -2, "ended");
    lua_pushinteger(L, res->status);
    lua_setfield(L, -2, "status");
    lua_pushinteger(L, (lua_Integer)res->syscalls);
    lua_setfield(L, -2, "syscalls");
    lua_pushinteger(L, (lua_Integer)res->switches);
    lua_setfield(L, -2, "switches");
    lua_pushinteger(L, (lua_Integer)res->ticks);
    lua_setfield(L, -2, "ticks");
    lua_pushinteger(L, (lua_Integer)(res->cycles / (SIM_HZ / 1000)));
    lua_setfield(L, -2, "ms");
}

/* sim.run() -> {ended =, status =, syscalls =, switches =, ticks =, ms =}:
 * boot the kernel with the tasks declared so far and run them to the end. */
static int l_run(lua_State *L)
{
    if (simlua.running)
        luaL_error(L, "sim.run: the run is on already");
    if (simlua.manifest.count == 0)
        luaL_error(L, "sim.run: no tasks to run: declare them with task{...}");
    make_bodies(L);
    struct sim_config cfg = *simlua.cfg;
    cfg.manifest = &simlua.manifest;
    char *input = run_input(simlua.cfg, &cfg.input_len);
    if (!input)
        luaL_error(L, "sim.run: out of memory");
    cfg.input = cfg.input_len ? input : NULL;   /* no bytes: no input at all */
    simlua_step_reset();
    simlua.runs++;
    simlua.running = true;
    struct sim_result res;
    sim_run(&cfg, &res);
    simlua.running = false;
    free(input);
    forget_tasks(L);
    push_result(L, &res);
    return 1;
}

/* ---- sim.irq, sim.advance ------------------------------------------------------ */

/* sim.irq("uart", bytes): type bytes on the console. Before the run they
 * wait for it; in a body, they come now. Either way the UART interrupts
 * when every task waits, 16 bytes at a time (docs/sim.md). */
static int l_irq(lua_State *L)
{
    static const char *const lines[] = { "uart", NULL };
    luaL_checkoption(L, 1, NULL, lines);
    size_t n;
    const char *bytes = luaL_checklstring(L, 2, &n);
    if (simlua.running) {
        sim_console_type(bytes, n);
        return 0;
    }
    char *more = realloc(simlua.input, simlua.input_len + n + 1);
    if (!more)
        luaL_error(L, "sim.irq: out of memory");
    memcpy(more + simlua.input_len, bytes, n);
    simlua.input = more;
    simlua.input_len += n;
    return 0;
}

/* sim.advance(ms): the calling body computes for ms of virtual time. The
 * ticks that come due meanwhile arrive at its next system call. */
static int l_advance(lua_State *L)
{
    lua_Integer ms = luaL_checkinteger(L, 1);
    luaL_argcheck(L, ms >= 0 && ms <= 1000000, 1, "0 to 1000000 ms");
    if (!simlua.running || !simlua.cur)
        luaL_error(L, "sim.advance: only a task's body may advance time "
                   "(as if it computed that long)");
    sim.now += (uint64_t)ms * (SIM_HZ / 1000);
    return 0;
}

void simlua_open_scenario(lua_State *L)
{
    static const luaL_Reg fns[] = {
        { "run", l_run }, { "irq", l_irq }, { "advance", l_advance }, { NULL, NULL },
    };
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "simlua.bodies");
    lua_register(L, "task", l_task);
    luaL_newlib(L, fns);
    lua_pushinteger(L, (lua_Integer)simlua.cfg->seed);
    lua_setfield(L, -2, "seed");
    lua_pushboolean(L, simlua.cfg->preempt);
    lua_setfield(L, -2, "preempt");
    lua_setglobal(L, "sim");
}
