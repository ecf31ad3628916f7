/* c_errors.c - conformance, ipc_errors: bad task ids, message pointers and
 * flags for every message operation, and proof that a refused operation
 * delivered nothing. Roles by task id. */
#include <baton_test.h>

enum { ERRORS = 1, QUITTER = 2, PARTNER = 3, WAITER = 4 };

static const struct message ro_msg = { .type = MSG_USER };  /* read-only */

static void bad_ids(void)
{
    static const task_t missing[] = { 31, 32, 999, -1, QUITTER, 0x7fffffff };
    static const char *const names[] = { "31", "32", "999", "-1", "an exited task", "INT_MAX" };
    struct message m = { .type = MSG_USER };
    char name[96];
    task_t me = task_self();

    CHECK_EQ(ipc_send(me, &m), ERR_INVALID_TASK, "errors: send to self");
    CHECK_EQ(ipc_send(0, &m), ERR_INVALID_TASK, "errors: send to 0 (the kernel)");
    CHECK_EQ(ipc_send_noblock(me, &m), ERR_INVALID_TASK, "errors: send_noblock to self");
    CHECK_EQ(ipc_call(me, &m), ERR_INVALID_TASK, "errors: call self");
    CHECK_EQ(ipc_call(0, &m), ERR_INVALID_TASK, "errors: call 0");
    CHECK_EQ(ipc_reply(me, &m), ERR_INVALID_TASK, "errors: reply to self");
    CHECK_EQ(ipc_recv(me, &m), ERR_INVALID_TASK, "errors: recv from self");
    CHECK_EQ(ipc_recv_noblock(me, &m), ERR_INVALID_TASK, "errors: recv_noblock from self");
    for (unsigned i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
        snprintf(name, sizeof(name), "errors: send to %s", names[i]);
        CHECK_EQ(ipc_send(missing[i], &m), ERR_NOT_FOUND, name);
        snprintf(name, sizeof(name), "errors: send_noblock to %s", names[i]);
        CHECK_EQ(ipc_send_noblock(missing[i], &m), ERR_NOT_FOUND, name);
        snprintf(name, sizeof(name), "errors: call %s", names[i]);
        CHECK_EQ(ipc_call(missing[i], &m), ERR_NOT_FOUND, name);
        snprintf(name, sizeof(name), "errors: reply to %s", names[i]);
        CHECK_EQ(ipc_reply(missing[i], &m), ERR_NOT_FOUND, name);
        snprintf(name, sizeof(name), "errors: recv from %s", names[i]);
        CHECK_EQ(ipc_recv(missing[i], &m), ERR_NOT_FOUND, name);
        snprintf(name, sizeof(name), "errors: recv_noblock from %s", names[i]);
        CHECK_EQ(ipc_recv_noblock(missing[i], &m), ERR_NOT_FOUND, name);
    }
}

static void bad_pointers(void)
{
    /* Writable memory, but 4 bytes off a message's alignment (ipc.h). */
    static struct message spare[2];
    const uintptr_t bad[] = {
        0, TEST_KERNEL_ADDR, 0x45000000u, (uintptr_t)spare + 4, 0xfffffff0u,
    };
    static const char *const names[] = {
        "NULL", "a kernel address", "unmapped memory", "a misaligned address", "the top of memory",
    };
    char name[96];
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct message *m = (struct message *)bad[i];
        snprintf(name, sizeof(name), "errors: send from %s (receiver waiting)", names[i]);
        CHECK_EQ(ipc_send(PARTNER, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: send from %s (receiver busy)", names[i]);
        CHECK_EQ(ipc_send(WAITER, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: send_noblock from %s", names[i]);
        CHECK_EQ(ipc_send_noblock(PARTNER, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: call with %s", names[i]);
        CHECK_EQ(ipc_call(PARTNER, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: reply from %s", names[i]);
        CHECK_EQ(ipc_reply(PARTNER, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: recv into %s", names[i]);
        CHECK_EQ(ipc_recv(IPC_ANY, m), ERR_BAD_ADDRESS, name);
        snprintf(name, sizeof(name), "errors: recv_noblock into %s", names[i]);
        CHECK_EQ(ipc_recv_noblock(IPC_ANY, m), ERR_BAD_ADDRESS, name);
    }
    /* A receive writes the message: read-only memory is no place for it,
     * and a call, which receives its reply there, must not send either. */
    struct message *ro = (struct message *)&ro_msg;
    CHECK_EQ(ipc_recv(IPC_ANY, ro), ERR_BAD_ADDRESS, "errors: recv into read-only data");
    CHECK_EQ(ipc_recv(IPC_ANY, (struct message *)(uintptr_t)bad_ids), ERR_BAD_ADDRESS,
             "errors: recv into program text");
    CHECK_EQ(ipc_call(PARTNER, ro), ERR_BAD_ADDRESS, "errors: call with a read-only message");
}

/* The raw system call: flag combinations the library never makes. */
static void bad_flags(void)
{
    struct message m = { .type = MSG_USER };
    uint32_t p = (uintptr_t)&m;
    CHECK_EQ(syscall(SYS_IPC, PARTNER, 0, p, 0, 0, 0), ERR_INVALID_ARG, "errors: SYS_IPC with no flags");
    CHECK_EQ(syscall(SYS_IPC, PARTNER, 0, p, IPC_NOBLOCK, 0, 0), ERR_INVALID_ARG,
             "errors: SYS_IPC with neither send nor receive");
    CHECK_EQ(syscall(SYS_IPC, PARTNER, 0, p, IPC_SEND | (1u << 8), 0, 0), ERR_INVALID_ARG,
             "errors: SYS_IPC with an unknown flag");
    CHECK_EQ(syscall(SYS_IPC, PARTNER, WAITER, p, IPC_SEND | IPC_RECV, 0, 0), ERR_INVALID_ARG,
             "errors: SYS_IPC call that would receive from another task");
    CHECK_EQ(syscall(SYS_IPC, PARTNER, PARTNER, p, IPC_SEND | IPC_RECV | IPC_REPLY, 0, 0), ERR_INVALID_ARG,
             "errors: SYS_IPC reply that would also receive");
}

static void errors(void)
{
    bad_ids();
    bad_pointers();
    bad_flags();
    /* Only now does the partner get a message: it checks it is this one. */
    struct message m = { .type = MSG_USER + 9 };
    m.words[0] = 0xd0e;
    CHECK_EQ(ipc_send(PARTNER, &m), OK, "errors: a good send after the bad ones");
    printf("errors: done\n");
}

static void partner(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(IPC_ANY, &m), OK, "errors: partner recv");
    CHECK(m.src == ERRORS && m.type == MSG_USER + 9 && m.words[0] == 0xd0e,
          "errors: refused sends and calls delivered nothing");
    m.type = MSG_USER + 10;
    CHECK_EQ(ipc_send(WAITER, &m), OK, "errors: partner releases the waiter");
}

static void waiter(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(PARTNER, &m), OK, "errors: waiter recv(partner)");
    CHECK(m.src == PARTNER && m.type == MSG_USER + 10, "errors: the waiter gets the partner's message");
}

int main(void)
{
    switch (task_self()) {
    case ERRORS: errors(); break;
    case QUITTER: break;                       /* exits at once: a dead id */
    case PARTNER: partner(); break;
    case WAITER: waiter(); break;
    default: printf("FAIL errors: unexpected task id %d\n", task_self());
    }
    return 0;
}
