/* uart.c - the UART from user space: a granted driver's registers, the
 * console input server that driver runs, and console_read(), which asks
 * the kernel or that server (docs/interrupts.md, "The life of a keypress"). */
#include <baton.h>
#include <arch_syscall.h>

uint8_t uart_reg_read(int reg)
{
    return arch_uart_read(reg);
}

void uart_reg_write(int reg, uint8_t v)
{
    arch_uart_write(reg, v);
}

/* ---- the client side ---- */

long console_server_read(task_t drv, void *buf, size_t len)
{
    if (len == 0)
        return 0;                       /* as the kernel answers */
    struct message m;
    bzero(&m, sizeof(m));
    m.type = CONSOLE_READ_MSG;
    m.words[0] = len < CONSOLE_READ_MAX ? (uint32_t)len : CONSOLE_READ_MAX;
    error_t err = ipc_call(drv, &m);
    if (err != OK)
        return err;
    long n = (int32_t)m.words[0];
    if (n > (long)len || n > CONSOLE_READ_MAX)
        return ERR_TOO_LARGE;           /* not a server we know */
    if (n > 0)
        memcpy(buf, m.raw + 4, (size_t)n);
    return n;
}

/* The driver, if a task holds the UART (the kernel info page says which);
 * else the kernel. A reader blocked in the kernel when a driver comes
 * wakes with ERR_IN_USE, and asks the driver; a driver that dies during
 * the call (ERR_ABORTED) has given the UART back to the kernel. */
long console_read(void *buf, size_t len)
{
    for (;;) {
        task_t drv = (task_t)KINFO->console_driver;
        if (drv != 0) {
            long n = console_server_read(drv, buf, len);
            if (n != ERR_ABORTED && n != ERR_NOT_FOUND)
                return n;
            continue;
        }
        long n = syscall(SYS_CONSOLE_READ, (uintptr_t)buf, len, 0, 0, 0, 0);
        if (n != ERR_IN_USE || KINFO->console_driver == 0)
            return n;
    }
}

/* ---- the server: the driver's side ---- */

#define RING 256                /* bytes read, not yet given to a reader */
#define CHUNK 16                /* read per trace_host_rx call */

static struct {
    char ring[RING];
    unsigned head, tail;        /* free-running; head - tail = count */
    struct { task_t who; uint32_t want; } readers[TASK_MAX];
    unsigned nreaders;          /* waiting for bytes, in order of arrival */
    bool masked;                /* notified: the line waits for our irq_ack */
} srv;

/* Take the line; then what the kernel buffered before, typed before the
 * driver came, goes first into the ring (the kernel buffers no more). */
error_t console_server_init(void)
{
    error_t err = irq_acquire(IRQ_UART);
    if (err != OK)
        return err;
    char c;
    while (RING - (srv.head - srv.tail) > 0 &&
           syscall(SYS_CONSOLE_READ, (uintptr_t)&c, 1, 0, 0, 0, 0) == 1)
        srv.ring[srv.head++ % RING] = c;
    return OK;
}

/* Read the receive register until it is empty, let the kernel take out the
 * host's commands, keep the rest; then acknowledge the line. If the ring
 * fills first, the line stays masked and the bytes wait in the UART (QEMU
 * holds back what the UART cannot take): drain() runs again once a reader
 * has made room. */
static void drain(void)
{
    while (RING - (srv.head - srv.tail) >= CHUNK + 2) {
        char chunk[CHUNK + 2];
        size_t n = 0;
        while (n < CHUNK && (uart_reg_read(UART_LSR) & UART_LSR_RX_READY))
            chunk[n++] = (char)uart_reg_read(UART_RBR);
        if (n == 0) {
            srv.masked = false;
            irq_ack(IRQ_UART);
            return;
        }
        long kept = trace_host_rx(chunk, n, sizeof(chunk));
        for (long i = 0; i < kept; i++)
            srv.ring[srv.head++ % RING] = chunk[i];
    }
}

/* Answer the readers in order while there are bytes. A reply to a reader
 * that has died fails: its bytes stay for the next. */
static void serve(void)
{
    while (srv.nreaders > 0 && srv.head != srv.tail) {
        struct message m;
        bzero(&m, sizeof(m));
        m.type = CONSOLE_READ_MSG;
        uint32_t n = 0;
        for (; n < srv.readers[0].want && srv.tail + n != srv.head; n++)
            m.raw[4 + n] = (uint8_t)srv.ring[(srv.tail + n) % RING];
        m.words[0] = n;
        if (ipc_reply(srv.readers[0].who, &m) == OK)
            srv.tail += n;
        srv.nreaders--;
        memmove(&srv.readers[0], &srv.readers[1], srv.nreaders * sizeof(srv.readers[0]));
    }
}

/* A read request: queued, or answered at once if it is malformed. */
static void request(const struct message *m)
{
    struct message r;
    bzero(&r, sizeof(r));
    r.type = CONSOLE_READ_MSG;
    uint32_t want = m->words[0];
    if (want == 0 || want > CONSOLE_READ_MAX || srv.nreaders == TASK_MAX) {
        r.words[0] = (uint32_t)(srv.nreaders == TASK_MAX ? ERR_QUEUE_FULL : ERR_INVALID_ARG);
        ipc_reply(m->src, &r);
        return;
    }
    srv.readers[srv.nreaders].who = m->src;
    srv.readers[srv.nreaders].want = want;
    srv.nreaders++;
}

/* One message: an interrupt, a read, or (left to the caller, in *m) a
 * message of another type. m may be NULL. */
error_t console_server_once(struct message *m)
{
    struct message own;
    if (!m)
        m = &own;
    bzero(m, sizeof(*m));
    error_t err = ipc_recv(IPC_ANY, m);
    if (err != OK)
        return err;
    if (m->type == NOTIFICATIONS_MSG && (m->notifications.data & NOTIFY_IRQ))
        srv.masked = true;
    else if (m->type == CONSOLE_READ_MSG)
        request(m);
    if (srv.masked)
        drain();
    serve();
    if (srv.masked)
        drain();                /* serve() made room */
    return OK;
}

noreturn void console_server_run(void)
{
    error_t err = console_server_init();
    if (err != OK) {
        printf("uart: irq_acquire: %s\n", err2str(err));
        exit(1);
    }
    for (;;)
        console_server_once(NULL);
}
