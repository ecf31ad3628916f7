/* spawn.c - tasks made and ended at run time by a privileged task: the
 * system calls task_spawn, task_kill and task_death (docs/tasks.md). The
 * mechanisms themselves are task.c's: task_create, as at boot, and the one
 * teardown every death goes through. */
#include "task.h"
#include "vm.h"
#include <baton/string.h>
#include <baton/fmt.h>

/* A program built into the image, by name, or NULL. */
static const struct manifest_program *find_program(const char *name)
{
    for (int i = 0; i < manifest_program_count; i++)
        if (strcmp(manifest_programs[i].name, name) == 0)
            return &manifest_programs[i];
    return NULL;
}

/* Is s a NUL-terminated string of 1..size-1 characters? */
static bool string_ok(const char *s, size_t size)
{
    size_t n = 0;
    while (n < size && s[n])
        n++;
    return n > 0 && n < size;
}

/* Does the request ask for nothing the creator lacks? Privilege is a
 * grant like the others. */
static bool grants_within(const struct task_grants *g, const struct manifest_task *mine)
{
    return !(g->send_ports & ~mine->send_ports) &&
           !(g->recv_ports & ~mine->recv_ports) &&
           !(g->irqs & ~mine->irqs) &&
           (!(g->flags & TASK_PRIVILEGED) || mine->privileged);
}

/* Check a spawn request, and find its program. ERR_INVALID_ARG (a bad
 * name, priority or flag), ERR_NOT_PERMITTED (grants beyond the
 * creator's), ERR_NOT_FOUND (no such program in the image). */
static error_t check_request(struct task *me, const struct task_spawn_req *req,
                             const struct manifest_program **prog)
{
    if (!string_ok(req->name, sizeof(req->name)) ||
        !string_ok(req->program, sizeof(req->program)) ||
        req->priority < TASK_PRIO_MIN || req->priority > TASK_PRIO_MAX ||
        (req->grants.flags & ~TASK_PRIVILEGED))
        return ERR_INVALID_ARG;
    if (!grants_within(&req->grants, me->grants))
        return ERR_NOT_PERMITTED;
    *prog = find_program(req->program);
    return *prog ? OK : ERR_NOT_FOUND;
}

/* task_spawn: a new task running a program of the image, supervised by
 * its creator. Returns its id, or an error (check_request's,
 * ERR_NOT_PERMITTED for an unprivileged caller, ERR_BAD_ADDRESS,
 * ERR_TABLE_FULL, ERR_NO_MEMORY), with nothing left allocated. */
long task_sys_spawn(struct task *me, uintptr_t ureq)
{
    if (!me->grants->privileged)
        return ERR_NOT_PERMITTED;
    struct task_spawn_req req;
    if (vm_copy_from_user(me, &req, ureq, sizeof(req)) != OK)
        return ERR_BAD_ADDRESS;
    const struct manifest_program *prog;
    error_t err = check_request(me, &req, &prog);
    if (err != OK)
        return err;
    struct manifest_task m = {
        .name = req.name, .elf = prog->elf, .elf_end = prog->elf_end,
        .priority = req.priority, .send_ports = req.grants.send_ports,
        .recv_ports = req.grants.recv_ports, .irqs = req.grants.irqs,
        .privileged = req.grants.flags & TASK_PRIVILEGED,
    };
    struct task *t;
    err = task_create(&m, &t);
    if (err != OK)
        return err;
    /* Its grants live in its own slot (req is on our stack). */
    t->spawned = m;
    t->spawned.name = t->name;
    t->grants = &t->spawned;
    t->supervisor = me->id;
    return t->id;
}

/* task_kill: end task id as a fault would. ERR_NOT_PERMITTED,
 * ERR_INVALID_TASK (yourself or the kernel: exit() ends yourself),
 * ERR_NOT_FOUND (no such task, or a stale id). */
error_t task_sys_kill(struct task *me, task_t id)
{
    if (!me->grants->privileged)
        return ERR_NOT_PERMITTED;
    if (id == me->id || id == 0)
        return ERR_INVALID_TASK;
    struct task *t = task_lookup(id);
    if (!t)
        return ERR_NOT_FOUND;
    char why[40];
    fmt_snprintf(why, sizeof(why), "by task %d (%s)", me->id, me->name);
    task_kill(t, why);
    return OK;
}

/* task_death: the record of one task that died under my supervision
 * (the lowest slot first), copied to uinfo; its slot is then free. OK,
 * ERR_EMPTY (none), ERR_NOT_PERMITTED, ERR_BAD_ADDRESS (nothing read). */
error_t task_sys_death(struct task *me, uintptr_t uinfo)
{
    if (!me->grants->privileged)
        return ERR_NOT_PERMITTED;
    if (!vm_user_ok(me, uinfo, sizeof(struct task_death), true))
        return ERR_BAD_ADDRESS;
    for (int slot = 1; slot < TASK_MAX; slot++) {
        struct task *t = &task_table[slot];
        if (t->state == TASK_DEAD && t->supervisor == me->id) {
            vm_copy_to_user(me, uinfo, &t->death, sizeof(t->death));
            task_release(t);
            return OK;
        }
    }
    return ERR_EMPTY;
}

/* Boot: the tasks of the manifest are supervised by its first privileged
 * task (if it has one), which hears of their deaths as of its own
 * children's. */
void task_boot_supervisor(void)
{
    struct task *sup = NULL;
    for (int slot = 1; slot < TASK_MAX && !sup; slot++)
        if (task_at(slot) && task_table[slot].grants->privileged)
            sup = &task_table[slot];
    for (int slot = 1; sup && slot < TASK_MAX; slot++)
        if (task_at(slot) && &task_table[slot] != sup)
            task_table[slot].supervisor = sup->id;
}
