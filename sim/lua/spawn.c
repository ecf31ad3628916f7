/* spawn.c (sim/lua) - tasks made and ended at run time, for scenarios
 * (docs/tasks.md): spawn{...}, task_death() and program(NAME); kill(id) is
 * a row of api.c's table. A task spawned with a Lua body runs lua_task,
 * like the declared ones; its body is handed over when the task first
 * asks for a step, or when spawn returns, whichever comes first. */
#include <string.h>
#include <baton/error.h>
#include <baton/task.h>
#include "simlua.h"
#include "internal.h"
#include "task.h"

/* ---- spawn{name=, prio=, body= | program=, send=, recv=, irq=, privileged=} ---- */

/* The body waiting in "simlua.pending" becomes task k's: a coroutine kept
 * in "simlua.bodies" at -id, as the declared ones are. */
struct simlua_task *simlua_adopt(lua_State *L, const struct task *k)
{
    int slot = TASK_SLOT(k->id);
    if (!simlua.spawning || k->grants != &k->spawned || slot < 1 || slot > SIM_TASKS_MAX)
        return NULL;
    simlua.spawning = false;
    struct simlua_task *t = &simlua.task[slot - 1];
    lua_getfield(L, LUA_REGISTRYINDEX, "simlua.bodies");
    t->co = lua_newthread(L);
    t->id = k->id;
    memcpy(t->name, k->name, sizeof(t->name));
    lua_getfield(L, LUA_REGISTRYINDEX, "simlua.pending");
    lua_xmove(L, t->co, 1);
    lua_rawseti(L, -2, -(lua_Integer)k->id);
    lua_pop(L, 1);
    return t;
}

/* The status; then, if OK, the new task's id. */
static int k_spawn(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    int32_t ret = simlua.req->ret;
    struct task *k = ret > 0 ? task_lookup(ret) : NULL;
    if (k)
        simlua_adopt(L, k);           /* not run yet: its body is ready for it */
    simlua.spawning = false;
    lua_pushstring(L, simlua_errname(ret > 0 ? OK : ret));
    if (ret <= 0)
        return 1;
    lua_pushinteger(L, ret);
    return 2;
}

/* Fill q's name and program from the table at 1; a body means lua_task. */
static bool spawn_names(lua_State *L, struct task_spawn_req *q)
{
    size_t len = 0;
    const char *name = lua_getfield(L, 1, "name") == LUA_TSTRING ? lua_tolstring(L, -1, &len) : "";
    if (len >= sizeof(q->name))
        luaL_error(L, "spawn: name must have at most %d characters", (int)sizeof(q->name) - 1);
    memcpy(q->name, name, len + 1);   /* empty: the kernel refuses it */
    lua_pop(L, 1);
    bool body = lua_getfield(L, 1, "body") == LUA_TFUNCTION;
    lua_pop(L, 1);
    const char *prog = body ? "lua_task" : "";
    if (!body && lua_getfield(L, 1, "program") == LUA_TSTRING)
        prog = lua_tostring(L, -1);
    else if (!body)
        luaL_error(L, "spawn: give a body (a function) or a program (a name)");
    if (strlen(prog) >= sizeof(q->program))
        luaL_error(L, "spawn: program name too long");
    strcpy(q->program, prog);
    if (!body)
        lua_pop(L, 1);
    return body;
}

static int l_spawn(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "spawn");
    luaL_checktype(L, 1, LUA_TTABLE);
    static const char *const known[] = { "name", "prio", "body", "program", "send",
                                         "recv", "irq", "privileged", NULL };
    const char *bad = simlua_unknown_key(L, 1, known);
    if (bad)
        luaL_error(L, "spawn: unknown field '%s' (name, prio, body or program, send, "
                   "recv, irq, privileged)", bad);
    struct task_spawn_req q;
    memset(&q, 0, sizeof(q));
    bool body = spawn_names(L, &q);
    q.priority = simlua_prio(L);
    q.grants.send_ports = simlua_ports(L, "send");
    q.grants.recv_ports = simlua_ports(L, "recv");
    q.grants.irqs = simlua_irqs(L);
    lua_getfield(L, 1, "privileged");
    q.grants.flags = lua_toboolean(L, -1) ? TASK_PRIVILEGED : 0;
    lua_pop(L, 1);
    if (body) {
        lua_getfield(L, 1, "body");
        lua_setfield(L, LUA_REGISTRYINDEX, "simlua.pending");
        simlua.spawning = true;
    }
    memcpy(r->data, &q, sizeof(q));
    r->len = sizeof(q);
    return simlua_ask(L, SIMLUA_TASK_SPAWN, k_spawn);
}

/* ---- task_death() -> status[, {id=, cause=, status=, killer=, pc=, addr=, name=}] ---- */

static int k_death(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    static const char *const causes[] = {
        [TASK_DEATH_EXIT] = "exit", [TASK_DEATH_FAULT] = "fault", [TASK_DEATH_KILLED] = "killed",
    };
    struct task_death d;
    memcpy(&d, simlua.req->data, sizeof(d));
    lua_pushstring(L, simlua_errname(simlua.req->ret));
    if (simlua.req->ret != OK)
        return 1;
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, d.id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, d.cause >= TASK_DEATH_EXIT && d.cause <= TASK_DEATH_KILLED
                      ? causes[d.cause] : "?");
    lua_setfield(L, -2, "cause");
    lua_pushinteger(L, d.status);
    lua_setfield(L, -2, "status");
    lua_pushinteger(L, d.killer);
    lua_setfield(L, -2, "killer");
    lua_pushinteger(L, d.pc);
    lua_setfield(L, -2, "pc");
    lua_pushinteger(L, d.addr);
    lua_setfield(L, -2, "addr");
    d.name[sizeof(d.name) - 1] = '\0';
    lua_pushstring(L, d.name);
    lua_setfield(L, -2, "name");
    return 2;
}

static int l_task_death(lua_State *L)
{
    simlua_req(L, "task_death");
    return simlua_ask(L, SIMLUA_TASK_DEATH, k_death);
}

/* program(NAME): build a C program into the next run's image, for spawn. */
static int l_program(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (simlua.running)
        luaL_error(L, "program: programs are declared before the run");
    const struct sim_program *p = sim_program_find(name);
    if (!p)
        luaL_error(L, "program: no program '%s' in this simulator", name);
    struct sim_manifest *m = &simlua.manifest;
    if (m->nprograms == SIM_PROGRAMS_MAX)
        luaL_error(L, "program: more than %d programs", SIM_PROGRAMS_MAX);
    m->program[m->nprograms++] = p;
    return 0;
}

void simlua_open_spawn(lua_State *L)
{
    lua_register(L, "spawn", l_spawn);
    lua_register(L, "task_death", l_task_death);
    lua_register(L, "program", l_program);
}
