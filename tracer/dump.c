/* dump.c - `baton-trace --dump FILE`: every event as a line of text with
 * task names, console text on lines of its own ("console: ..."), and the
 * counts at the end, so that nothing lost or damaged goes unnoticed. */
#include "tracer.h"
#include "decode.h"
#include "text.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct dump {
    struct tr_decoder dec;
    FILE *out;
    bool text;                  /* print console text too */
    char line[1024];            /* console text until its newline */
    size_t len;
};

static void on_event(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    struct dump *d = ctx;
    char buf[1200];
    fprintf(d->out, "%s\n", tr_event_text(&d->dec, e, x, buf, sizeof(buf)));
}

static void flush_line(struct dump *d)
{
    fprintf(d->out, "console: %.*s\n", (int)d->len, d->line);
    d->len = 0;
}

/* Console text by lines; "\r\n" from the UART becomes one newline. */
static void on_text(void *ctx, const uint8_t *p, size_t n)
{
    struct dump *d = ctx;
    if (!d->text)
        return;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n')
            flush_line(d);
        else if (p[i] != '\r') {
            if (d->len == sizeof(d->line))
                flush_line(d);
            d->line[d->len++] = (char)p[i];
        }
    }
}

static const struct tr_decode_ops dump_ops = { on_event, on_text, NULL };

static void summary(struct dump *d)
{
    struct tr_counts c = tr_decoder_counts(&d->dec);
    const struct tr_meta *m = &d->dec.meta;
    int named = 0;
    for (int i = 0; i < TR_IDS; i++)
        named += m->names[i][0] != '\0';
    fprintf(d->out, "# metadata: arch %s, %u ticks/s, mask 0x%x (built 0x%x), %d named tasks, "
            "%.0f cycles/s\n", m->have_arch ? m->arch : "?", m->tick_hz, m->mask, m->built,
            named, tr_meta_hz(m));
    fprintf(d->out, "# events %llu, lost %llu, missing %llu, corrupt %llu frames; "
            "%llu event frames, %llu metadata frames, %llu bytes of console text\n",
            (unsigned long long)c.events, (unsigned long long)c.lost,
            (unsigned long long)c.missing, (unsigned long long)c.corrupt,
            (unsigned long long)c.frames, (unsigned long long)c.meta_frames,
            (unsigned long long)c.text_bytes);
    fprintf(d->out, "# frames: %llu missing (sequence gaps), %llu of unknown versions or types "
            "skipped, %llu metadata sets broken; %llu bytes dropped with damaged frames; "
            "%llu restarts, %llu events timed before the one before them\n",
            (unsigned long long)c.seq_gaps, (unsigned long long)c.unsupported,
            (unsigned long long)c.broken_sets, (unsigned long long)c.dropped_bytes,
            (unsigned long long)c.restarts, (unsigned long long)c.time_back);
    double per = c.events ? (double)c.event_wire_bytes / (double)c.events : 0;
    fprintf(d->out, "# wire: %llu bytes of event frames, %.2f bytes per event; "
            "%llu bytes of metadata\n", (unsigned long long)c.event_wire_bytes, per,
            (unsigned long long)c.meta_wire_bytes);
}

/* A first pass over the input, for names only: then every event prints
 * with its names, even those before the first metadata. */
static void no_event(void *ctx, const struct tr_event *e, const struct tr_extra *x)
{
    (void)ctx; (void)e; (void)x;
}

static void learn_names(FILE *in, struct tr_meta *meta)
{
    static struct tr_decoder first;
    static const struct tr_decode_ops ops = { no_event, NULL, NULL };
    static uint8_t buf[1 << 16];
    size_t n;
    tr_decoder_init(&first, &ops, NULL);
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        tr_decoder_feed(&first, buf, n);
    memcpy(meta->names, first.meta.names, sizeof(meta->names));
    memcpy(meta->prio, first.meta.prio, sizeof(meta->prio));
    memcpy(meta->port_names, first.meta.port_names, sizeof(meta->port_names));
}

/* Standard input copied to a temporary file, so that it can be read twice
 * as a file is: `--dump -` prints exactly what `--dump FILE` does. */
static FILE *spool_stdin(void)
{
    static uint8_t buf[1 << 16];
    FILE *tmp = tmpfile();
    size_t n;
    if (!tmp) {
        fprintf(stderr, "baton-trace: cannot make a temporary file: %s\n", strerror(errno));
        return NULL;
    }
    while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
        if (fwrite(buf, 1, n, tmp) != n) {
            fprintf(stderr, "baton-trace: cannot spool standard input: %s\n", strerror(errno));
            fclose(tmp);
            return NULL;
        }
    if (ferror(stdin)) {
        fprintf(stderr, "baton-trace: cannot read standard input: %s\n", strerror(errno));
        fclose(tmp);
        return NULL;
    }
    rewind(tmp);
    return tmp;
}

/* The file to read, or NULL after saying why not. */
static FILE *open_input(const char *path)
{
    FILE *in = fopen(path, "rb");
    struct stat st;
    if (!in || fstat(fileno(in), &st) != 0) {
        fprintf(stderr, "baton-trace: cannot open %s: %s\n", path, strerror(errno));
        if (in)
            fclose(in);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "baton-trace: %s is a directory, not a trace\n", path);
        fclose(in);
        return NULL;
    }
    return in;
}

int tr_dump(const struct tr_options *o)
{
    static struct dump d;       /* large: the decoder's tables */
    bool is_stdin = strcmp(o->input, "-") == 0;
    FILE *in = is_stdin ? spool_stdin() : open_input(o->input);
    if (!in)
        return 2;
    d.out = stdout;
    d.text = !o->events_only;
    tr_decoder_init(&d.dec, &dump_ops, &d);
    learn_names(in, &d.dec.meta);
    rewind(in);
    static uint8_t buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        tr_decoder_feed(&d.dec, buf, n);
    int status = 0;
    if (ferror(in)) {
        fprintf(stderr, "baton-trace: cannot read %s: %s\n", o->input, strerror(errno));
        status = 2;
    }
    tr_decoder_end(&d.dec);
    if (d.len)
        flush_line(&d);
    summary(&d);
    fclose(in);
    return status;
}
