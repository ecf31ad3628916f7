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

/* The kernel address of the user page at va (page aligned) in t, if t may
 * access it with every permission in need; NULL otherwise. A device's
 * registers are never a buffer: a copy would read (and so consume) them. */
static unsigned char *user_page(struct task *t, uintptr_t va, unsigned need)
{
    if (va == USER_UART)
        return NULL;
    unsigned flags = 0;
    uintptr_t pa = arch_vm_lookup(&t->vm, va, &flags);
    return pa && (flags & need) == need ? (unsigned char *)pa : NULL;
}

static unsigned user_need(bool write)
{
    return VM_USER | (write ? VM_WRITE : VM_READ);
}

bool vm_user_ok(struct task *t, uintptr_t va, size_t len, bool write)
{
    if (len == 0)
        return true;
    if (!in_user_space(va, len))
        return false;
    for (uintptr_t p = PAGE_DOWN(va); p < va + len; p += PAGE_SIZE)
        if (!user_page(t, p, user_need(write)))
            return false;
    return true;
}

/* Copy len bytes between kernel buffer k and user address u of t: all of
 * it, or nothing and ERR_BAD_ADDRESS. A range inside one page (a message,
 * a small transfer) takes a single page-table walk; a longer one is checked
 * whole first, then copied one page piece at a time. */
static error_t copy_user(struct task *t, uintptr_t u, void *k, size_t len,
                         bool to_user)
{
    size_t off = u % PAGE_SIZE;
    if (len <= PAGE_SIZE - off && len > 0 && in_user_space(u, len)) {
        unsigned char *up = user_page(t, u - off, user_need(to_user));
        if (!up)
            return ERR_BAD_ADDRESS;
        to_user ? memcpy(up + off, k, len) : memcpy(k, up + off, len);
        return OK;
    }
    if (!vm_user_ok(t, u, len, to_user))
        return ERR_BAD_ADDRESS;
    unsigned char *kp = k;
    while (len > 0) {
        off = u % PAGE_SIZE;
        size_t n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        unsigned char *up = user_page(t, u - off, user_need(to_user)) + off;
        to_user ? memcpy(up, kp, n) : memcpy(kp, up, n);
        u += n;
        kp += n;
        len -= n;
    }
    return OK;
}

error_t vm_copy_from_user(struct task *t, void *dst, uintptr_t src, size_t len)
{
    return copy_user(t, src, dst, len, false);
}

error_t vm_copy_to_user(struct task *t, uintptr_t dst, const void *src, size_t len)
{
    return copy_user(t, dst, (void *)src, len, true);
}

void *vm_user_ptr(struct task *t, uintptr_t va, size_t len, bool write)
{
    size_t off = va % PAGE_SIZE;
    if (len == 0 || len > PAGE_SIZE - off || !in_user_space(va, len))
        return NULL;
    unsigned char *page = user_page(t, va - off, user_need(write));
    return page ? page + off : NULL;
}
