/* source.h - where the stream comes from: a recorded file, standard
 * input, a program the viewer starts (QEMU, baton-sim) with its output
 * piped in and its input piped from the viewer, or a socket (QEMU's
 * `-serial tcp::PORT,server` or `-serial unix:PATH,server`). Reading
 * never blocks once open: the viewer polls the descriptors. */
#ifndef TRACER_SOURCE_H
#define TRACER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum tv_source_kind { TV_SRC_FILE, TV_SRC_STDIN, TV_SRC_COMMAND, TV_SRC_SOCKET };

struct tv_source {
    enum tv_source_kind kind;
    int fd;                     /* the stream; -1 once it ended */
    int wfd;                    /* the target's input (keys, host commands); -1: none */
    int errfd;                  /* a program's stderr; -1: none */
    pid_t pid;                  /* the program, 0 when none */
    bool exited;                /* the program was reaped: status is set */
    int status;                 /* its exit status (128+N: killed by signal N) */
    char name[160];             /* what it is, for the status line */
    bool asked;                 /* metadata asked for (tv_source_attached) */
};

/* Open path ("-": standard input). 0, or -1 with a message on stderr. */
int tv_source_open_file(struct tv_source *s, const char *path);
/* Start argv[0] with argv (NULL-terminated), in a process group of its own. */
int tv_source_open_command(struct tv_source *s, char *const argv[]);
/* Connect to "HOST:PORT" (TCP) or a path (a unix socket), retrying for up
 * to `wait_s` seconds while nobody listens yet. */
int tv_source_open_connect(struct tv_source *s, const char *where, int wait_s);

/* Up to n bytes of the stream: > 0 read, 0 nothing yet, -1 ended. */
long tv_source_read(struct tv_source *s, uint8_t *buf, size_t n);
/* Up to n bytes of the program's stderr: as tv_source_read. */
long tv_source_read_err(struct tv_source *s, uint8_t *buf, size_t n);
/* Send bytes to the target's input; false if it has none (or it is gone). */
bool tv_source_write(struct tv_source *s, const void *p, size_t n);
/* Reap the program if it has exited (no wait); true once it has. */
bool tv_source_reap(struct tv_source *s);
/* Call after reading: on a socket, once events arrive but no metadata
 * came with them (we attached late), ask the kernel for a metadata set
 * (the host command ESC _ B S ESC \\, docs/trace-format.md). Not sooner:
 * a kernel still booting would take the command for typed text. */
void tv_source_attached(struct tv_source *s, bool events_without_names);
/* Standard input is a shell pipe whose writer (a process with the pipe
 * on its fd 1) has its stderr on the viewer's controlling terminal: what
 * it prints there lands on the screen, and the viewer cannot stop it
 * (Linux's /proc; false where there is none). */
bool tv_source_writer_stderr_on(const struct tv_source *s);
/* Close everything; a program still running is terminated. */
void tv_source_close(struct tv_source *s);

#endif
