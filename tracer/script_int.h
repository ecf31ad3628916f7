/* script_int.h - what script.c (loading, calling, verdicts) and
 * script_api.c (the `baton` table: events, state, counters) share. Not
 * for other files: they use script.h. */
#ifndef TRACER_SCRIPT_INT_H
#define TRACER_SCRIPT_INT_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "script.h"

#define TV_SCRIPTS_MAX 16
#define TV_LOG_LINES 200
#define TV_LOG_WIDTH 200

struct tv_counter {
    char name[64];
    double value;
};

struct tv_script {
    lua_State *L;
    struct tv_session *s;
    FILE *out;                  /* batch: log and report; NULL: keep lines */
    /* what questions answer from: the state after event `index` while
     * events arrive; the cursor's state while the panel is drawn */
    const struct tr_state *st;
    size_t index;               /* events applied in st */
    int n;                      /* scripts loaded */
    char path[TV_SCRIPTS_MAX][256];
    int env[TV_SCRIPTS_MAX];    /* registry refs of their environments */
    int current;                /* the script whose code runs now */
    int handlers;               /* registry ref: [event type] = { {fn, script}... } */
    bool want[256];             /* event types some handler waits for */
    bool want_all;              /* some script has on_event() */
    struct tv_counter *counters;
    size_t ncounters, counters_cap;
    char **failures;
    size_t nfailures, failures_cap;
    char log[TV_LOG_LINES][TV_LOG_WIDTH];
    size_t nlog;                /* lines ever logged */
    char error[600];
    bool errored, finished;
};

/* script_api.c */
void tv_api_open(struct tv_script *T);                  /* the `baton` table, print */
void tv_api_push_event(struct tv_script *T, size_t index);   /* event index as a table */
/* script.c */
void tv_script_fail(struct tv_script *T, const char *msg);
void tv_script_log(struct tv_script *T, const char *line);
struct tv_counter *tv_script_counter(struct tv_script *T, const char *name, bool create);
/* Call the function below nargs arguments on the stack, as script k; on
 * error remember "file:line: message" and stop all scripts. */
bool tv_script_call(struct tv_script *T, int k, int nargs, int nresults);

#endif
