/* wire.h - the byte level of the trace stream (docs/trace-format.md):
 * separates console text from frames (ESC _ B <base64> ESC \), decodes the
 * base64 and checks each frame's CRC. Never fails: bad input is counted as
 * corrupt frames, and decoding resumes at the next frame start. */
#ifndef TRACER_WIRE_H
#define TRACER_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <baton/trace.h>

/* Why a frame was thrown away. */
enum tr_corrupt {
    TR_CORRUPT_TRUNCATED,   /* a byte that is not base64 before ESC \ */
    TR_CORRUPT_TOO_LONG,    /* longer than TRACE_FRAME_MAX */
    TR_CORRUPT_LENGTH,      /* a base64 length that cannot be */
    TR_CORRUPT_CRC,         /* the CRC does not match */
    TR_CORRUPT_SHORT,       /* too short to hold a header and CRC */
    TR_CORRUPT_KINDS
};

struct tr_wire_ops {
    /* Console text, as it came (frames taken out). */
    void (*text)(void *ctx, const uint8_t *p, size_t n);
    /* A frame whose CRC matched: its bytes, the CRC taken off. */
    void (*frame)(void *ctx, const uint8_t *p, size_t n);
    /* A frame thrown away (may be NULL). */
    void (*corrupt)(void *ctx, enum tr_corrupt why);
};

/* The longest frame as sent, in characters: base64 of TRACE_FRAME_MAX. */
#define TRACE_FRAME_CHARS ((TRACE_FRAME_MAX * 4 + 2) / 3 + 5)

struct tr_wire {
    const struct tr_wire_ops *ops;
    void *ctx;
    int state;                  /* where in ESC _ B ... ESC \ we are */
    uint8_t buf[TRACE_FRAME_MAX + 3];
    size_t len;                 /* decoded bytes of the frame so far */
    uint32_t acc;               /* base64 bits not yet whole bytes */
    unsigned nacc;              /* base64 characters in acc (0..3) */
    size_t skipped;             /* bytes of a damaged frame skipped so far */
    size_t raw;                 /* bytes of the frame so far, from its ESC _ B */
    uint64_t frames, corrupt, text_bytes;
    /* Every byte of the stream is text, part of a good frame, or dropped
     * (a damaged frame, and what was skipped after it, up to its end or
     * the next frame): text_bytes + frame_bytes + dropped = bytes fed. */
    uint64_t frame_bytes, dropped;
    uint64_t corrupt_why[TR_CORRUPT_KINDS];
};

void tr_wire_init(struct tr_wire *w, const struct tr_wire_ops *ops, void *ctx);
/* Feed the next n bytes of the stream (any split is fine). */
void tr_wire_feed(struct tr_wire *w, const uint8_t *p, size_t n);
/* End of the stream: a frame still open is truncated. */
void tr_wire_end(struct tr_wire *w);

/* CRC-16/CCITT-FALSE: poly 0x1021, init 0xffff, no reflection. */
uint16_t tr_crc16(const uint8_t *p, size_t n);

#endif
