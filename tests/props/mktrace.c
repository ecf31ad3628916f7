/* mktrace.c - write a trace by hand: events as lines of text in, the serial
 * stream of docs/trace-format.md out (frames of explicit-form events, each
 * with a SUBJ prefix). tests/props/run.sh uses it for the traces of kernels
 * that break a property of the IPC model, which Baton's kernel cannot give.
 *
 *   mktrace FILE.txt > FILE.trace      (build/props/mktrace, by run.sh)
 *
 * One line per event, task ids as numbers, '#' starts a comment:
 *
 *   create ID NAME PRIO        wake T              switch S T
 *   send S T    call S T    reply S T              (rendezvous S -> T)
 *   send-block S T    call-block S T    recv-block S T (0: from any)
 *   block S WAIT               exit S STATUS       fault S PC ADDR
 *   notify S T BITS            deliver S T BITS    (S takes T's bits)
 *   chan-open S PORT s|r       chan-close S PORT s|r     chan-block S PORT s|r
 *   chan-xfer S T PORT SIZE    (S sent SIZE bytes to T)
 *   deadlock S T1 .. Tn        error S SYSNO ERR_NAME
 *   async-enqueue S T DEPTH    async-pull S T      async-deliver S T DEPTH
 *   async-full S T DEPTH       lost COUNT          mark S VALUE
 *   irq LINE                   irq-ctl S LINE OP   (OP 1 acquired, 2 masked,
 *                                                   3 acked, 4 released)
 *   meta arch NAME | meta mask HEX | state ID PRIO STATE WAIT PEER NAME |
 *   pending T FROM BITS        (records of the next metadata set)
 *   snapshot                   (send them: a complete metadata set)
 *
 * Each event is 1000 cycles after the one before. Exit status 2 on a line
 * it cannot read (with its number). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <baton/trace.h>
#include <baton/error.h>

static uint8_t frame[TRACE_FRAME_MAX];
static size_t flen;             /* bytes in the event frame being filled */
static uint8_t meta[TRACE_FRAME_MAX];
static size_t mlen;
static uint8_t seq;
static uint16_t next_index = 1;
static unsigned frame_events;
static uint64_t now;
static int lineno;

/* ---- the wire: CRC, base64, frames ---- */

static uint16_t crc16(const uint8_t *p, size_t n)
{
    uint16_t crc = 0xffff;
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int i = 0; i < 8; i++)
            crc = crc & 0x8000 ? (uint16_t)(crc << 1 ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

/* ESC _ B, the bytes and their CRC in base64 without padding, ESC \ */
static void put_frame(uint8_t *p, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint16_t crc = crc16(p, n);
    p[n++] = (uint8_t)(crc >> 8);
    p[n++] = (uint8_t)crc;
    fputs("\033_B", stdout);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        size_t k = n - i < 3 ? n - i : 3;
        if (k > 1)
            v |= (uint32_t)p[i + 1] << 8;
        if (k > 2)
            v |= p[i + 2];
        for (size_t c = 0; c <= k; c++)
            putchar(b64[v >> (18 - 6 * c) & 63]);
    }
    fputs("\033\\", stdout);
}

static void put_u8(uint8_t *buf, size_t *len, unsigned v)
{
    buf[(*len)++] = (uint8_t)v;
}

static void put_varint(uint8_t *buf, size_t *len, uint64_t v)
{
    while (v >= 0x80) {
        put_u8(buf, len, (unsigned)(v & 0x7f) | 0x80);
        v >>= 7;
    }
    put_u8(buf, len, (unsigned)v);
}

static void flush_events(void)
{
    if (frame_events == 0)
        return;
    put_frame(frame, flen);
    next_index = (uint16_t)(next_index + frame_events);
    frame_events = 0;
    flen = 0;
}

/* Start an event (a new frame if this one is nearly full): its SUBJ prefix
 * (subj < 0: none), code and dt. */
static void begin(int subj, unsigned code)
{
    if (flen > 800)
        flush_events();
    if (flen == 0) {
        put_u8(frame, &flen, TRACE_VERSION << 4 | TRACE_FRAME_EVENTS);
        put_u8(frame, &flen, seq++);
        put_u8(frame, &flen, 0);                   /* shift */
        put_u8(frame, &flen, next_index & 0xff);
        put_u8(frame, &flen, next_index >> 8);
        put_varint(frame, &flen, now);             /* base */
        put_u8(frame, &flen, TRACE_NO_TASK);       /* cur */
    }
    if (subj >= 0) {
        put_u8(frame, &flen, TRACE_EV_SUBJ);
        put_u8(frame, &flen, (unsigned)subj);
    }
    put_u8(frame, &flen, code);
    put_varint(frame, &flen, 1000);
    now += 1000;
    frame_events++;
}

static void put_meta_record(unsigned tag, const uint8_t *p, size_t n)
{
    put_u8(meta, &mlen, tag);
    put_u8(meta, &mlen, (unsigned)n);
    memcpy(meta + mlen, p, n);
    mlen += n;
}

static void send_snapshot(void)
{
    uint8_t f[TRACE_FRAME_MAX];
    size_t n = 0;
    flush_events();             /* a set comes with every event before it sent */
    put_u8(f, &n, TRACE_VERSION << 4 | TRACE_FRAME_META);
    put_u8(f, &n, seq++);
    put_u8(f, &n, 0x80);        /* part 0, the last */
    memcpy(f + n, meta, mlen);
    put_frame(f, n + mlen);
    mlen = 0;
}

/* ---- the text ---- */

static void die(const char *why)
{
    fprintf(stderr, "mktrace: line %d: %s\n", lineno, why);
    exit(2);
}

static char *words[40];
static int nwords;

static uint64_t num(int i)
{
    if (i >= nwords)
        die("too few operands");
    char *end;
    uint64_t v = strtoull(words[i], &end, 0);
    if (*end)
        die("not a number");
    return v;
}

static int dir(int i)
{
    if (i >= nwords || (strcmp(words[i], "s") && strcmp(words[i], "r")))
        die("a channel end is s or r");
    return words[i][0] == 'r' ? TRACE_PORT_RECV : 0;
}

static unsigned err_code(int i)
{
    if (i >= nwords)
        die("too few operands");
    for (int e = 1; e < 100; e++)
        if (strcmp(err2str(-e), words[i]) == 0)
            return (unsigned)e;
    return (unsigned)num(i);
}

/* Events whose operands are one task: code, has a subject. */
static const struct { const char *name; unsigned code; } one_task[] = {
    { "switch", TRACE_EV_SWITCH }, { "send", TRACE_EV_MSG_SEND },
    { "call", TRACE_EV_MSG_CALL }, { "reply", TRACE_EV_MSG_REPLY },
    { "recv-block", TRACE_EV_RECV_BLOCK }, { "send-block", TRACE_EV_SEND_BLOCK },
    { "call-block", TRACE_EV_CALL_BLOCK },
};

/* Events: subject, task, one varint. */
static const struct { const char *name; unsigned code; } task_value[] = {
    { "notify", TRACE_EV_NOTIFY_SEND }, { "deliver", TRACE_EV_NOTIFY_DELIVER },
    { "async-enqueue", TRACE_EV_ASYNC_ENQUEUE }, { "async-deliver", TRACE_EV_ASYNC_DELIVER },
    { "async-full", TRACE_EV_ASYNC_FULL },
};

static void event(void)
{
    const char *w = words[0];
    for (size_t i = 0; i < sizeof(one_task) / sizeof(one_task[0]); i++)
        if (strcmp(w, one_task[i].name) == 0) {
            unsigned s = (unsigned)num(1), t = (unsigned)num(2);
            begin((int)s, one_task[i].code);
            put_u8(frame, &flen, t);
            return;
        }
    for (size_t i = 0; i < sizeof(task_value) / sizeof(task_value[0]); i++)
        if (strcmp(w, task_value[i].name) == 0) {
            unsigned s = (unsigned)num(1), t = (unsigned)num(2);
            uint64_t v = num(3);
            begin((int)s, task_value[i].code);
            put_u8(frame, &flen, t);
            put_varint(frame, &flen, v);
            return;
        }
    if (strcmp(w, "create") == 0) {
        if (nwords < 4)
            die("create ID NAME PRIO");
        unsigned id = (unsigned)num(1), prio = (unsigned)num(3);
        size_t n = strlen(words[2]);
        begin(-1, TRACE_EV_TASK_CREATE);
        put_u8(frame, &flen, id);
        put_u8(frame, &flen, prio);
        put_u8(frame, &flen, (unsigned)n);
        memcpy(frame + flen, words[2], n);
        flen += n;
    } else if (strcmp(w, "wake") == 0) {
        unsigned t = (unsigned)num(1);
        begin(-1, TRACE_EV_WAKE);
        put_u8(frame, &flen, t);
    } else if (strcmp(w, "lost") == 0) {
        uint64_t n = num(1);
        begin(-1, TRACE_EV_LOST);
        put_varint(frame, &flen, n);
    } else if (strcmp(w, "exit") == 0) {
        int s = (int)num(1);
        int32_t st = (int32_t)strtol(nwords > 2 ? words[2] : "0", NULL, 0);
        begin(s, TRACE_EV_TASK_EXIT);
        put_varint(frame, &flen, (uint32_t)((uint32_t)st << 1 ^ (uint32_t)(st >> 31)));
    } else if (strcmp(w, "fault") == 0) {
        int s = (int)num(1);
        uint64_t pc = num(2), addr = num(3);
        begin(s, TRACE_EV_TASK_FAULT);
        put_varint(frame, &flen, pc);
        put_varint(frame, &flen, addr);
    } else if (strcmp(w, "block") == 0 || strcmp(w, "mark") == 0) {
        int s = (int)num(1);
        uint64_t v = num(2);
        begin(s, w[0] == 'b' ? TRACE_EV_BLOCK : TRACE_EV_MARK);
        if (w[0] == 'b')
            put_u8(frame, &flen, (unsigned)v);
        else
            put_varint(frame, &flen, v);
    } else if (strcmp(w, "async-pull") == 0) {
        int s = (int)num(1);
        unsigned t = (unsigned)num(2);
        begin(s, TRACE_EV_ASYNC_PULL);
        put_u8(frame, &flen, t);
        put_varint(frame, &flen, 0);
    } else if (strncmp(w, "chan-", 5) == 0) {
        int s = (int)num(1);
        if (strcmp(w, "chan-xfer") == 0) {
            unsigned t = (unsigned)num(2), port = (unsigned)num(3);
            uint64_t size = num(4);
            begin(s, TRACE_EV_CHAN_XFER);
            put_u8(frame, &flen, port & TRACE_PORT_MASK);
            put_u8(frame, &flen, t);
            put_varint(frame, &flen, size);
            return;
        }
        unsigned code = strcmp(w, "chan-open") == 0 ? TRACE_EV_CHAN_OPEN :
                        strcmp(w, "chan-close") == 0 ? TRACE_EV_CHAN_CLOSE :
                        strcmp(w, "chan-block") == 0 ? TRACE_EV_CHAN_BLOCK : 0;
        if (!code)
            die("no such channel event");
        unsigned port = (unsigned)num(2);
        int d = dir(3);
        begin(s, code);
        put_u8(frame, &flen, (port & TRACE_PORT_MASK) | (unsigned)d);
    } else if (strcmp(w, "deadlock") == 0) {
        int s = (int)num(1);
        begin(s, TRACE_EV_DEADLOCK);
        put_u8(frame, &flen, (unsigned)(nwords - 2));
        for (int i = 2; i < nwords; i++)
            put_u8(frame, &flen, (unsigned)num(i));
    } else if (strcmp(w, "irq") == 0) {
        unsigned line = (unsigned)num(1);
        begin(-1, TRACE_EV_IRQ);
        put_u8(frame, &flen, line);
    } else if (strcmp(w, "irq-ctl") == 0) {
        int s = (int)num(1);
        unsigned line = (unsigned)num(2), op = (unsigned)num(3);
        begin(s, TRACE_EV_IRQ_CTL);
        put_u8(frame, &flen, line);
        put_u8(frame, &flen, op);
    } else if (strcmp(w, "error") == 0) {
        int s = (int)num(1);
        unsigned sysno = (unsigned)num(2), e = err_code(3);
        begin(s, TRACE_EV_SYSCALL_ERR);
        put_u8(frame, &flen, sysno);
        put_varint(frame, &flen, e);
    } else {
        die("no such event");
    }
}

static void metadata(void)
{
    uint8_t r[64];
    size_t n = 0;
    if (strcmp(words[0], "snapshot") == 0) {
        send_snapshot();
    } else if (strcmp(words[0], "meta") == 0 && nwords == 3 && strcmp(words[1], "arch") == 0) {
        put_meta_record(TRACE_META_ARCH, (const uint8_t *)words[2], strlen(words[2]));
    } else if (strcmp(words[0], "meta") == 0 && nwords == 3 && strcmp(words[1], "mask") == 0) {
        put_varint(r, &n, num(2));           /* enabled, built */
        put_varint(r, &n, TRACE_CAT_ALL);
        put_meta_record(TRACE_META_MASK, r, n);
    } else if (strcmp(words[0], "state") == 0 && nwords == 7) {
        for (int i = 1; i <= 5; i++)
            put_u8(r, &n, (unsigned)num(i));
        memcpy(r + n, words[6], strlen(words[6]));
        put_meta_record(TRACE_META_TASK, r, n + strlen(words[6]));
    } else if (strcmp(words[0], "pending") == 0 && nwords == 4) {
        put_u8(r, &n, (unsigned)num(1));
        put_u8(r, &n, (unsigned)num(2));
        put_varint(r, &n, num(3));
        put_meta_record(TRACE_META_PENDING, r, n);
    } else {
        event();
    }
}

int main(int argc, char **argv)
{
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    char line[512];
    while (fgets(line, sizeof(line), in)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        nwords = 0;
        for (char *w = strtok(line, " \t\r\n"); w && nwords < 40; w = strtok(NULL, " \t\r\n"))
            words[nwords++] = w;
        if (nwords)
            metadata();
    }
    flush_events();
    return 0;
}
