/* vm.h - user memory: mapping fresh pages into a task, and every copy between
 * the kernel and a task's memory, each one validated page by page. */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <baton/error.h>

struct task;

/* Map zeroed pages over [va, va+len) in t with VM_* flags (VM_USER added). */
error_t vm_alloc_range(struct task *t, uintptr_t va, size_t len, unsigned flags);
/* Unmap [va, va+len) in t and free the pages that were mapped there. */
void vm_free_range(struct task *t, uintptr_t va, size_t len);

/* Is [va, va+len) inside user space and mapped for the user (and writable,
 * if write)? A zero-length range is valid anywhere. */
bool vm_user_ok(struct task *t, uintptr_t va, size_t len, bool write);
/* Copy between kernel memory and t's user memory. ERR_BAD_ADDRESS, and
 * nothing copied, unless the whole user range is valid. */
error_t vm_copy_from_user(struct task *t, void *dst, uintptr_t src, size_t len);
error_t vm_copy_to_user(struct task *t, uintptr_t dst, const void *src, size_t len);

/* The kernel's address (in its 1:1 map of physical memory) of the user
 * range [va, va+len) of t, if the range lies inside one page and t may read
 * it (and write it, if write); NULL otherwise. The pointer stays valid as
 * long as t lives: a task's pages are only unmapped when it dies. IPC uses
 * it to copy a message once, straight from sender to receiver. */
void *vm_user_ptr(struct task *t, uintptr_t va, size_t len, bool write);

#endif
