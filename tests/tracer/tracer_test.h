/* tracer_test.h - helpers of the tracer tests (tests/tracer/test_util.c):
 * decode a byte buffer and keep what came out, events with their extras,
 * console text and counts, so that a test can look at all of it. */
#ifndef TRACER_TEST_H
#define TRACER_TEST_H

#include <stddef.h>
#include <stdint.h>
#include "decode.h"
#include "model.h"
#include "host_kernel.h"

#define CAP_EVENTS 50000
#define CAP_EXTRA 128

struct captured {
    struct tr_event ev[CAP_EVENTS];
    uint8_t extra[CAP_EVENTS][CAP_EXTRA];   /* the first CAP_EXTRA bytes */
    size_t extra_len[CAP_EVENTS];
    size_t n;
    char text[65536];
    size_t text_len;
    struct tr_counts counts;
    struct tr_decoder dec;
};

/* Decode buf in one go (or chunk bytes at a time, if chunk > 0). The
 * result lives in a static struct: valid until the next call. */
struct captured *decode(const uint8_t *buf, size_t len, size_t chunk);
/* Decode what the fake kernel's UART holds. */
struct captured *decode_uart(void);
/* Boot the fake kernel with tasks 1 "client" (send port 1), 2 "server"
 * (receive port 1) and 3 "third", and
 * tracing on for every category. */
void boot_with_tasks(void);
/* Wrap n bytes as a frame: CRC added, base64 in ESC _ B ... ESC \.
 * Returns the length written to out (4 * n / 3 + 12 bytes at most). */
size_t make_frame(const uint8_t *bytes, size_t n, uint8_t *out);
/* The number of captured events of this type. */
size_t count_type(const struct captured *c, unsigned type);

#endif
