/* chan.c (sim/lua) - channels and the console for task bodies: the calls
 * that move bytes, carried as Lua strings. Each answers its status first,
 * as in sim/lua/api.c. */
#include <string.h>
#include <baton/error.h>
#include "simlua.h"

static int32_t check_int(lua_State *L, int arg)
{
    lua_Integer v = luaL_checkinteger(L, arg);
    luaL_argcheck(L, v >= INT32_MIN && v <= INT32_MAX, arg, "does not fit in 32 bits");
    return (int32_t)v;
}

static int k_status(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    lua_pushstring(L, simlua_errname(simlua.req->ret));
    return 1;
}

/* The status, then the bytes received (ret is their count, or an error). */
static int k_bytes(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    int32_t n = simlua.req->ret;
    lua_pushstring(L, simlua_errname(n < 0 ? n : 0));
    if (n < 0)
        return 1;
    lua_pushlstring(L, (const char *)simlua.req->data, (size_t)n);
    return 2;
}

/* The status, then the handle. */
static int k_open(lua_State *L, int status, lua_KContext ctx)
{
    (void)status, (void)ctx;
    lua_pushstring(L, simlua_errname(simlua.req->ret));
    if (simlua.req->ret != OK)
        return 1;
    lua_pushinteger(L, simlua.req->a);
    return 2;
}

/* channel_open(port, dir) -> status, handle. dir: CHANNEL_SEND or
 * CHANNEL_RECEIVE; the kernel judges both numbers. */
static int l_channel_open(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "channel_open");
    r->b = check_int(L, 1);
    r->c = check_int(L, 2);
    r->a = -1;
    return simlua_ask(L, SIMLUA_CHANNEL_OPEN, k_open);
}

/* channel_send(handle, data): data is a string of 0 to CHANNEL_SHM_MAX
 * bytes. A longer one still goes to the kernel, which refuses it. */
static int l_channel_send(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "channel_send");
    r->a = check_int(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    luaL_argcheck(L, len <= UINT32_MAX, 2, "too long");
    memcpy(r->data, s, len < sizeof(r->data) ? len : sizeof(r->data));
    r->len = (uint32_t)len;
    return simlua_ask(L, SIMLUA_CHANNEL_SEND, k_status);
}

/* channel_rcv(handle [, size]) -> status, data. size: the receive buffer,
 * CHANNEL_SHM_MAX unless given (smaller, to see ERR_TOO_SMALL). */
static int l_channel_rcv(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "channel_rcv");
    r->a = check_int(L, 1);
    lua_Integer size = luaL_optinteger(L, 2, SIMLUA_DATA_MAX);
    luaL_argcheck(L, size >= 0 && size <= SIMLUA_DATA_MAX, 2,
                  "a receive buffer holds 0 to CHANNEL_SHM_MAX (4096) bytes");
    r->b = (int32_t)size;
    return simlua_ask(L, SIMLUA_CHANNEL_RCV, k_bytes);
}

static int l_channel_close(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "channel_close");
    r->a = check_int(L, 1);
    return simlua_ask(L, SIMLUA_CHANNEL_CLOSE, k_status);
}

/* console_read([max]) -> status, bytes: blocks for at least one byte. */
static int l_console_read(lua_State *L)
{
    struct simlua_req *r = simlua_req(L, "console_read");
    lua_Integer max = luaL_optinteger(L, 1, 256);
    luaL_argcheck(L, max >= 1 && max <= SIMLUA_DATA_MAX, 1, "reads 1 to 4096 bytes");
    r->b = (int32_t)max;
    return simlua_ask(L, SIMLUA_CONSOLE_READ, k_bytes);
}

void simlua_open_chan(lua_State *L)
{
    static const luaL_Reg fns[] = {
        { "channel_open", l_channel_open }, { "channel_send", l_channel_send },
        { "channel_rcv", l_channel_rcv }, { "channel_close", l_channel_close },
        { "console_read", l_console_read }, { NULL, NULL },
    };
    lua_pushglobaltable(L);
    luaL_setfuncs(L, fns, 0);
    lua_pop(L, 1);
}
