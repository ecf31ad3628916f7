/* error.h - Baton's one error type and its named codes (kernel, user, host).
 *
 * Every syscall and library call returns an error_t: OK (0) or one of the
 * negative ERR_* codes below. err2str() gives each a readable name. */
#ifndef BATON_ERROR_H
#define BATON_ERROR_H

typedef int error_t;

/* X-macro: one line per code, so that the enum and err2str() never drift. */
#define BATON_ERRORS(X)                                                        \
    X(OK,               0,   "OK")                                             \
    X(ERR_NO_MEMORY,   -1,   "ERR_NO_MEMORY")    /* out of kernel memory */    \
    X(ERR_INVALID_ARG, -2,   "ERR_INVALID_ARG")  /* a bad size, flag, dir */   \
    X(ERR_BAD_ADDRESS, -3,   "ERR_BAD_ADDRESS")  /* pointer not user memory */ \
    X(ERR_NOT_FOUND,   -4,   "ERR_NOT_FOUND")    /* no such task */            \
    X(ERR_WOULD_BLOCK, -5,   "ERR_WOULD_BLOCK")  /* non-blocking, not ready */ \
    X(ERR_NOT_PERMITTED, -6, "ERR_NOT_PERMITTED") /* not granted */            \
    X(ERR_IN_USE,      -7,   "ERR_IN_USE")       /* end already held */        \
    X(ERR_BAD_HANDLE,  -8,   "ERR_BAD_HANDLE")   /* not one of your handles */ \
    X(ERR_TOO_SMALL,   -9,   "ERR_TOO_SMALL")    /* receive buffer too small */\
    X(ERR_TOO_LARGE,   -10,  "ERR_TOO_LARGE")    /* data larger than allowed */\
    X(ERR_CLOSED,      -11,  "ERR_CLOSED")       /* peer closed or died */     \
    X(ERR_DEADLOCK,    -12,  "ERR_DEADLOCK")     /* would close a wait cycle */\
    X(ERR_QUEUE_FULL,  -13,  "ERR_QUEUE_FULL")   /* async queue at its bound */\
    X(ERR_NOT_WAITING, -14,  "ERR_NOT_WAITING")  /* reply to a non-caller */   \
    X(ERR_ABORTED,     -15,  "ERR_ABORTED")      /* partner died mid-IPC */    \
    X(ERR_INVALID_TASK, -16, "ERR_INVALID_TASK") /* yourself, or the kernel */ \
    X(ERR_EMPTY,       -17,  "ERR_EMPTY")        /* nothing to receive */      \
    X(ERR_NO_SYSCALL,  -18,  "ERR_NO_SYSCALL")   /* unknown syscall number */ \
    X(ERR_TABLE_FULL,  -19,  "ERR_TABLE_FULL")   /* no free task slot */

enum {
#define BATON_ERROR_ENUM(name, value, str) name = value,
    BATON_ERRORS(BATON_ERROR_ENUM)
#undef BATON_ERROR_ENUM
};

/* Anckor's name for the same type (seed ipc.md). */
typedef error_t ax_return;
#define AX_OK OK

/* "ERR_CLOSED" for ERR_CLOSED; "ERR_UNKNOWN" for anything not listed. */
const char *err2str(error_t err);

#endif
