/* step.c (sim/lua) - running a task's Lua body, one step at a time.
 *
 * A task's C half (sim/lua/lua_task.c) runs on its 16 KiB user stack, too
 * small for the interpreter. So sim_lua_next() switches to a large stack of
 * our own, resumes the body's coroutine there until the body asks for a
 * system call (the API functions fill the request and yield) or ends, and
 * switches back. The C half then makes the call. Between two steps nothing
 * of the body is on any C stack (a yield unwinds to lua_resume), so one
 * stack serves every task: its context is parked in step_loop, waiting. */
#include <string.h>
#include "internal.h"
#include "task.h"
#include "asan.h"
#include "simlua.h"

#define STEP_STACK_SIZE (4u << 20)      /* the interpreter nests C calls */
static unsigned char step_stack[STEP_STACK_SIZE] __attribute__((aligned(16)));
static uint64_t step_sp;                /* the parked step context */
static uint64_t user_sp;                /* the C half waiting in sim_lua_next */
static void *step_fake;                 /* ASan's bookkeeping of both stacks */
static const void *user_bottom;
static size_t user_size;
static struct simlua_req *pending;      /* what the step is for */

/* Tell about a body that raised an error (its message is on co's stack),
 * with a traceback of the body: file and line of every level. */
static void body_failed(lua_State *R, struct simlua_task *t, const char *why)
{
    char where[256];
    const char *msg = lua_tostring(t->co, -1);
    if (why)                            /* say where, as Lua's own errors do */
        msg = lua_pushfstring(R, "%s: %s", simlua_where(t->co, where, sizeof(where)), why);
    luaL_traceback(R, t->co, msg ? msg : "(an error object that is not a string)", 0);
    fflush(sim.out);                    /* the console up to the error first */
    fprintf(stderr, "baton-sim: task %d (%s) failed: %s\n", t->id, t->name,
            lua_tostring(R, -1));
    lua_pop(R, why ? 2 : 1);
    simlua.errors++;
}

/* The body of task id; or, for a task that has none (lua_task named in a
 * manifest), say so, ask the C half to exit, and return NULL. */
static struct simlua_task *body_of(task_t id, struct simlua_req *req)
{
    struct task *k = task_lookup(id);
    struct simlua_task *t = NULL;
    if (simlua.running && TASK_SLOT(id) >= 1 && TASK_SLOT(id) <= SIM_TASKS_MAX)
        t = &simlua.task[TASK_SLOT(id) - 1];  /* by slot: task{}'s ids, then spawns */
    if (t && t->co && t->id == id && k && strcmp(k->name, t->name) == 0)
        return t;
    if (k && (t = simlua_adopt(simlua.runner, k)))
        return t;                       /* spawned, and running before its creator knows */
    fflush(sim.out);
    fprintf(stderr, "baton-sim: task %d runs lua_task, but has no Lua body: "
            "lua_task is for the tasks of a scenario (baton-sim FILE.lua)\n", id);
    req->op = SIMLUA_EXIT;
    req->a = 1;
    return NULL;
}

/* One step of the body of the running task, in a protected call on the
 * runner thread: resume it until it asks for something or ends. */
static int step_protected(lua_State *R)
{
    struct simlua_req *req = lua_touserdata(R, 1);
    struct simlua_task *t = body_of(task_current->id, req);
    if (!t)
        return 0;
    int nres;
    simlua.cur = t;
    simlua.req = req;
    req->op = SIMLUA_NONE;
    int st = lua_resume(t->co, R, 0, &nres);
    simlua.cur = NULL;
    simlua.req = NULL;
    if (st == LUA_YIELD && req->op != SIMLUA_NONE) {
        lua_pop(t->co, nres);
        return 0;                       /* the C half does req->op */
    }
    if (st == LUA_OK) {                 /* the body returned: its status */
        bool status = nres > 0 && lua_isinteger(t->co, -nres);
        req->a = status ? (int32_t)lua_tointeger(t->co, -nres) : 0;
    } else {
        body_failed(R, t, st == LUA_YIELD ? "coroutine.yield() in a task's body: "
                    "only a coroutine of its own may yield (yield() gives up the CPU)" : NULL);
        req->a = 1;
    }
    req->op = SIMLUA_EXIT;
    t->co = NULL;                       /* never resumed again */
    return 0;
}

static void step(struct simlua_req *req)
{
    lua_State *R = simlua.runner;
    lua_pushcfunction(R, step_protected);
    lua_pushlightuserdata(R, req);
    if (lua_pcall(R, 1, 0, 0) != LUA_OK) {   /* out of memory, say */
        fflush(sim.out);
        fprintf(stderr, "baton-sim: task %d: %s\n", task_current->id, lua_tostring(R, -1));
        lua_pop(R, 1);
        simlua.errors++;
        req->op = SIMLUA_EXIT;
        req->a = 1;
    }
}

/* The step context: one step each time a C half switches here. */
static noreturn void step_loop(void *arg)
{
    (void)arg;
    for (;;) {
        sim_asan_finish(step_fake, &user_bottom, &user_size);
        step(pending);
        sim_asan_start(&step_fake, user_bottom, user_size);
        sim_ctx_switch(&step_sp, user_sp);
    }
}

/* Called by a task's C half, on its user stack (request.h). */
int sim_lua_next(struct simlua_req *req)
{
    if (!simlua.running) {             /* lua_task named in a manifest */
        body_of(task_current->id, req);
        return 0;
    }
    uint8_t in_user = sim_in_user;
    sim_in_user = 0;                    /* a crash in the interpreter is ours */
    if (!step_sp)
        step_sp = sim_ctx_new(step_stack + sizeof(step_stack), step_loop, NULL);
    pending = req;
    sim_switch_to(&user_sp, step_sp, step_stack, sizeof(step_stack));
    sim_in_user = in_user;
    return req->op != SIMLUA_EXIT;
}

/* Before a run: no body is running. The parked step context stays. */
void simlua_step_reset(void)
{
    simlua.cur = NULL;
    simlua.req = NULL;
}
