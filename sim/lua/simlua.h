/* simlua.h (sim/lua) - Lua 5.4 scenarios in the simulator: tasks whose
 * bodies are Lua functions calling the kernel's IPC (docs/sim.md, "Lua
 * scenarios"). What the files of sim/lua share; baton-sim's main() needs
 * only simlua_main(). */
#ifndef SIMLUA_H
#define SIMLUA_H

#include <stdbool.h>
#include <lua.h>
#include <lauxlib.h>
#include "sim.h"
#include "request.h"

/* A task of the scenario: its Lua body runs as a coroutine. */
struct simlua_task {
    char name[SIM_NAME_MAX];
    int id;                       /* its kernel task id */
    lua_State *co;                /* its body, during a run */
};

/* The scenario: one per baton-sim process. */
struct simlua {
    lua_State *L;                 /* the main state: the scenario's chunk */
    lua_State *runner;            /* where each step of a body is resumed from */
    const char *path;             /* the scenario file */
    const struct sim_config *cfg; /* baton-sim's options */
    struct sim_manifest manifest; /* the tasks declared, for the next run */
    struct simlua_task task[SIM_TASKS_MAX];
    bool running;                 /* inside sim_run */
    struct simlua_task *cur;      /* the task whose body runs now, or NULL */
    struct simlua_req *req;       /* and its request, in its user memory */
    char *input;                  /* console input typed before the run */
    size_t input_len;
    int runs;                     /* sim.run()s so far */
    bool spawning;                /* spawn{body=} pending: "simlua.pending" */
    int passed, failed, errors;   /* checks, and task bodies that raised */
};
extern struct simlua simlua;

/* baton-sim SCENARIO.lua: run it with cfg's options (seed, preempt...).
 * Returns the exit status (docs/sim.md). */
int simlua_main(const char *path, struct sim_config *cfg);

/* sim/lua/scenario.c: declaring tasks and running them */
void simlua_open_scenario(lua_State *L);

/* sim/lua/api.c: the kernel's API for task bodies */
void simlua_open_api(lua_State *L);
void simlua_open_chan(lua_State *L);      /* sim/lua/chan.c */
struct task;
void simlua_open_spawn(lua_State *L);     /* sim/lua/spawn.c */
/* sim/lua/spawn.c: the body of a task spawned with spawn{body = ...}, if
 * task k is the one being spawned; NULL otherwise. L: where to make it. */
struct simlua_task *simlua_adopt(lua_State *L, const struct task *k);
/* sim/lua/scenario.c: fields of the table at index 1 (task{}, spawn{}) */
uint32_t simlua_ports(lua_State *L, const char *field);
uint32_t simlua_irqs(lua_State *L);
int simlua_prio(lua_State *L);
/* The request of the running body, for the API function fname: raises a
 * Lua error (with the caller's file and line) unless L is a task's body. */
struct simlua_req *simlua_req(lua_State *L, const char *fname);
/* Hand op (already described in the request) to the C half: the body
 * yields, and k pushes the results once the system call is done. */
int simlua_ask(lua_State *L, int op, lua_KFunction k);
/* The alphabetically first key of the table at idx not in known (NULL
 * ended), so that a message names the same one from run to run; "" for
 * a key that is not a string; NULL if there is none. */
const char *simlua_unknown_key(lua_State *L, int idx, const char *const known[]);
/* "OK", "ERR_DEADLOCK"... for an error_t. */
const char *simlua_errname(int err);

/* sim/lua/check.c: print, check, check_eq and the verdict */
void simlua_open_check(lua_State *L);
/* "file:line" of the Lua code calling the running C function, or "". */
const char *simlua_where(lua_State *L, char *buf, size_t size);

/* sim/lua/step.c: resuming bodies on a stack of their own */
void simlua_step_reset(void);

#endif
