/* simlua.c (sim/lua) - baton-sim SCENARIO.lua: make the Lua state with the
 * scenario API, run the file's main chunk, run its tasks if the chunk did
 * not, and judge: the exit status and the closing "N passed" line. */
#include <stdlib.h>
#include <lualib.h>
#include "simlua.h"

/* Same --seed, same numbers: math.random is seeded from it, not the clock. */
static void seed_random(lua_State *L, uint64_t seed)
{
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, (lua_Integer)seed);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
}

/* Reading a global that was never set is an error, not nil: a misspelt
 * name (NOTIFY_TIMR, sned) is reported at its line, not carried on. */
static int unknown_global(lua_State *L)
{
    return luaL_error(L, "unknown name '%s'", luaL_tolstring(L, 2, NULL));
}

static void strict_globals(lua_State *L)
{
    lua_pushglobaltable(L);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, unknown_global);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
}

static lua_State *new_state(struct sim_config *cfg)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return NULL;
    luaL_openlibs(L);
    simlua.L = L;
    simlua.cfg = cfg;
    simlua.runner = lua_newthread(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "simlua.runner");
    simlua_open_api(L);
    simlua_open_check(L);
    simlua_open_scenario(L);
    seed_random(L, cfg->seed);
    strict_globals(L);
    return L;
}

/* Call the function on top of the stack, protected: returns 0, or prints
 * the error (its message names the file and line) and returns -1. */
static int protected(lua_State *L, int nres)
{
    if (lua_pcall(L, 0, nres, 0) == LUA_OK)
        return 0;
    fflush(stdout);
    fprintf(stderr, "baton-sim: %s\n", lua_tostring(L, -1));
    lua_pop(L, 1);
    return -1;
}

/* The run the chunk left to us: its end is part of the verdict. */
static int final_run(lua_State *L)
{
    lua_getglobal(L, "sim");
    lua_getfield(L, -1, "run");
    lua_remove(L, -2);
    if (protected(L, 1) != 0)
        return SIM_EXIT_USAGE;
    lua_getfield(L, -1, "status");
    int status = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
    return status;
}

int simlua_main(const char *path, struct sim_config *cfg)
{
    simlua.path = path;
    lua_State *L = new_state(cfg);
    if (!L) {
        fprintf(stderr, "baton-sim: cannot make a Lua state\n");
        return SIM_EXIT_USAGE;
    }
    int status = 0;
    if (luaL_loadfile(L, path) != LUA_OK) {
        fprintf(stderr, "baton-sim: %s\n", lua_tostring(L, -1));
        status = SIM_EXIT_USAGE;
    } else if (protected(L, 0) != 0) {
        status = SIM_EXIT_USAGE;
    } else if (simlua.manifest.count > 0) {
        status = final_run(L);
    } else if (simlua.runs == 0) {
        fprintf(stderr, "baton-sim: %s: no tasks (declare them with task{...})\n", path);
        status = SIM_EXIT_USAGE;
    }
    if (status == 0 && (simlua.failed || simlua.errors))
        status = 1;
    if (cfg->report && status != SIM_EXIT_USAGE)
        fprintf(cfg->report, "baton-sim: %s: %d passed, %d failed%s\n", path,
                simlua.passed, simlua.failed,
                simlua.errors ? ", and a body raised an error" : "");
    lua_close(L);
    free(simlua.input);
    return status;
}
