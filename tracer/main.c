/* main.c - baton-trace: reads Baton's trace stream (the serial output of a
 * kernel, with console text and trace frames mixed) and shows it: the live
 * ncurses viewer by default, or --batch (Lua scripts, no screen, a
 * verdict), --export-json, --dump. main() only parses the command line. */
#include "tracer.h"
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
        "usage: baton-trace [options] FILE          view a recorded trace (- : stdin)\n"
        "       baton-trace [options] -- COMMAND... start COMMAND (QEMU, baton-sim) and view\n"
        "                                           its output; keys typed reach its input\n"
        "       baton-trace [options] --connect HOST:PORT | --connect PATH\n"
        "                                           attach to QEMU's -serial tcp or unix socket\n"
        "       baton-trace --batch --script F.lua [--script G.lua...] SOURCE\n"
        "       baton-trace --export-json OUT.json SOURCE\n"
        "       baton-trace --window SOURCE          the sequence diagram in a window (SDL2)\n"
        "       baton-trace --export-png OUT.png [--range FROM:TO] [--size WxH] SOURCE\n"
        "       baton-trace --dump FILE [--events-only]\n"
        "options:\n"
        "  --script F.lua     run a Lua script over the events (repeatable)\n"
        "  --batch            no screen: run the scripts to the end of the stream; exit\n"
        "                     0 if every check passed, 1 if one failed, 2 on an error\n"
        "  --export-json OUT  write the Chrome/Perfetto trace JSON (no screen)\n"
        "  --record OUT       save the raw stream to OUT as well\n"
        "  --window           the SDL2 window view instead of the terminal\n"
        "  --with-window      the terminal viewer and the window side by side (key W)\n"
        "  --export-png OUT   draw the sequence diagram to a PNG (no screen)\n"
        "  --range FROM:TO    (--export-png, --window) the times shown: 7.9ms, 120us,\n"
        "                     3400c (cycles), #62 (event 62); after the first event\n"
        "  --size W[xH]       (--export-png) pixels; the height fits the lanes if not given\n"
        "  --at T             the cursor (the state the lane labels show)\n"
        "  --lanes a,b,...    only these tasks' lanes\n"
        "  --ascii            ASCII lines and glyphs (also when the locale is not UTF-8)\n"
        "  --mono             no colours\n"
        "  --dump FILE        print the events of FILE as text, one per line\n"
        "  --events-only      (--dump) leave the console text out\n"
        "  --help             this text\n"
        "Keys: ? in the viewer and the window. Docs: docs/tracer.md, docs/window.md;\n"
        "the format: docs/trace-format.md.\n");
}

/* The option at argv[*i]; false if it is unknown or lacks its argument. */
static bool option(struct tr_options *o, int argc, char **argv, int *i, bool *dump)
{
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    bool takes = true;
    if (strcmp(a, "--dump") == 0 && v)
        *dump = true, o->input = v;
    else if (strcmp(a, "--script") == 0 && v && o->nscripts < TR_SCRIPTS_MAX)
        o->scripts[o->nscripts++] = v;
    else if (strcmp(a, "--export-json") == 0 && v)
        o->export_json = v;
    else if (strcmp(a, "--record") == 0 && v)
        o->record = v;
    else if (strcmp(a, "--connect") == 0 && v)
        o->connect = v;
    else if (strcmp(a, "--export-png") == 0 && v)
        o->export_png = v;
    else if (strcmp(a, "--range") == 0 && v)
        o->range = v;
    else if (strcmp(a, "--size") == 0 && v)
        o->size = v;
    else if (strcmp(a, "--at") == 0 && v)
        o->at = v;
    else if (strcmp(a, "--lanes") == 0 && v)
        o->lanes = v;
    else {
        takes = false;
        if (strcmp(a, "--events-only") == 0)
            o->events_only = true;
        else if (strcmp(a, "--batch") == 0)
            o->batch = true;
        else if (strcmp(a, "--with-window") == 0)
            o->with_window = true;
        else if (strcmp(a, "--window") == 0)
            o->window = true;
        else if (strcmp(a, "--ascii") == 0)
            o->ascii = true;
        else if (strcmp(a, "--mono") == 0 || strcmp(a, "--no-color") == 0)
            o->mono = true;
        else if ((a[0] != '-' || strcmp(a, "-") == 0) && !o->input)
            o->input = a;
        else
            return false;
    }
    *i += takes;
    return true;
}

int main(int argc, char **argv)
{
    struct tr_options o = { 0 };
    bool dump = false;
    setlocale(LC_ALL, "");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--") == 0) {
            if (i + 1 == argc)
                break;
            o.command = argv + i + 1;
            break;
        }
        if (!option(&o, argc, argv, &i, &dump)) {
            fprintf(stderr, "baton-trace: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (dump)
        return tr_dump(&o);
    int sources = !!o.input + !!o.command + !!o.connect;
    if (sources > 1 || (sources == 0 && isatty(0))) {
        fprintf(stderr, "baton-trace: give one source: FILE, -, --connect WHERE or -- COMMAND\n");
        usage(stderr);
        return 2;
    }
    if (o.batch && o.nscripts == 0 && !o.export_json) {
        fprintf(stderr, "baton-trace: --batch runs scripts: give --script F.lua\n");
        return 2;
    }
    if (o.batch || o.export_json || o.export_png)
        return tr_batch(&o);
    if (o.window)
        return tr_window(&o);
    return tr_view(&o);
}
