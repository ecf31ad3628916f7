/* script.c - Lua scripts over a trace (script.h): each script runs in an
 * environment of its own (its globals on_event, on_end and panel do not
 * clash with another script's), events reach it through the session's
 * hook, and every failure and error is kept for the verdict. */
#include "script_int.h"
#include "grow.h"
#include <string.h>

/* ---- errors: always "file:line: message" ---- */

/* Message handler: a message from a C function (a bad argument to a
 * baton function) has no position; give it the script's line. */
static int message_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg)
        msg = luaL_typename(L, 1);
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline <= 0)
            continue;
        if (strncmp(msg, ar.short_src, strlen(ar.short_src)) != 0)
            lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
        else
            lua_pushstring(L, msg);
        return 1;
    }
    lua_pushstring(L, msg);
    return 1;
}

static void set_error(struct tv_script *T, const char *msg)
{
    if (!T->errored)
        snprintf(T->error, sizeof(T->error), "%s", msg);
    T->errored = true;          /* one error stops every script: the verdict is 2 */
}

bool tv_script_call(struct tv_script *T, int k, int nargs, int nresults)
{
    lua_State *L = T->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    int was = T->current;
    T->current = k;
    int rc = lua_pcall(L, nargs, nresults, base);
    T->current = was;
    lua_remove(L, base);
    if (rc != LUA_OK) {
        set_error(T, lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        lua_pop(L, 1);
        return false;
    }
    return true;
}

/* ---- failures, log, counters ---- */

void tv_script_fail(struct tv_script *T, const char *msg)
{
    char line[700];
    const char *name = strrchr(T->path[T->current], '/');
    snprintf(line, sizeof(line), "%s: %s", name ? name + 1 : T->path[T->current], msg);
    if (!tv_grow((void **)&T->failures, &T->failures_cap, T->nfailures + 1, sizeof(char *)))
        return;
    T->failures[T->nfailures] = strdup(line);
    if (T->failures[T->nfailures])
        T->nfailures++;
}

void tv_script_log(struct tv_script *T, const char *line)
{
    if (T->out) {
        fprintf(T->out, "%s\n", line);
        return;
    }
    snprintf(T->log[T->nlog++ % TV_LOG_LINES], TV_LOG_WIDTH, "%s", line);
}

struct tv_counter *tv_script_counter(struct tv_script *T, const char *name, bool create)
{
    for (size_t i = 0; i < T->ncounters; i++)
        if (strcmp(T->counters[i].name, name) == 0)
            return &T->counters[i];
    if (!create || !tv_grow((void **)&T->counters, &T->counters_cap, T->ncounters + 1,
                            sizeof(*T->counters)))
        return NULL;
    struct tv_counter *c = &T->counters[T->ncounters++];
    snprintf(c->name, sizeof(c->name), "%s", name);
    c->value = 0;
    return c;
}

/* ---- events ---- */

/* Push script k's global `name` if it is a function. */
static bool get_global(struct tv_script *T, int k, const char *name)
{
    lua_rawgeti(T->L, LUA_REGISTRYINDEX, T->env[k]);
    lua_getfield(T->L, -1, name);
    lua_remove(T->L, -2);
    if (lua_isfunction(T->L, -1))
        return true;
    lua_pop(T->L, 1);
    return false;
}

static void on_event(void *ctx, struct tv_session *s, size_t index,
                     const struct tr_event *e, const struct tr_extra *x)
{
    struct tv_script *T = ctx;
    (void)x;
    if (T->errored || (!T->want[e->type] && !T->want_all))
        return;
    lua_State *L = T->L;
    T->st = &s->model.now;
    T->index = index + 1;
    tv_api_push_event(T, index);
    int ev = lua_gettop(L);
    if (T->want[e->type]) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, T->handlers);
        lua_rawgeti(L, -1, e->type);
        int list = lua_gettop(L);
        for (lua_Integer i = 1; !T->errored && lua_rawgeti(L, list, i) == LUA_TTABLE; i++) {
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            int k = (int)lua_tointeger(L, -1);
            lua_pop(L, 1);
            lua_pushvalue(L, ev);
            tv_script_call(T, k, 1, 0);
            lua_pop(L, 1);                  /* the {fn, script} pair */
        }
        lua_settop(L, ev);
    }
    for (int k = 0; k < T->n && T->want_all && !T->errored; k++)
        if (get_global(T, k, "on_event")) {
            lua_pushvalue(L, ev);
            tv_script_call(T, k, 1, 0);
        }
    lua_settop(L, ev - 1);
}

/* ---- life ---- */

struct tv_script *tv_script_new(struct tv_session *s, FILE *out)
{
    struct tv_script *T = calloc(1, sizeof(*T));
    if (!T || !(T->L = luaL_newstate())) {
        free(T);
        return NULL;
    }
    T->s = s;
    T->out = out;
    T->st = &s->model.now;
    luaL_openlibs(T->L);
    lua_newtable(T->L);
    T->handlers = luaL_ref(T->L, LUA_REGISTRYINDEX);
    tv_api_open(T);
    s->hook = on_event;
    s->hook_ctx = T;
    return T;
}

void tv_script_free(struct tv_script *T)
{
    if (!T)
        return;
    if (T->s->hook_ctx == T)
        T->s->hook = NULL;
    lua_close(T->L);
    for (size_t i = 0; i < T->nfailures; i++)
        free(T->failures[i]);
    free(T->failures);
    free(T->counters);
    free(T);
}

int tv_script_load(struct tv_script *T, const char *path)
{
    lua_State *L = T->L;
    if (T->n == TV_SCRIPTS_MAX) {
        set_error(T, "too many scripts");
        return -1;
    }
    int k = T->n;
    snprintf(T->path[k], sizeof(T->path[k]), "%s", path);
    if (luaL_loadfilex(L, path, "t") != LUA_OK) {
        set_error(T, lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    lua_newtable(L);                        /* its globals, falling back on _G */
    lua_newtable(L);
    lua_pushglobaltable(L);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    T->env[k] = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_setupvalue(L, -2, 1);               /* the chunk's _ENV */
    T->n++;
    if (!tv_script_call(T, k, 0, 0))
        return -1;
    if (get_global(T, k, "on_event")) {
        T->want_all = true;
        lua_pop(L, 1);
    }
    return 0;
}

void tv_script_finish(struct tv_script *T)
{
    if (T->finished)
        return;
    T->finished = true;
    T->st = &T->s->model.now;
    T->index = tv_session_count(T->s);
    for (int k = 0; k < T->n && !T->errored; k++) {
        if (!get_global(T, k, "on_end"))
            continue;
        if (tv_script_call(T, k, 0, 1)) {
            if (lua_isboolean(T->L, -1) && !lua_toboolean(T->L, -1)) {
                int was = T->current;
                T->current = k;
                tv_script_fail(T, "on_end() returned false");
                T->current = was;
            }
            lua_pop(T->L, 1);
        }
    }
}

int tv_script_verdict(const struct tv_script *T)
{
    return T->errored ? 2 : T->nfailures ? 1 : 0;
}

const char *tv_script_error(const struct tv_script *T)
{
    return T->errored ? T->error : NULL;
}

/* ---- the panel and the report ---- */

static void panel_of(struct tv_script *T, int k,
                     void (*line)(void *, enum tv_script_line, const char *), void *ctx)
{
    lua_State *L = T->L;
    if (!get_global(T, k, "panel") || !tv_script_call(T, k, 0, 1))
        return;
    if (lua_type(L, -1) == LUA_TSTRING) {
        line(ctx, TV_LINE_TEXT, lua_tostring(L, -1));
    } else if (lua_istable(L, -1)) {
        for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
            const char *s = lua_tostring(L, -1);
            line(ctx, TV_LINE_TEXT, s ? s : "(not a string)");
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

void tv_script_panel(struct tv_script *T, const struct tr_state *st, size_t cursor,
                     void (*line)(void *, enum tv_script_line, const char *), void *ctx)
{
    char buf[300];
    T->st = st;
    T->index = cursor;
    for (int k = 0; k < T->n && !T->errored; k++) {
        snprintf(buf, sizeof(buf), "%s", T->path[k]);
        line(ctx, TV_LINE_HEAD, buf);
        panel_of(T, k, line, ctx);
    }
    T->st = &T->s->model.now;
    if (T->ncounters)
        line(ctx, TV_LINE_HEAD, "counters");
    for (size_t i = 0; i < T->ncounters; i++) {
        snprintf(buf, sizeof(buf), "  %-32s %.15g", T->counters[i].name, T->counters[i].value);
        line(ctx, TV_LINE_TEXT, buf);
    }
    for (size_t i = 0; i < T->nfailures; i++)
        line(ctx, TV_LINE_FAIL, T->failures[i]);
    if (T->errored)
        line(ctx, TV_LINE_FAIL, T->error);
    size_t first = T->nlog > 20 ? T->nlog - 20 : 0;
    if (T->nlog)
        line(ctx, TV_LINE_HEAD, "log");
    for (size_t i = first; i < T->nlog; i++)
        line(ctx, TV_LINE_TEXT, T->log[i % TV_LOG_LINES]);
}

void tv_script_report(struct tv_script *T, FILE *out)
{
    for (size_t i = 0; i < T->ncounters; i++)
        fprintf(out, "counter %s %.15g\n", T->counters[i].name, T->counters[i].value);
    for (size_t i = 0; i < T->nfailures; i++)
        fprintf(out, "FAIL %s\n", T->failures[i]);
    if (T->errored)
        fprintf(out, "verdict: error (%s)\n", T->error);
    else if (T->nfailures)
        fprintf(out, "verdict: fail (%zu failure%s)\n", T->nfailures, T->nfailures == 1 ? "" : "s");
    else
        fprintf(out, "verdict: pass (%d script%s, %zu events)\n", T->n, T->n == 1 ? "" : "s",
                tv_session_count(T->s));
}

double tv_script_counter_value(struct tv_script *T, const char *name)
{
    struct tv_counter *c = tv_script_counter(T, name, false);
    return c ? c->value : 0;
}
