/* c_cherr.c - conformance, chan_errors: channel_open's checks (port,
 * direction, grant, end in use, handle pointer) and the handle checks of
 * send, receive and close (never opened, closed, another task's, wrong end). */
#include <baton_test.h>

enum { MAIN = 1, HOLDER = 2, SNOOP = 3 };
/* MAIN may send on 4 and receive on 5 and 6; HOLDER holds 6's receive end. */
enum { PORT_SEND = 4, PORT_RECV = 5, PORT_HELD = 6, PORT_NONE = 9 };

static const channel_handle ro_handle = 0;

static void open_checks(void)
{
    channel_handle h = 0;
    CHECK_EQ(channel_open(&h, 32, CHANNEL_SEND), ERR_INVALID_ARG, "cherr: open port 32");
    CHECK_EQ(channel_open(&h, 999, CHANNEL_SEND), ERR_INVALID_ARG, "cherr: open port 999");
    CHECK_EQ(channel_open(&h, 0xffffffffu, CHANNEL_SEND), ERR_INVALID_ARG, "cherr: open port 0xffffffff");
    CHECK_EQ(channel_open(&h, PORT_SEND, (channel_direction)2), ERR_INVALID_ARG, "cherr: open direction 2");
    CHECK_EQ(channel_open(&h, PORT_SEND, (channel_direction)-1), ERR_INVALID_ARG, "cherr: open direction -1");
    CHECK_EQ(channel_open(&h, PORT_SEND, CHANNEL_RECEIVE), ERR_NOT_PERMITTED,
             "cherr: open the receive end of a port granted for sending only");
    CHECK_EQ(channel_open(&h, PORT_RECV, CHANNEL_SEND), ERR_NOT_PERMITTED,
             "cherr: open the send end of a port granted for receiving only");
    CHECK_EQ(channel_open(&h, PORT_NONE, CHANNEL_SEND), ERR_NOT_PERMITTED, "cherr: open an ungranted port");
    CHECK_EQ(channel_open(&h, 0, CHANNEL_RECEIVE), ERR_NOT_PERMITTED, "cherr: open ungranted port 0");
    CHECK_EQ(channel_open(&h, PORT_HELD, CHANNEL_RECEIVE), ERR_IN_USE, "cherr: open an end another task holds");

    static const uintptr_t bad[] = { 0, TEST_KERNEL_ADDR, 0x45000000u, (uintptr_t)&ro_handle,
                                     USER_STACK_TOP - 2 };
    static const char *const names[] = { "NULL", "a kernel address", "unmapped memory",
                                         "read-only data", "the top of the stack" };
    char name[96];
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(name, sizeof(name), "cherr: open with the handle pointer at %s", names[i]);
        CHECK_EQ(channel_open((channel_handle *)bad[i], PORT_SEND, CHANNEL_SEND), ERR_BAD_ADDRESS, name);
    }
    CHECK_EQ(kobjects(KOBJ_CHANNELS), 1, "cherr: refused opens hold nothing (only HOLDER's channel)");
}

static void handle_checks(void)
{
    uint8_t buf[32] = "data";
    static const channel_handle never[] = { 0, 3, 7, 8, 9, -1, 1000, 0x7fffffff };
    char name[96];
    for (unsigned i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
        channel_handle h = never[i];
        snprintf(name, sizeof(name), "cherr: send on never-opened handle %d", never[i]);
        CHECK_EQ(channel_send(&h, buf, 4), ERR_BAD_HANDLE, name);
        snprintf(name, sizeof(name), "cherr: receive on never-opened handle %d", never[i]);
        CHECK_EQ(channel_rcv(&h, buf, sizeof(buf)), ERR_BAD_HANDLE, name);
        snprintf(name, sizeof(name), "cherr: close never-opened handle %d", never[i]);
        CHECK_EQ(channel_close(&h), ERR_BAD_HANDLE, name);
    }

    channel_handle hs, hr;
    CHECK_EQ(channel_open(&hs, PORT_SEND, CHANNEL_SEND), OK, "cherr: open after the refusals");
    CHECK_EQ(channel_open(&hr, PORT_RECV, CHANNEL_RECEIVE), OK, "cherr: open a receive end");
    CHECK(hs != hr, "cherr: two open ends have two handles");
    channel_handle again;
    CHECK_EQ(channel_open(&again, PORT_SEND, CHANNEL_SEND), ERR_IN_USE, "cherr: open an end I hold already");
    CHECK_EQ(channel_rcv(&hs, buf, sizeof(buf)), ERR_BAD_HANDLE, "cherr: receive on a send end");
    CHECK_EQ(channel_send(&hr, buf, 4), ERR_BAD_HANDLE, "cherr: send on a receive end");
    CHECK_EQ(channel_send(&hr, buf, 20), ERR_BAD_HANDLE, "cherr: send 20 bytes on a receive end");

    /* Bad pointers beside a good handle: refused at once, nobody waits. */
    CHECK_EQ(channel_send(NULL, buf, 4), ERR_BAD_ADDRESS, "cherr: send with a NULL handle pointer");
    CHECK_EQ(channel_rcv(NULL, buf, 4), ERR_BAD_ADDRESS, "cherr: receive with a NULL handle pointer");
    CHECK_EQ(channel_close(NULL), ERR_BAD_ADDRESS, "cherr: close with a NULL handle pointer");
    CHECK_EQ(channel_send(&hs, NULL, 100), ERR_BAD_ADDRESS, "cherr: send 100 bytes from NULL");
    CHECK_EQ(channel_send(&hs, (channel_data *)TEST_KERNEL_ADDR, 100), ERR_BAD_ADDRESS,
             "cherr: send 100 bytes from a kernel address");
    CHECK_EQ(channel_rcv(&hr, (channel_data *)TEST_KERNEL_ADDR, 16), ERR_BAD_ADDRESS,
             "cherr: receive into a kernel address");
    CHECK_EQ(channel_rcv(&hr, (channel_data *)&ro_handle, 4), ERR_BAD_ADDRESS,
             "cherr: receive into read-only data");
    CHECK_EQ(channel_rcv(&hr, (channel_data *)0x45000000u, 16), ERR_BAD_ADDRESS,
             "cherr: receive into unmapped memory");

    channel_handle closed = hs;
    CHECK_EQ(channel_close(&hs), OK, "cherr: close the send end");
    CHECK_EQ(channel_send(&closed, buf, 4), ERR_BAD_HANDLE, "cherr: send on a closed handle");
    CHECK_EQ(channel_rcv(&closed, buf, sizeof(buf)), ERR_BAD_HANDLE, "cherr: receive on a closed handle");
    CHECK_EQ(channel_close(&closed), ERR_BAD_HANDLE, "cherr: close a closed handle");
    closed = hr;
    CHECK_EQ(channel_close(&hr), OK, "cherr: close the receive end");
    CHECK_EQ(channel_rcv(&closed, buf, sizeof(buf)), ERR_BAD_HANDLE, "cherr: receive on a closed receive handle");
}

static void main_task(void)
{
    open_checks();
    handle_checks();
    /* With nothing open, HOLDER's handle number means nothing here. */
    struct message m;
    CHECK_EQ(ipc_recv(HOLDER, &m), OK, "cherr: learn HOLDER's handle number");
    channel_handle theirs = (channel_handle)m.words[0];
    uint8_t buf[8];
    CHECK_EQ(channel_rcv(&theirs, buf, sizeof(buf)), ERR_BAD_HANDLE, "cherr: receive on another task's handle");
    CHECK_EQ(channel_close(&theirs), ERR_BAD_HANDLE, "cherr: close another task's handle");
    channel_handle h;
    CHECK_EQ(channel_open(&h, PORT_HELD, CHANNEL_RECEIVE), ERR_IN_USE,
             "cherr: another task's end stays held after my attempts");
    m.type = MSG_USER;
    CHECK_EQ(ipc_send(SNOOP, &m), OK, "cherr: pass the handle number on");
    printf("cherr: main done\n");
}

static void holder(void)
{
    channel_handle h;
    CHECK_EQ(channel_open(&h, PORT_HELD, CHANNEL_RECEIVE), OK, "cherr: holder opens its end");
    struct message m = { .type = MSG_USER };
    m.words[0] = (uint32_t)h;
    CHECK_EQ(ipc_send(MAIN, &m), OK, "cherr: holder tells its handle number");
    CHECK_EQ(ipc_recv(SNOOP, &m), OK, "cherr: holder waits for the snoop");
    CHECK_EQ(channel_close(&h), OK, "cherr: holder's handle still works after the others tried it");
}

static void snoop(void)
{
    struct message m;
    CHECK_EQ(ipc_recv(MAIN, &m), OK, "cherr: snoop learns the handle number");
    channel_handle theirs = (channel_handle)m.words[0];
    uint8_t buf[8] = "x";
    CHECK_EQ(channel_send(&theirs, buf, 1), ERR_BAD_HANDLE, "cherr: a task with no channels: send on another's handle");
    CHECK_EQ(channel_rcv(&theirs, buf, sizeof(buf)), ERR_BAD_HANDLE, "cherr: a task with no channels: receive on another's handle");
    CHECK_EQ(channel_close(&theirs), ERR_BAD_HANDLE, "cherr: a task with no channels: close another's handle");
    CHECK_EQ(channel_open(&theirs, PORT_HELD, CHANNEL_SEND), ERR_NOT_PERMITTED, "cherr: a task with no grants opens nothing");
    m.type = MSG_USER;
    CHECK_EQ(ipc_send(HOLDER, &m), OK, "cherr: snoop is done");
}

int main(void)
{
    switch (task_self()) {
    case MAIN: main_task(); break;
    case HOLDER: holder(); break;
    case SNOOP: snoop(); break;
    default: printf("FAIL cherr: unexpected task id %d\n", task_self());
    }
    return 0;
}
