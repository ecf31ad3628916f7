/* modes.c - the viewer and batch modes of baton-trace (tracer.h): open the
 * source the options name, set up the session and the scripts, then run
 * the screen, or read to the end without one (then export: JSON, PNG). */
#include "tracer.h"
#include "session.h"
#include "source.h"
#include "script.h"
#include "json.h"
#include "view.h"
#include "figure.h"
#include <errno.h>
#include <poll.h>
#include <string.h>

int tr_open_source(const struct tr_options *o, struct tv_source *src)
{
    if (o->command)
        return tv_source_open_command(src, o->command);
    if (o->connect)
        return tv_source_open_connect(src, o->connect, 5);
    return tv_source_open_file(src, o->input ? o->input : "-");
}

/* The scripts of the options, loaded; NULL (and *status 2) on an error. */
static struct tv_script *load_scripts(const struct tr_options *o, struct tv_session *s,
                                      FILE *out, int *status)
{
    *status = 0;
    if (o->nscripts == 0)
        return NULL;
    struct tv_script *T = tv_script_new(s, out);
    if (!T) {
        fprintf(stderr, "baton-trace: cannot start Lua\n");
        *status = 2;
        return NULL;
    }
    for (int i = 0; i < o->nscripts; i++)
        if (tv_script_load(T, o->scripts[i]) != 0) {
            fprintf(stderr, "baton-trace: error: %s\n", tv_script_error(T));
            tv_script_free(T);
            *status = 2;
            return NULL;
        }
    return T;
}

/* Read the source to its end, passing a program's stderr on. */
static void read_all(struct tv_source *src, struct tv_session *s, struct tv_script *T,
                     FILE *record)
{
    static uint8_t buf[1 << 16];
    while (src->fd >= 0 && !(T && tv_script_verdict(T) == 2)) {
        struct pollfd p[2] = { { .fd = src->fd, .events = POLLIN },
                               { .fd = src->errfd, .events = POLLIN } };
        poll(p, src->errfd >= 0 ? 2 : 1, -1);
        long n;
        while ((n = tv_source_read(src, buf, sizeof(buf))) > 0) {
            if (record)
                fwrite(buf, 1, (size_t)n, record);
            tv_session_feed(s, buf, (size_t)n);
        }
        tv_source_attached(src, tv_session_count(s) && !s->dec.meta.have_arch);
        while ((n = tv_source_read_err(src, buf, sizeof(buf))) > 0)
            fwrite(buf, 1, (size_t)n, stderr);
    }
    tv_session_end(s);
}

static int export_json(const struct tr_options *o, const struct tv_session *s)
{
    FILE *f = fopen(o->export_json, "w");
    if (!f || tv_json_export(s, f) != 0 || fclose(f) != 0) {
        fprintf(stderr, "baton-trace: cannot write %s: %s\n", o->export_json, strerror(errno));
        return 2;
    }
    fprintf(stderr, "baton-trace: %zu events written to %s\n", tv_session_count(s),
            o->export_json);
    return 0;
}

static FILE *open_record(const struct tr_options *o)
{
    if (!o->record)
        return NULL;
    FILE *f = fopen(o->record, "wb");
    if (!f)
        fprintf(stderr, "baton-trace: cannot write %s: %s\n", o->record, strerror(errno));
    return f;
}

int tr_batch(const struct tr_options *o)
{
    struct tv_session *s = tv_session_new();
    struct tv_source src;
    int status;
    if (!s)
        return 2;
    struct tv_script *T = load_scripts(o, s, stdout, &status);
    if (status == 0 && tr_open_source(o, &src) != 0)
        status = 2;
    if (status == 0) {
        FILE *record = open_record(o);
        read_all(&src, s, T, record);
        if (record)
            fclose(record);
        tv_source_close(&src);
        if (T)
            tv_script_finish(T);
        if (o->export_json)
            status = export_json(o, s);
        if (o->export_png && status == 0)
            status = tw_figure_export(o, s);
        if (T) {
            tv_script_report(T, stdout);
            if (tv_script_verdict(T) == 2)
                fprintf(stderr, "baton-trace: error: %s\n", tv_script_error(T));
            if (status == 0)
                status = tv_script_verdict(T);
        }
    }
    tv_script_free(T);
    tv_session_free(s);
    return status;
}

int tr_view(const struct tr_options *o)
{
    static struct tv_ui ui;
    struct tv_session *s = tv_session_new();
    struct tv_source src;
    int status;
    if (!s)
        return 2;
    struct tv_script *T = load_scripts(o, s, NULL, &status);
    if (status != 0 || tr_open_source(o, &src) != 0) {
        tv_script_free(T);
        tv_session_free(s);
        return 2;
    }
    tv_ui_init(&ui, s);
    ui.src = &src;
    ui.script = T;
    ui.ascii = o->ascii;
    ui.mono = o->mono;
    ui.record = open_record(o);
    if (tv_screen_open(&ui, NULL, NULL) != 0) {
        fprintf(stderr, "baton-trace: no terminal to draw on (use --batch or --dump)\n");
        status = 2;
    } else {
        if (o->with_window)
            tv_ui_window(&ui);          /* W: the window beside the screen */
        status = tv_view_run(&ui);
        tv_screen_close(&ui);
        tv_ui_free(&ui);
    }
    tv_source_close(&src);
    if (ui.record)
        fclose(ui.record);
    if (T && status == 0) {
        tv_script_finish(T);            /* on_end() if the stream had not ended */
        tv_script_report(T, stdout);
        status = tv_script_verdict(T);
    }
    tv_script_free(T);
    tv_session_free(s);
    return status;
}
