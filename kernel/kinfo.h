/* kinfo.h - the kernel side of the kernel info page (<baton/kinfo.h>): one
 * page, allocated at boot, that the kernel writes and every task maps
 * read-only at USER_KINFO. */
#ifndef KERNEL_KINFO_H
#define KERNEL_KINFO_H

#include <baton/kinfo.h>
#include <baton/error.h>

struct task;

/* The page, as the kernel writes it; NULL before kinfo_init(). */
extern struct kinfo *kinfo;

/* Allocate and fill the page; once, at boot, before any task. */
void kinfo_init(void);
/* Map it read-only into t. The page is the kernel's: t's death unmaps it
 * with the rest of its address space but never frees it. */
error_t kinfo_map(struct task *t);

#endif
