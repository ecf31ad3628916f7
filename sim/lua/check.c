/* check.c (sim/lua) - print, check and check_eq: a scenario's output and
 * its PASS and FAIL lines, as the C tests print them (baton_test.h). In a
 * task's body they write through the kernel (console_write), so they take
 * their place among the kernel's own lines; elsewhere, straight to stdout. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "simlua.h"

const char *simlua_where(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    buf[0] = '\0';
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(buf, size, "%s:%d", ar.short_src, ar.currentline);
    return buf;
}

/* Write the string on top of the stack, then leave nret values (those just
 * below it) as results. In a body, one console_write per 4 KiB: ctx counts
 * the bytes written so far, times 2, plus nret. */
static int write_k(lua_State *L, int status, lua_KContext ctx)
{
    size_t len, done = (size_t)ctx >> 1;
    int nret = (int)(ctx & 1);
    const char *s = lua_tolstring(L, -1, &len);
    if (status == LUA_YIELD && simlua.req->ret < 0)
        done = len;                   /* the kernel refused: give up */
    if (done < len) {
        struct simlua_req *r = simlua.req;
        size_t n = len - done < sizeof(r->data) ? len - done : sizeof(r->data);
        memcpy(r->data, s + done, n);
        r->len = (uint32_t)n;
        r->op = SIMLUA_CONSOLE_WRITE;
        return lua_yieldk(L, 0, (lua_KContext)(((done + n) << 1) | (size_t)nret), write_k);
    }
    lua_pop(L, 1);
    return nret;
}

static int write_top(lua_State *L, int nret)
{
    if (simlua.running && simlua.cur && L == simlua.cur->co && lua_isyieldable(L))
        return write_k(L, LUA_OK, nret);
    /* Outside a body (the main chunk; a coroutine of a body's own): the
     * console file itself, in order with what the kernel wrote there. */
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    fwrite(s, 1, len, simlua.running ? sim.out : stdout);
    lua_pop(L, 1);
    return nret;
}

/* print(...): as Lua's, on the console. */
static int l_print(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    return write_top(L, 0);
}

/* A value as a FAIL line shows it: strings quoted, so "1" and 1 differ. */
static const char *shown(lua_State *L, int i)
{
    if (lua_type(L, i) == LUA_TSTRING)
        return lua_pushfstring(L, "\"%s\"", lua_tostring(L, i));
    return luaL_tolstring(L, i, NULL);
}

/* Count a check, push its result and its line, and write the line. */
static int verdict(lua_State *L, bool ok, const char *name, const char *why)
{
    char where[256];
    simlua_where(L, where, sizeof(where));
    if (ok)
        simlua.passed++;
    else
        simlua.failed++;
    lua_pushboolean(L, ok);
    if (ok)
        lua_pushfstring(L, "PASS %s\n", name);
    else
        lua_pushfstring(L, "FAIL %s: %s%s%s%s\n", name, why, *where ? " (" : "",
                        where, *where ? ")" : "");
    return write_top(L, 1);
}

/* check(cond, name) -> cond as a boolean: PASS if cond is true. */
static int l_check(lua_State *L)
{
    luaL_checkany(L, 1);
    const char *name = luaL_checkstring(L, 2);
    return verdict(L, lua_toboolean(L, 1), name, "not true");
}

/* check_eq(got, want, name) -> whether they are equal (==). */
static int l_check_eq(lua_State *L)
{
    luaL_checkany(L, 2);
    const char *name = luaL_checkstring(L, 3);
    bool ok = lua_compare(L, 1, 2, LUA_OPEQ);
    const char *why = "";
    if (!ok) {
        const char *got = shown(L, 1), *want = shown(L, 2);
        why = lua_pushfstring(L, "got %s, want %s", got, want);
    }
    return verdict(L, ok, name, why);
}

void simlua_open_check(lua_State *L)
{
    lua_register(L, "print", l_print);
    lua_register(L, "check", l_check);
    lua_register(L, "check_eq", l_check_eq);
}
