/* syscall.c - one C function per system call, over arch_syscall(). */
#include <baton.h>
#include <arch_syscall.h>

long syscall(long n, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
             uint32_t a5, uint32_t a6)
{
    uint32_t a[6] = { a1, a2, a3, a4, a5, a6 };
    return arch_syscall(n, a, NULL);
}

long console_write(const void *buf, size_t len)
{
    return syscall(SYS_CONSOLE_WRITE, (uintptr_t)buf, len, 0, 0, 0, 0);
}

noreturn void exit(int status)
{
    syscall(SYS_EXIT, (uint32_t)status, 0, 0, 0, 0, 0);
    for (;;)
        ;   /* not reached: the kernel never returns from SYS_EXIT */
}

error_t yield(void)
{
    return syscall(SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

task_t task_self(void)
{
    return arch_syscall0(SYS_TASK_SELF);
}

error_t sleep_ms(uint32_t ms)
{
    return syscall(SYS_SLEEP, ms, 0, 0, 0, 0, 0);
}

uint32_t uptime_ms(void)
{
    return (uint32_t)arch_syscall0(SYS_UPTIME);
}

long kobjects(int kind)
{
    return syscall(SYS_KOBJECTS, (uint32_t)kind, 0, 0, 0, 0, 0);
}

task_t task_spawn(const char *name, const char *program, int priority,
                  const struct task_grants *grants)
{
    struct task_spawn_req req;
    memset(&req, 0, sizeof(req));
    /* Too long a name is refused here: the kernel sees only what fits. */
    if (strlcpy(req.name, name, sizeof(req.name)) >= sizeof(req.name) ||
        strlcpy(req.program, program, sizeof(req.program)) >= sizeof(req.program))
        return ERR_INVALID_ARG;
    req.priority = priority;
    if (grants)
        req.grants = *grants;
    return syscall(SYS_TASK_SPAWN, (uintptr_t)&req, 0, 0, 0, 0, 0);
}

error_t task_kill(task_t id)
{
    return syscall(SYS_TASK_KILL, (uint32_t)id, 0, 0, 0, 0, 0);
}

error_t task_death(struct task_death *d)
{
    return syscall(SYS_TASK_DEATH, (uintptr_t)d, 0, 0, 0, 0, 0);
}
