/* kinfo.c - the kernel info page (<baton/kinfo.h>): what user code may read
 * of the kernel's state without a system call. */
#include "kinfo.h"
#include "arch.h"
#include "page.h"
#include "task.h"
#include "printk.h"

struct kinfo *kinfo;

void kinfo_init(void)
{
    uintptr_t pa = page_alloc();      /* zeroed */
    if (!pa)
        panic("kinfo_init: no memory for the kernel info page");
    kinfo = (struct kinfo *)pa;
    kinfo->version = KINFO_VERSION;
}

error_t kinfo_map(struct task *t)
{
    return arch_vm_map(&t->vm, USER_KINFO, (uintptr_t)kinfo, VM_READ | VM_USER);
}
