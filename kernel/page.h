/* page.h - the physical page allocator: 4 KiB pages from one free list. */
#ifndef KERNEL_PAGE_H
#define KERNEL_PAGE_H

#include <stdint.h>
#include <stddef.h>

/* Hand the free range [start, end) to the allocator (page aligned). */
void page_init(uintptr_t start, uintptr_t end);
/* A zeroed page (its physical address, also a kernel pointer), or 0. */
uintptr_t page_alloc(void);
void page_free(uintptr_t pa);
/* Pages currently handed out: the leak checks compare this before/after. */
size_t page_used(void);
size_t page_free_count(void);

#endif
