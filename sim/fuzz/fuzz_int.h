/* fuzz_int.h - the kernel fuzzer's own state, shared by its files: the
 * run's driver tasks and what each is doing, the ledger of every message
 * sent, and the notifications issued. Host code (sim/fuzz/), not for user
 * programs (they include fuzz.h). */
#ifndef SIM_FUZZ_INT_H
#define SIM_FUZZ_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fuzz.h"
#include "sim.h"
#include "task.h"

#define FZ_TASKS_MAX   6          /* driver tasks in one run */
#define FZ_PROGRAMS    6          /* fz_driver1..6: the same code, own data */
#define FZ_OPS_MAX     40         /* operations per task, then it exits */
#define FZ_MAX_STEPS   6000       /* sim steps per run: every run ends */
#define FZ_TAGS_MAX    (FZ_TASKS_MAX * FZ_OPS_MAX + 1)
#define FZ_PORTS       4          /* ports the manifests grant: 0..3 */
#define FZ_STATUS_VIOLATION 99    /* sim_stop status after a violation */

/* The bottom of a task's user stack, at its kernel-side address (the
 * task's code reaches it at its stack alias, sim/vm.c). The driver's code
 * never gets that deep: these bytes are the harness's. */
#define STACK_BOTTOM (USER_STACK_TOP - USER_STACK_SIZE)
#define STACK_CANARY (STACK_BOTTOM + 64)             /* FZ_CANARY bytes */
#define STACK_SLOTS  (STACK_CANARY + FZ_CANARY)      /* FZ_SLOTS messages */
/* What a register-form receive's buffer holds until a message too long for
 * the registers lands there (build.c, result.c). */
#define FZ_POISON    0xa5

/* What the harness knows of a user address range, from the driver's
 * program layout (not from the kernel's page tables, which are under test). */
enum fz_class {
    FZ_RW,          /* the task's own writable memory */
    FZ_RO,          /* its own read-only memory */
    FZ_BAD,         /* not its memory, or misaligned for a message */
    FZ_UNKNOWN,     /* no prediction (a channel's shared page) */
};

/* What a task's operation is, for the checks of its result. */
enum fz_what {
    FZW_NONE, FZW_IPC, FZW_NOTIFY, FZW_NOTIFY_RCV, FZW_OPEN, FZW_CLOSE,
    FZW_CHAN_SEND, FZW_CHAN_RECV, FZW_CONSOLE, FZW_KOBJ, FZW_OTHER,
    FZW_EXIT, FZW_RAW, FZW_WRITE, FZW_READ,
    FZW_KILL, FZW_SPAWN, FZW_DEATH,     /* tasks at run time (docs/tasks.md) */
};

/* The operation a task was given. For a system call it is "in flight" from
 * the moment the harness hands it out until the driver reports its result. */
struct fz_pending {
    enum fz_what what;
    uint32_t sysno, a[6];
    unsigned flags;               /* FZW_IPC: the IPC_* flags */
    bool regs;                    /* FZW_IPC: the register form, SYS_IPC_REGS */
    int peer;                     /* IPC dst (or src), notify dst, ... */
    int src;                      /* FZW_IPC with IPC_RECV: whom it receives
                                     from (IPC_ANY for a reply-and-receive) */
    uint32_t tag;                 /* the tag it sends, 0 if none */
    enum fz_class cls;            /* of its buffer */
    uint32_t buf;                 /* the buffer (a user address) */
    int port;                     /* channel ops: the handle's port, or -1 */
    int handle;                   /* channel ops: the handle value used */
    uint32_t size;                /* channel send: bytes; receive: buffer */
    uint32_t bits;                /* FZW_NOTIFY */
    uint32_t consumed0;           /* FZW_NOTIFY: dst's consumptions at issue */
    bool must_fail;               /* arguments the kernel must refuse */
    bool must_fault;              /* FZW_WRITE/READ: the access must fault */
};

struct fz_end { int value, port, dir; };

struct fz_task {
    bool used, hello, dead;
    bool privileged;              /* task 1: may spawn and kill */
    bool killed;                  /* dead by task_kill (its death record says) */
    bool kill_returned;           /* a task_kill of it returned OK (result.c): its
                                     record may be gone with its supervisor */
    int prog;                     /* which fz_driverN it runs (1..) */
    uint32_t send_ports, recv_ports, irqs;    /* its grants */
    int ops;
    int last_src;                 /* who sent it the last message */
    bool inflight;
    struct fz_pending op;
    uint32_t area, ro;            /* its struct fz_area and read-only messages */
    uint32_t ro_start, data_start, data_end;   /* its program's pages */
    struct fz_end end[CHANNEL_HANDLES];        /* ends it holds (handles) */
    int nends;
    const struct task *chan_peer; /* blocked on a channel: the other end's holder */
    uint64_t pages_gen;           /* page accounting cache (check.c) */
    long pages, shm_maps;
};

enum fz_tag_status { FZT_NONE, FZT_ISSUED, FZT_OK, FZT_FAILED };

/* One tagged message, from its send to its receipt. */
struct fz_tag {
    uint8_t status, from, chan, call, received, receiver;
    uint8_t replyrecv;            /* sent by a reply-and-receive */
    uint8_t fits;                 /* messages: words after IPC_REG_WORDS zero */
    uint8_t orphaned;             /* its receiver was killed before the sender
                                     reported: it may have gone with it */
    int16_t to;                   /* messages: the task; channels: the port */
    int err;                      /* FZT_FAILED: the error */
    uint32_t size;                /* channels: bytes */
};

struct fz_run {
    const uint8_t *in;
    size_t len, pos;
    int ntasks;
    uint32_t seq;                 /* operations handed out, all tasks */
    struct fz_task task[TASK_MAX];
    struct fz_tag tag[FZ_TAGS_MAX];
    uint32_t ntags;
    uint32_t outstanding[FZ_TAGS_MAX];   /* sent OK, not yet received */
    uint32_t noutstanding;
    int end_holder[FZ_PORTS][2];          /* task holding each end, or 0 */
    uint32_t notify_issued[TASK_MAX][TASK_MAX];   /* [dst][from]: bits */
    uint32_t notify_consumed[TASK_MAX][TASK_MAX]; /* [dst][from]: times */
    uint32_t untagged_sent[TASK_MAX], untagged_recv[TASK_MAX];
    uint32_t untagged_chan_sent, untagged_chan_recv;
    bool first_step_seen;
    uint32_t fastpath;            /* IPC fast path handoffs in this run */
    bool messages;                /* a run of mostly messages (main.c) */
    bool failed;
    char why[512];
};

extern struct fz_run fz;
extern bool fz_verbose;
extern long fz_baseline_pages;    /* -1 until calibrated */

/* main.c: report a broken invariant and stop the run (never returns). */
_Noreturn void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fz_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ops.c: the bytes, the choices made of them, where a task's memory is,
 * the message patterns. */
#define FZ_NSIZES 19
extern const uint32_t fz_sizes[FZ_NSIZES];
uint8_t fz_byte(void);
uint32_t fz_word(void);
uint32_t fz_pick(const uint32_t *table, size_t n);
#define FZ_PICK(table) fz_pick(table, sizeof(table) / sizeof(table[0]))
int fz_pick_task(const struct fz_task *t);
/* What a task is about to do, for fz_pick_peer's hint. */
enum fz_want { FZ_ANYONE, FZ_RECEIVER, FZ_SENDER, FZ_CALLER };
int fz_pick_peer(const struct fz_task *t, enum fz_want want);
/* Where the harness, running as the current task, reaches its user address
 * va: the same, but for the stack, which user code has at its stack alias
 * (sim/vm.c). */
void *fz_user(uint32_t va);
uint32_t fz_pick_pointer(const struct fz_task *t, uint32_t len, bool write,
                         uint32_t good, enum fz_class *cls);
uint32_t fz_msg_slot(const struct fz_task *t, unsigned k);
/* Message slot k on t's own user stack, at the address its user code uses
 * (the stack alias, sim/vm.c: the IPC fast path's case) if alias, else at
 * the stack's kernel-side address, which the slow path takes too. */
uint32_t fz_stack_slot(const struct fz_task *t, unsigned k, bool alias);
uint32_t fz_data_buf(const struct fz_task *t);
uint32_t fz_other_program(const struct fz_task *t);
struct fz_task *fz_me(void);
/* Task k, spawned at run time running a driver program, is a driver of the
 * run from now on (a no-op if it is one already). */
void fz_adopt(const struct task *k);
/* main.c: where program p's memory is, for the task t that runs it. */
void fz_layout(struct fz_task *t, const struct sim_program *p);
enum fz_class fz_classify(const struct fz_task *t, uint32_t va, uint32_t len,
                          bool write);
/* A tagged message; fits: its words after IPC_REG_WORDS are zero, so that
 * it can travel in registers. fz_message_tag says which of the two it is. */
void fz_tag_message(struct message *m, uint32_t tag, int from, bool fits);
bool fz_message_tag(const struct message *m, uint32_t *tag, bool *fits);
void fz_tag_bytes(uint8_t *p, uint32_t size, uint32_t tag);
bool fz_bytes_tag(const uint8_t *p, uint32_t size, uint32_t *tag);
uint32_t fz_new_tag(struct fz_task *t, bool chan, int to, bool call, uint32_t size);
const char *fz_what_name(enum fz_what w);
bool fz_consumes_notifications(const struct fz_pending *op, int from);
const char *fz_err(long err);

/* main.c: the kernel's fast path calls this for sched_handoff (fuzz.mk
 * renames the call in kernel/fastpath.c alone): it counts the handoffs,
 * the fast path's successes, then hands off. */
error_t fz_fastpath_handoff(enum task_block why, struct task *next);

/* result.c: the checks of a reported result. */
void fz_result(struct fz_task *t, long ret, const uint32_t out[6]);
void fz_end_released(int port, int dir);

/* check.c: invariants over the kernel's state. */
void fz_step_hook(void *arg);
void fz_check_all(void);
void fz_check_end(const struct sim_result *res);
bool fz_alive(int id);
bool fz_receiving(int id, bool chan, int port);

#endif
