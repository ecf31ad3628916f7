/* vm.c - user memory. The kernel maps all physical memory 1:1, so it reaches
 * a task's page through its physical address: this works for any task, not
 * just the current one (IPC copies between two address spaces). */
#include "vm.h"
#include "arch.h"
#include "page.h"
#include "task.h"
#include <baton/string.h>

#define PAGE_DOWN(a) ((a) & ~(uintptr_t)(PAGE_SIZE - 1))

error_t vm_alloc_range(struct task *t, uintptr_t va, size_t len, unsigned flags)
{
    for (uintptr_t p = PAGE_DOWN(va); p < va + len; p += PAGE_SIZE) {
        uintptr_t pa = page_alloc();
        if (!pa)
            return ERR_NO_MEMORY;
        error_t err = arch_vm_map(&t->vm, p, pa, flags | VM_USER);
        if (err != OK) {
            page_free(pa);
            return err;
        }
    }
    return OK;
}

void vm_free_range(struct task *t, uintptr_t va, size_t len)
{
    for (uintptr_t p = PAGE_DOWN(va); p < va + len; p += PAGE_SIZE) {
        uintptr_t pa = arch_vm_unmap(&t->vm, p);
        if (pa)
            page_free(pa);
    }
}

/* Is [va, va+len) within user space, without wrapping around? */
static bool in_user_space(uintptr_t va, size_t len)
{
    return va >= USER_BASE && va <= USER_END && len <= USER_END - va;
}

bool vm_user_ok(struct task *t, uintptr_t va, size_t len, bool write)
{
    if (len == 0)
        return true;
    if (!in_user_space(va, len))
        return false;
    unsigned need = VM_USER | (write ? VM_WRITE : VM_READ);
    for (uintptr_t p = PAGE_DOWN(va); p < va + len; p += PAGE_SIZE) {
        unsigned flags = 0;
        if (!arch_vm_lookup(&t->vm, p, &flags) || (flags & need) != need)
            return false;
    }
    return true;
}

/* Copy len bytes between kernel buffer k and user address u of t, one page
 * piece at a time; the range was validated by the caller. */
static void copy_user(struct task *t, uintptr_t u, void *k, size_t len, bool to_user)
{
    unsigned char *kp = k;
    while (len > 0) {
        size_t off = u % PAGE_SIZE;
        size_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        unsigned flags;
        unsigned char *up = (unsigned char *)arch_vm_lookup(&t->vm, u - off, &flags) + off;
        if (to_user)
            memcpy(up, kp, n);
        else
            memcpy(kp, up, n);
        u += n;
        kp += n;
        len -= n;
    }
}

error_t vm_copy_from_user(struct task *t, void *dst, uintptr_t src, size_t len)
{
    if (!vm_user_ok(t, src, len, false))
        return ERR_BAD_ADDRESS;
    copy_user(t, src, dst, len, false);
    return OK;
}

error_t vm_copy_to_user(struct task *t, uintptr_t dst, const void *src, size_t len)
{
    if (!vm_user_ok(t, dst, len, true))
        return ERR_BAD_ADDRESS;
    copy_user(t, dst, (void *)src, len, true);
    return OK;
}
