/* source.c - opening and reading the stream's sources (source.h). */
#include "source.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void source_init(struct tv_source *s, enum tv_source_kind kind)
{
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->fd = s->wfd = s->errfd = -1;
}

static void nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

int tv_source_open_file(struct tv_source *s, const char *path)
{
    bool is_stdin = strcmp(path, "-") == 0;
    source_init(s, is_stdin ? TV_SRC_STDIN : TV_SRC_FILE);
    s->fd = is_stdin ? 0 : open(path, O_RDONLY);
    struct stat st;
    if (s->fd < 0 || fstat(s->fd, &st) != 0) {
        fprintf(stderr, "baton-trace: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "baton-trace: %s is a directory, not a trace\n", path);
        close(s->fd);
        s->fd = -1;
        return -1;
    }
    snprintf(s->name, sizeof(s->name), "%s", is_stdin ? "stdin" : path);
    if (is_stdin)
        nonblocking(0);         /* a pipe: the viewer must not hang on it */
    return 0;
}

/* The child's side: its three pipes on 0, 1, 2, then the program. */
static void child(int in[2], int out[2], int err[2], char *const argv[])
{
    setpgid(0, 0);              /* quitting the viewer ends the whole group */
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int i = 0; i < 2; i++) {
        close(in[i]);
        close(out[i]);
        close(err[i]);
    }
    signal(SIGPIPE, SIG_DFL);
    execvp(argv[0], argv);
    fprintf(stderr, "baton-trace: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int tv_source_open_command(struct tv_source *s, char *const argv[])
{
    source_init(s, TV_SRC_COMMAND);
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err)) {
        fprintf(stderr, "baton-trace: pipe: %s\n", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "baton-trace: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0)
        child(in, out, err, argv);
    setpgid(pid, pid);          /* both sides, whichever runs first */
    close(in[0]);
    close(out[1]);
    close(err[1]);
    s->pid = pid;
    s->fd = out[0];
    s->wfd = in[1];
    s->errfd = err[0];
    nonblocking(s->fd);
    nonblocking(s->errfd);
    signal(SIGPIPE, SIG_IGN);   /* writing to a program that is gone: EPIPE */
    int n = snprintf(s->name, sizeof(s->name), "%s", argv[0]);
    for (int i = 1; argv[i] && n < (int)sizeof(s->name); i++)
        n += snprintf(s->name + n, sizeof(s->name) - (size_t)n, " %s", argv[i]);
    return 0;
}

/* ---- sockets ---- */

static int connect_unix(const char *path)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(a.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(a.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static int connect_tcp(const char *where)
{
    char host[128];
    const char *colon = strrchr(where, ':');
    size_t n = (size_t)(colon - where);
    if (n >= sizeof(host))
        n = sizeof(host) - 1;
    memcpy(host, where, n);
    host[n] = '\0';
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res;
    int rc = getaddrinfo(n ? host : "localhost", colon + 1, &hints, &res);
    if (rc != 0) {
        errno = EHOSTUNREACH;
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            int e = errno;
            close(fd);
            fd = -1;
            errno = e;
        }
    }
    freeaddrinfo(res);
    return fd;
}

int tv_source_open_connect(struct tv_source *s, const char *where, int wait_s)
{
    source_init(s, TV_SRC_SOCKET);
    bool is_path = strchr(where, '/') || !strchr(where, ':');
    for (int tries = 0; ; tries++) {
        s->fd = is_path ? connect_unix(where) : connect_tcp(where);
        if (s->fd >= 0 || tries >= wait_s * 10 ||
            (errno != ECONNREFUSED && errno != ENOENT))
            break;
        nanosleep(&(struct timespec){ 0, 100000000 }, NULL);   /* QEMU may be starting */
    }
    if (s->fd < 0) {
        fprintf(stderr, "baton-trace: cannot connect to %s: %s\n", where, strerror(errno));
        return -1;
    }
    s->wfd = s->fd;
    nonblocking(s->fd);
    signal(SIGPIPE, SIG_IGN);
    snprintf(s->name, sizeof(s->name), "%s", where);
    return 0;
}

/* ---- reading and writing ---- */

static long read_fd(int *fd, uint8_t *buf, size_t n)
{
    if (*fd < 0)
        return -1;
    ssize_t got = read(*fd, buf, n);
    if (got > 0)
        return got;
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (*fd > 2)
        close(*fd);
    *fd = -1;                   /* end of file, or an error: the end either way */
    return -1;
}

long tv_source_read(struct tv_source *s, uint8_t *buf, size_t n)
{
    return read_fd(&s->fd, buf, n);
}

long tv_source_read_err(struct tv_source *s, uint8_t *buf, size_t n)
{
    return read_fd(&s->errfd, buf, n);
}

bool tv_source_write(struct tv_source *s, const void *p, size_t n)
{
    const char *c = p;
    while (s->wfd >= 0 && n > 0) {
        ssize_t w = write(s->wfd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        c += w;
        n -= (size_t)w;
    }
    return s->wfd >= 0;
}

bool tv_source_reap(struct tv_source *s)
{
    if (!s->pid || s->exited)
        return s->exited;
    int st;
    if (waitpid(s->pid, &st, WNOHANG) != s->pid)
        return false;
    s->exited = true;
    s->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return true;
}

/* ---- ending the program: its whole tree ----
 * A program may put its own children in other process groups (GNU timeout
 * does, and scripts/qemu.sh runs QEMU under it), so killing our child's
 * group is not enough: every descendant is found in /proc and signalled by
 * its id. */

/* Field `field` (4: the parent, 7: the controlling terminal) of
 * /proc/PID/stat ("self" for pid 0); 0 if unknown. */
static int proc_stat_field(pid_t pid, int field)
{
    char path[64], buf[512];
    if (pid)
        snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    else
        snprintf(path, sizeof(path), "/proc/self/stat");
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');  /* the name may hold spaces */
    int v = 0;
    for (int i = 2; p && i < field; i++)    /* field 2 ends at the ')' */
        p = strchr(p + 1, ' ');
    if (!p || sscanf(p + 1, "%d", &v) != 1)
        return 0;
    return v;
}

/* The parent of process pid; 0 if unknown. */
static pid_t parent_of(pid_t pid)
{
    return (pid_t)proc_stat_field(pid, 4);
}

/* Signal every descendant of root (not root itself). */
static void signal_descendants(pid_t root, int sig)
{
    pid_t tree[256] = { root };
    int n = 1;
    DIR *d = opendir("/proc");
    if (!d)
        return;
    /* Parents come before children in the list, so a few passes find
     * grandchildren too. */
    for (int pass = 0; pass < 4; pass++) {
        struct dirent *e;
        rewinddir(d);
        while ((e = readdir(d)) && n < 256) {
            pid_t pid = (pid_t)atoi(e->d_name), pp;
            if (pid <= 0 || (pp = parent_of(pid)) == 0)
                continue;
            bool known = false, parent_in = false;
            for (int i = 0; i < n; i++) {
                known |= tree[i] == pid;
                parent_in |= tree[i] == pp;
            }
            if (parent_in && !known)
                tree[n++] = pid;
        }
    }
    closedir(d);
    for (int i = 1; i < n; i++)
        kill(tree[i], sig);
}

void tv_source_close(struct tv_source *s)
{
    if (s->fd > 2)
        close(s->fd);
    if (s->wfd > 2 && s->wfd != s->fd)
        close(s->wfd);
    if (s->errfd > 2)
        close(s->errfd);
    s->fd = s->wfd = s->errfd = -1;
    if (s->pid && !tv_source_reap(s)) {
        signal_descendants(s->pid, SIGTERM);
        kill(-s->pid, SIGTERM);
        for (int i = 0; i < 20 && !tv_source_reap(s); i++)
            nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
        if (!tv_source_reap(s)) {
            signal_descendants(s->pid, SIGKILL);
            kill(-s->pid, SIGKILL);
            waitpid(s->pid, NULL, 0);
            s->exited = true;
            s->status = 128 + SIGKILL;
        }
    }
}

void tv_source_attached(struct tv_source *s, bool events_without_names)
{
    static const char ask[] = "\x1b_BS\x1b\\";
    if (s->kind != TV_SRC_SOCKET || s->asked || !events_without_names)
        return;
    s->asked = true;
    tv_source_write(s, ask, sizeof(ask) - 1);
}

/* ---- a shell pipe's writer ---- */

/* The number of the pipe on standard input ("pipe:[N]"), 0 if it is none. */
static unsigned long stdin_pipe(void)
{
    struct stat st;
    if (fstat(0, &st) != 0 || !S_ISFIFO(st.st_mode))
        return 0;
    return (unsigned long)st.st_ino;
}

/* True if /proc/pid/fd/1 is pipe `ino` and /proc/pid/fd/2 the terminal `tty`. */
static bool writes_pipe_errs_on(const char *pid, unsigned long ino, dev_t tty)
{
    char path[64], link[64], want[40];
    struct stat st;
    snprintf(path, sizeof(path), "/proc/%s/fd/1", pid);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n <= 0)
        return false;
    link[n] = '\0';
    snprintf(want, sizeof(want), "pipe:[%lu]", ino);
    if (strcmp(link, want) != 0)
        return false;
    snprintf(path, sizeof(path), "/proc/%s/fd/2", pid);
    return stat(path, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == tty;
}

bool tv_source_writer_stderr_on(const struct tv_source *s)
{
    /* tty_nr: the minor in bits 0-7 and 20-31, the major in bits 8-19 */
    unsigned tty_nr = (unsigned)proc_stat_field(0, 7);
    dev_t tty = makedev((tty_nr >> 8) & 0xfff, (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00));
    unsigned long ino = s->kind == TV_SRC_STDIN ? stdin_pipe() : 0;
    if (!ino || !tty_nr)
        return false;
    DIR *d = opendir("/proc");
    bool found = false;
    struct dirent *e;
    while (d && !found && (e = readdir(d)))
        found = e->d_name[0] >= '1' && e->d_name[0] <= '9' && writes_pipe_errs_on(e->d_name, ino, tty);
    if (d)
        closedir(d);
    return found;
}
