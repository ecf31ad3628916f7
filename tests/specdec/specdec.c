/*
 * specdec: an independent decoder of Baton's trace format, written from
 * docs/trace-format.md alone (no tracer/, kernel/ or include/ sources).
 * Where the page was silent or ambiguous (about forty points), its author
 * watched baton-trace's output; the page has since been made to say each
 * of them, so that the next decoder need not guess. tests/specdec/run.sh
 * compares the two decoders (make test, suite specdec).
 *
 *   specdec FILE|-      print canonical lines (see below)
 *   specdec --encode    read "hex bytes" lines on stdin, one frame a line,
 *                       write them as frames (CRC appended, base64, APC);
 *                       a line starting with '#' is written as console text
 *                       (+ "\r\n"); used by run.sh to craft test traces.
 *
 * Canonical output, one line per event, in stream order:
 *
 *   E <ts> <type> <subj|-> <peer|-> [key=value ...]
 *
 * ts is in cycles (restart offset included), type is baton-trace's Lua type
 * name, subj and peer are task ids ('-' when absent or 255). Keys by type:
 *   lost count | task-create prio name(last) | task-exit status |
 *   task-fault pc addr | block wait | notify, notify-deliver bits |
 *   irq line | chan-open/close/block port dir | chan-xfer port dir size
 *   shared | deadlock cycle | syscall-error sysno err | async-enqueue,
 *   -deliver, -full depth | async-pull value | mark value | mask mask |
 *   irq-ctl line op | snapshot tasks=id:state[:wait:peer],... |
 *   restart run inferred offset
 * then
 *   M arch=<name|-> mask=<hex|-> built=<hex|->
 *   S events=... (the counters of docs/trace-format.md section 6)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ESC 0x1b
#define MAXFRAME 1024
#define MAXSKIP 1371


/* ---------------- output buffering of one frame's events ---------------- */

static char *outbuf;
static size_t outlen, outcap;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(outbuf ? outbuf + outlen : NULL,
                          outbuf ? outcap - outlen : 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            abort();
        if (outbuf && outlen + (size_t)n < outcap) {
            outlen += (size_t)n;
            return;
        }
        outcap = (outcap + (size_t)n + 1) * 2;
        outbuf = realloc(outbuf, outcap);
        if (!outbuf)
            abort();
    }
}

static void flush_out(void)
{
    if (outlen)
        fwrite(outbuf, 1, outlen, stdout);
    outlen = 0;
}

/* ---------------- counters (section 6) ---------------- */

static uint64_t n_events, n_lost, n_missing, n_missing_frames, n_corrupt,
    n_unknown, n_restarts, n_time_back, n_broken_sets, n_dropped,
    n_console, n_event_frames, n_meta_frames, n_boot_frames,
    n_event_wire, n_meta_wire;

/* ---------------- decoder state across frames ---------------- */

static int saw_boot;          /* a boot frame was read: no inferred restarts */
static int seen_frame;        /* a good (or unknown) frame was read */
static int exp_seq = -1;      /* expected sequence number, -1: none */
static long exp_index = -1;   /* expected event index, -1: none */
static uint64_t run_offset;   /* cycles added to this run's times */
static uint64_t last_ts;      /* last shown time (offset included) */
static int have_last_ts;      /* an event was shown in this run */
static uint64_t run_last_ts;  /* last time shown (any run), for restarts */
static int have_run_last;

static char arch[64];
static int have_arch;
static uint64_t meta_mask, meta_built;
static int have_mask, have_built;

/* metadata set in progress */
static int set_active;        /* parts 0..k read, last not yet */
static int set_ok;
static int set_next_part, set_next_seq;
static uint64_t set_clock_cycles;
static int set_have_clock;
struct snaptask { int id, prio, state, wait, peer; };
static struct snaptask set_tasks[256];
static int set_ntasks;

static const char *evname[0x20] = {
    [0x02] = "lost", [0x03] = "task-create", [0x04] = "task-exit",
    [0x05] = "task-fault", [0x06] = "switch", [0x07] = "wake",
    [0x08] = "send", [0x09] = "call", [0x0a] = "reply",
    [0x0b] = "recv-block", [0x0c] = "send-block", [0x0d] = "call-block",
    [0x0e] = "msg-take", [0x0f] = "block", [0x10] = "notify",
    [0x11] = "notify-deliver", [0x12] = "irq", [0x13] = "chan-open",
    [0x14] = "chan-close", [0x15] = "chan-block", [0x16] = "chan-xfer",
    [0x17] = "deadlock", [0x18] = "syscall-error", [0x19] = "async-enqueue",
    [0x1a] = "async-pull", [0x1b] = "async-deliver", [0x1c] = "async-full",
    [0x1d] = "mark", [0x1e] = "mask", [0x1f] = "irq-ctl",
};

/* does the event have a subject (section 4, column "subj") */
static int has_subj(int code)
{
    return !(code == 0x02 || code == 0x03 || code == 0x07 || code == 0x12);
}

/* ---------------- CRC, varints ---------------- */

static uint16_t crc16(const uint8_t *p, size_t n)
{
    uint16_t c = 0xFFFF;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint16_t)(p[i] << 8);
        for (int b = 0; b < 8; b++)
            c = (c & 0x8000) ? (uint16_t)((c << 1) ^ 0x1021) : (uint16_t)(c << 1);
    }
    return c;
}

/* read a varint from p[*pos..end); 0 on success */
static int varint(const uint8_t *p, size_t *pos, size_t end, uint64_t *v)
{
    uint64_t r = 0;
    for (int i = 0; i < 10; i++) {
        if (*pos >= end)
            return -1;
        uint8_t b = p[(*pos)++];
        if (i == 9) {
            if (b > 1)
                return -1;
            r |= (uint64_t)b << 63;
            *v = r;
            return 0;
        }
        r |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

static int varint32(const uint8_t *p, size_t *pos, size_t end, uint64_t *v)
{
    if (varint(p, pos, end, v))
        return -1;
    return *v > 0xffffffffu ? -1 : 0;
}

static void put_task(int id)
{
    if (id < 0 || id == 255)
        out(" -");
    else
        out(" %d", id);
}

/* ---------------- events ---------------- */

/* time of an event: clamp (time rule, section 3) */
static uint64_t event_time(uint64_t cycles)
{
    uint64_t ts = cycles + run_offset;
    if (have_last_ts && ts < last_ts) {
        n_time_back++;
        ts = last_ts;
    }
    last_ts = ts;
    have_last_ts = 1;
    run_last_ts = ts;
    have_run_last = 1;
    return ts;
}

/* Section 4: after a LOST record, until the next SWITCH, the current
 * task is not known (a lost SWITCH may have changed it). */
static int cur_unknown;

static void restart(int inferred)
{
    n_restarts++;
    cur_unknown = 0;
    if (have_run_last)
        run_offset = run_last_ts;
    out("E %llu restart - - run=%llu inferred=%d offset=%llu\n",
        (unsigned long long)run_offset, (unsigned long long)n_restarts + 1,
        inferred, (unsigned long long)run_offset);
    have_last_ts = 0;
    exp_index = -1;
    exp_seq = -1;
    set_active = 0;
}

/* returns 0 if the frame was read to its end, -1 if malformed */
static int event_frame(const uint8_t *f, size_t len, long *nread_out,
                       unsigned *index_out)
{
    size_t end = len - 2, pos = 2;
    uint64_t base;
    *nread_out = 0;
    if (pos + 3 > end)
        return -2;
    unsigned shift = f[pos];
    unsigned index = (unsigned)f[pos + 1] | (unsigned)f[pos + 2] << 8;
    pos += 3;
    *index_out = index;
    if (shift > 63)
        return -2;
    if (varint(f, &pos, end, &base))
        return -2;
    if (pos >= end)
        return -2;
    int cur = f[pos++];
    uint64_t t = base;
    long nread = 0;

    while (pos < end) {
        int subj = cur, prefixed = 0;
        int code = f[pos++];
        if (code == 0x01) {
            if (pos >= end)
                return *nread_out = nread, -1;
            subj = f[pos++];
            prefixed = 1;
            if (pos >= end)
                return *nread_out = nread, -1;
            code = f[pos++];
        }
        int peer = -1;
        if (code >= 0x20) {
            peer = code & 0x1f;
            code = 0x05 + (code >> 5);
        } else if (code < 0x02 || code > 0x1f) {
            return *nread_out = nread, -1;
        }
        if (prefixed && !has_subj(code))
            return *nread_out = nread, -1;
        uint64_t dt;
        if (varint(f, &pos, end, &dt))
            return *nread_out = nread, -1;
        t += dt;
        /* operands into a line buffer; only emitted once the event is whole */
        char ops[2048] = "";
        size_t ol = 0;
        const char *name = evname[code];
        int s = has_subj(code) ? subj : -1;
        uint64_t a, b;
#define NEED(k) do { if (pos + (k) > end) return *nread_out = nread, -1; } while (0)
#define OPS(...) ol += (size_t)snprintf(ops + ol, sizeof ops - ol, __VA_ARGS__)
        if (peer < 0) {
            switch (code) {
            case 0x02:
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" count=%llu", (unsigned long long)a);
                n_lost += a;
                break;
            case 0x03: {
                NEED(3);
                peer = f[pos];
                s = cur_unknown ? -1 : cur;     /* the creator (section 4) */
                int prio = f[pos + 1], l = f[pos + 2];
                pos += 3;
                if (l > 31) return *nread_out = nread, -1;
                NEED((size_t)l);
                OPS(" prio=%d name=", prio);
                for (int i = 0; i < l; i++) {
                    uint8_t c = f[pos + (size_t)i];
                    OPS("%c", (c >= 0x20 && c <= 0x7e) ? c : '?');
                }
                pos += (size_t)l;
                break;
            }
            case 0x04: {
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                int32_t st = (int32_t)((uint32_t)(a >> 1) ^ (uint32_t)-(int64_t)(a & 1));
                OPS(" status=%ld", (long)st);
                if (subj != cur && !cur_unknown)    /* killed by the current task */
                    peer = cur;
                break;
            }
            case 0x05:
                if (varint32(f, &pos, end, &a) || varint32(f, &pos, end, &b))
                    return *nread_out = nread, -1;
                OPS(" pc=%llu addr=%llu", (unsigned long long)a, (unsigned long long)b);
                break;
            case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a:
            case 0x0b: case 0x0c: case 0x0d:
                NEED(1);
                peer = f[pos++];
                break;
            case 0x0e: {
                NEED(2);
                int from = f[pos], kind = f[pos + 1];
                pos += 2;
                if (kind > 2) return *nread_out = nread, -1;
                static const char *k[] = {"send", "call", "reply"};
                name = k[kind];
                peer = s;
                s = from;
                break;
            }
            case 0x0f:
                NEED(1);
                if (f[pos] <= 7)
                    OPS(" wait=%d", f[pos]);
                else
                    OPS(" wait=?");      /* baton-trace shows no number */
                pos++;
                break;
            case 0x10: case 0x11:
                NEED(1);
                peer = f[pos++];
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" bits=%llu", (unsigned long long)a);
                break;
            case 0x12:
                NEED(1);
                OPS(" line=%d", f[pos++]);
                break;
            case 0x13: case 0x14: case 0x15:
                NEED(1);
                OPS(" port=%d dir=%s", f[pos] & 0x3f, (f[pos] & 0x40) ? "receive" : "send");
                pos++;
                break;
            case 0x16: {
                NEED(2);
                int pb = f[pos];
                peer = f[pos + 1];
                pos += 2;
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" port=%d size=%llu shared=%d", pb & 0x3f,
                    (unsigned long long)a, (pb & 0x80) ? 1 : 0);
                if (pb & 0x40) {    /* received: shown as sender -> receiver */
                    int x = s;
                    s = peer;
                    peer = x;
                }
                break;
            }
            case 0x17: {
                NEED(1);
                int n = f[pos++];
                NEED((size_t)n);
                OPS(" cycle=%d", s);
                for (int i = 0; i < n; i++)
                    OPS(",%d", f[pos + (size_t)i]);
                if (n > 0)
                    peer = f[pos];
                pos += (size_t)n;
                break;
            }
            case 0x18:
                NEED(1);
                a = f[pos++];
                if (varint32(f, &pos, end, &b)) return *nread_out = nread, -1;
                OPS(" sysno=%llu err=%llu", (unsigned long long)a, (unsigned long long)b);
                break;
            case 0x19: case 0x1b: case 0x1c: case 0x1a:
                NEED(1);
                peer = f[pos++];
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" %s=%llu", code == 0x1a ? "value" : "depth", (unsigned long long)a);
                break;
            case 0x1d:
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" value=%llu", (unsigned long long)a);
                break;
            case 0x1e:
                if (varint32(f, &pos, end, &a)) return *nread_out = nread, -1;
                OPS(" mask=0x%llx", (unsigned long long)a);
                meta_mask = a;      /* baton-trace: the mask is now this */
                have_mask = 1;
                break;
            case 0x1f: {
                NEED(2);
                int line = f[pos], op = f[pos + 1];
                pos += 2;
                if (op < 1 || op > 4) return *nread_out = nread, -1;
                OPS(" line=%d op=%d", line, op);
                break;
            }
            }
        }
#undef NEED
#undef OPS
        /* the event is whole */
        if (code == 0x06)
            cur = (peer >= 0) ? peer : cur;
        if (code == 0x06 || code == 0x02)
            cur_unknown = code == 0x02;
        nread++;
        n_events++;
        uint64_t ts = event_time(t << shift);
        out("E %llu %s", (unsigned long long)ts, name);
        put_task(s);
        put_task(peer);
        out("%s\n", ops);
    }
    *nread_out = nread;
    return 0;
}

/* ---------------- metadata ---------------- */

static void set_start(void)
{
    set_active = 1;
    set_ok = 1;
    set_ntasks = 0;
    set_have_clock = 0;
}

static int cmp_task(const void *a, const void *b)
{
    return ((const struct snaptask *)a)->id - ((const struct snaptask *)b)->id;
}

static void snapshot(void)
{
    qsort(set_tasks, (size_t)set_ntasks, sizeof set_tasks[0], cmp_task);
    uint64_t ts;
    /* baton-trace: at the CLOCK record's cycles, under the time rule (an
     * earlier time is shown at the previous one, and counted) */
    if (set_have_clock)
        ts = event_time(set_clock_cycles);
    else
        ts = have_last_ts ? last_ts : run_offset;
    out("E %llu snapshot - - tasks=", (unsigned long long)ts);
    for (int i = 0; i < set_ntasks; i++) {
        struct snaptask *k = &set_tasks[i];
        out("%s%d:%d", i ? "," : "", k->id, k->state);
        if (k->state == 3)
            out(":%d:%d", k->wait, k->peer);
    }
    if (set_ntasks == 0)
        out("none");
    out("\n");
}

/* returns 0 if well formed */
static int meta_frame(const uint8_t *f, size_t len, int seq)
{
    size_t end = len - 2, pos = 2;
    if (pos >= end)
        return -1;
    int part = f[pos] & 0x7f, last = f[pos] >> 7;
    pos++;

    if (part == 0) {
        set_start();
    } else if (!set_active || part != set_next_part || seq != set_next_seq) {
        set_active = 1;
        set_ok = 0;
    }
    set_next_part = part + 1;
    set_next_seq = (seq + 1) & 0xff;

    while (pos < end) {
        if (pos + 2 > end)
            return set_ok = 0, -1;
        int tag = f[pos], n = f[pos + 1];
        pos += 2;
        if (pos + (size_t)n > end)
            return set_ok = 0, -1;
        size_t rp = pos, re = pos + (size_t)n;
        uint64_t v[5];
        switch (tag) {
        case 1: {
            size_t l = (size_t)n < sizeof arch - 1 ? (size_t)n : sizeof arch - 1;
            for (size_t i = 0; i < l; i++) {
                uint8_t c = f[rp + i];
                arch[i] = (c >= 0x20 && c <= 0x7e) ? (char)c : '?';
            }
            arch[l] = 0;
            have_arch = 1;
            break;
        }
        case 2:
            if (rp + 1 > re)
                return set_ok = 0, -1;
            rp++;
            for (int i = 0; i < 5; i++)
                if (varint(f, &rp, re, &v[i]))
                    return set_ok = 0, -1;
            set_clock_cycles = v[1] << f[pos];
            set_have_clock = 1;
            break;
        case 3:
            if (varint(f, &rp, re, &v[0]) || varint(f, &rp, re, &v[1]))
                return set_ok = 0, -1;
            meta_mask = v[0];
            meta_built = v[1];
            have_mask = have_built = 1;
            break;
        case 4:
            if (n < 5)
                return set_ok = 0, -1;
            if (set_ntasks < 256) {
                struct snaptask *k = &set_tasks[set_ntasks++];
                k->id = f[rp];
                k->prio = f[rp + 1];
                k->state = f[rp + 2];
                k->wait = f[rp + 3];
                k->peer = f[rp + 4];
            }
            break;
        case 5:
            if (rp + 1 > re)
                return set_ok = 0, -1;
            rp++;
            if (varint(f, &rp, re, &v[0]) || varint(f, &rp, re, &v[1]))
                return set_ok = 0, -1;
            break;
        case 6:
            if (rp + 2 > re)
                return set_ok = 0, -1;
            rp += 2;
            if (varint(f, &rp, re, &v[0]))
                return set_ok = 0, -1;
            if (rp != re)
                return set_ok = 0, -1;
            break;
        case 7:
            if (varint(f, &rp, re, &v[0]) || varint(f, &rp, re, &v[1]))
                return set_ok = 0, -1;
            break;
        default:
            break;
        }
        pos = re;
    }
    if (last) {
        if (set_ok)
            snapshot();
        set_active = 0;
    }
    return 0;
}

/* ---------------- frames ---------------- */

static void corrupt(void)
{
    n_corrupt++;
}

/* a metadata set cut by a frame of another type: malformed, once */
static void broken_set(void)
{
    n_broken_sets++;
    n_corrupt++;
    set_active = 0;
}

/* a decoded frame whose CRC and length are fine */
static void frame(const uint8_t *f, size_t len, size_t wire)
{
    int ver = f[0] >> 4, type = f[0] & 15, seq = f[1];

    if (ver != 1 || type > 2) {
        n_unknown++;
        /* Section 2: its sequence number is not read (its place counts as
         * a gap when the next frame comes), it does not break a metadata
         * set, and it is not "a frame read before" a boot frame. */
        (void)seq;
        return;
    }
    if (type == 2) {
        /* content after the header is ignored (baton-trace does so) */
        if (set_active)
            broken_set();
        if (seen_frame)
            restart(0);
        exp_seq = (seq + 1) & 0xff;
        exp_index = -1;     /* baton-trace: the next index is not checked */
        seen_frame = 1;
        n_boot_frames++;
        saw_boot = 1;
        n_meta_wire += wire;    /* baton-trace counts them there */
        return;
    }
    /* inferred restart: a frame numbered 0 out of turn, starting a run */
    if (seq == 0 && exp_seq > 0 && seen_frame && !saw_boot) {
        int starts = 0;
        if (type == 0 && len >= 5 && f[3] == 0 && f[4] == 0)
            starts = 1;
        if (type == 1 && len >= 3 && (f[2] & 0x7f) == 0)
            starts = 1;
        if (starts) {
            restart(1);
            exp_index = 0;
        }
    }
    if (exp_seq >= 0)
        n_missing_frames += (unsigned)(seq - exp_seq) & 0xff;
    exp_seq = (seq + 1) & 0xff;
    seen_frame = 1;

    if (type == 0) {
        if (set_active)
            broken_set();
        long nread;
        unsigned index = 0;
        int r = event_frame(f, len, &nread, &index);
        if (r != -2) {
            if (exp_index >= 0)
                n_missing += (unsigned)(index - (unsigned)exp_index) & 0xffff;
            exp_index = (long)((index + (unsigned long)nread) & 0xffff);
        }
        if (r)
            corrupt();
        /* baton-trace: a frame whose header could be read is an event frame,
         * malformed or not; the wire bytes of every frame are counted */
        if (r != -2)
            n_event_frames++;
        n_event_wire += wire;
    } else {
        if (meta_frame(f, len, seq)) {
            corrupt();
            set_active = 0;     /* abandoned, not counted as broken */
        } else {
            n_meta_frames++;
        }
        n_meta_wire += wire;
    }
}

/* ---------------- the stream (section 1) ---------------- */

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

enum st { TEXT, T_ESC, T_ESC_US, BODY, B_ESC, SKIP, SKIP_ESC };

static enum st st = TEXT;
static uint8_t fb[MAXFRAME + 8];
static size_t flen;           /* decoded bytes */
static unsigned nchars;       /* base64 characters in the body */
static uint32_t acc;          /* bits of the current group */
static int accn;              /* characters in the current group */
static size_t fwire;          /* stream bytes of the frame so far */
static unsigned skipped;

static void body_start(void)
{
    st = BODY;
    flen = 0;
    nchars = 0;
    acc = 0;
    accn = 0;
    fwire = 3;
}

static void damaged_frame(void)
{
    corrupt();
    n_dropped += fwire;
}

static void start_skip(void)
{
    st = SKIP;
    skipped = 0;
}

static void body_end(void)
{
    fwire += 1;           /* the \\ (the ESC is counted) */
    int bad = 0;
    if (accn == 1)
        bad = 1;
    else if (accn == 2) {
        if (acc & 0xf) bad = 1;
        else fb[flen++] = (uint8_t)(acc >> 4);
    } else if (accn == 3) {
        if (acc & 0x3) bad = 1;
        else {
            fb[flen++] = (uint8_t)(acc >> 10);
            fb[flen++] = (uint8_t)(acc >> 2);
        }
    }
    if (!bad && (flen < 4 || flen > MAXFRAME))
        bad = 1;
    if (!bad && crc16(fb, flen - 2) != ((uint16_t)fb[flen - 2] << 8 | fb[flen - 1]))
        bad = 1;
    st = TEXT;
    if (bad) {
        damaged_frame();
        return;
    }
    flush_out();
    frame(fb, flen, fwire);
    flush_out();
}

static void byte(int c)
{
again:
    switch (st) {
    case TEXT:
        if (c == ESC)
            st = T_ESC;
        else
            n_console++;
        return;
    case T_ESC:
        if (c == '_') {
            st = T_ESC_US;
            return;
        }
        n_console++;        /* the ESC */
        st = TEXT;
        goto again;
    case T_ESC_US:
        if (c == 'B') {
            body_start();
            return;
        }
        n_console += 2;     /* ESC _ */
        st = TEXT;
        goto again;
    case BODY: {
        int v = b64val(c);
        if (v >= 0) {
            fwire++;
            acc = acc << 6 | (uint32_t)v;
            accn++;
            nchars++;
            if (accn == 4) {
                if (flen + 3 <= sizeof fb) {
                    fb[flen++] = (uint8_t)(acc >> 16);
                    fb[flen++] = (uint8_t)(acc >> 8);
                    fb[flen++] = (uint8_t)acc;
                }
                acc = 0;
                accn = 0;
                if (flen > MAXFRAME) {   /* the 342nd group: 1026 bytes */
                    damaged_frame();
                    start_skip();
                }
            }
            return;
        }
        if (c == ESC) {
            fwire++;
            st = B_ESC;
            return;
        }
        damaged_frame();
        start_skip();   /* c is examined first: an ESC ends the skip at once */
        goto again;          /* c is the first byte skipped */
    }
    case B_ESC:
        if (c == '\\') {
            body_end();
            return;
        }
        if (c == '_') {
            /* cut short: a new frame begins (ESC _ must still be followed by B) */
            fwire--;          /* the ESC belongs to the new frame */
            damaged_frame();
            st = T_ESC_US;
            return;
        }
        damaged_frame();
        start_skip();   /* c is examined first: an ESC ends the skip at once */
        goto again;
    case SKIP:
        if (skipped >= MAXSKIP) {
            st = TEXT;
            goto again;
        }
        if (c == ESC) {
            st = SKIP_ESC;
            return;
        }
        skipped++;
        n_dropped++;
        return;
    case SKIP_ESC:
        if (c == '\\') {
            n_dropped += 2;
            st = TEXT;
            return;
        }
        st = T_ESC;
        goto again;
    }
}

static void end_of_stream(void)
{
    switch (st) {
    case BODY:
    case B_ESC:
        /* a frame cut by the end of the stream */
        damaged_frame();
        break;
    case T_ESC:
        n_console++;
        break;
    case T_ESC_US:
        n_console += 2;
        break;
    case SKIP_ESC:
        /* the ESC is read again as text */
        n_console++;
        break;
    default:
        break;
    }
    flush_out();
}

/* ---------------- encoder for crafted tests ---------------- */

static void enc_frame(uint8_t *b, size_t n)
{
    static const char al[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint16_t c = crc16(b, n);
    b[n++] = (uint8_t)(c >> 8);
    b[n++] = (uint8_t)c;
    fputs("\x1b_B", stdout);
    size_t i;
    for (i = 0; i + 3 <= n; i += 3) {
        uint32_t g = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];
        putchar(al[g >> 18]); putchar(al[(g >> 12) & 63]);
        putchar(al[(g >> 6) & 63]); putchar(al[g & 63]);
    }
    if (n - i == 1) {
        putchar(al[b[i] >> 2]); putchar(al[(b[i] & 3) << 4]);
    } else if (n - i == 2) {
        uint32_t g = (uint32_t)b[i] << 8 | b[i + 1];
        putchar(al[g >> 10]); putchar(al[(g >> 4) & 63]); putchar(al[(g << 2) & 63]);
    }
    fputs("\x1b\\", stdout);
}

/* text with \\e (ESC), \\\\, \\r, \\n, \\xHH */
static void put_escaped(const char *p)
{
    for (; *p; p++) {
        if (*p != '\\' || !p[1]) {
            putchar(*p);
            continue;
        }
        p++;
        switch (*p) {
        case 'e': putchar(ESC); break;
        case 'r': putchar('\r'); break;
        case 'n': putchar('\n'); break;
        case 'x': {
            char h[3] = { p[1], p[1] ? p[2] : 0, 0 };
            putchar((int)strtol(h, NULL, 16));
            p += 2;
            break;
        }
        default: putchar(*p); break;
        }
    }
}

static int encode(void)
{
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == '#') {
            line[strcspn(line, "\n")] = 0;
            fputs(line + 1, stdout);
            fputs("\r\n", stdout);
            continue;
        }
        if (line[0] == '@' || line[0] == '*') {
            char *p = line + 1;
            long rep = 1;
            if (line[0] == '*') {
                rep = strtol(p, &p, 10);
                if (*p == ' ')
                    p++;
            }
            p[strcspn(p, "\n")] = 0;
            for (long r = 0; r < rep; r++)
                put_escaped(p);
            continue;
        }
        int raw = line[0] == '!';
        uint8_t b[2048];
        size_t n = 0;
        char *p = line, *e;
        if (raw)
            p++;
        for (;;) {
            unsigned long v = strtoul(p, &e, 16);
            if (e == p || n >= sizeof b - 2)
                break;
            b[n++] = (uint8_t)v;
            p = e;
        }
        if (raw)
            fwrite(b, 1, n, stdout);
        else if (n)
            enc_frame(b, n);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--encode") == 0)
        return encode();
    if (argc != 2) {
        fprintf(stderr, "usage: specdec FILE|-\n       specdec --encode\n");
        return 2;
    }
    FILE *in = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    int c;
    while ((c = getc(in)) != EOF)
        byte(c);
    end_of_stream();
    if (in != stdin)
        fclose(in);

    printf("M arch=%s", have_arch ? arch : "-");
    if (have_mask)
        printf(" mask=0x%llx", (unsigned long long)meta_mask);
    else
        printf(" mask=-");
    if (have_built)
        printf(" built=0x%llx\n", (unsigned long long)meta_built);
    else
        printf(" built=-\n");
    printf("S events=%llu lost=%llu missing=%llu corrupt=%llu\n",
           (unsigned long long)n_events, (unsigned long long)n_lost,
           (unsigned long long)n_missing, (unsigned long long)n_corrupt);
    printf("D event_frames=%llu meta_frames=%llu console=%llu "
           "missing_frames=%llu unknown=%llu broken_sets=%llu dropped=%llu "
           "restarts=%llu time_back=%llu event_wire=%llu meta_wire=%llu\n",
           (unsigned long long)n_event_frames, (unsigned long long)n_meta_frames,
           (unsigned long long)n_console, (unsigned long long)n_missing_frames,
           (unsigned long long)n_unknown, (unsigned long long)n_broken_sets,
           (unsigned long long)n_dropped, (unsigned long long)n_restarts,
           (unsigned long long)n_time_back, (unsigned long long)n_event_wire,
           (unsigned long long)n_meta_wire);
    return 0;
}
