/* page.c - the physical page allocator: a singly linked free list threaded
 * through the free pages themselves, so it needs no memory of its own. */
#include "page.h"
#include "printk.h"
#include <baton/string.h>
#include "arch.h"

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static size_t pages_free, pages_used;

void page_init(uintptr_t start, uintptr_t end)
{
    start = (start + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
    end &= ~(uintptr_t)(PAGE_SIZE - 1);
    /* Push from the top down so that page_alloc() hands out low pages first:
     * addresses in a trace or in GDB then look alike from run to run. */
    for (uintptr_t pa = end; pa > start; pa -= PAGE_SIZE) {
        struct free_page *p = (struct free_page *)(pa - PAGE_SIZE);
        p->next = free_list;
        free_list = p;
        pages_free++;
    }
}

uintptr_t page_alloc(void)
{
    struct free_page *p = free_list;
    if (!p)
        return 0;
    free_list = p->next;
    pages_free--;
    pages_used++;
    memset(p, 0, PAGE_SIZE);
    return (uintptr_t)p;
}

void page_free(uintptr_t pa)
{
    ASSERT(pa && pa % PAGE_SIZE == 0 && pages_used > 0);
    struct free_page *p = (struct free_page *)pa;
    p->next = free_list;
    free_list = p;
    pages_free++;
    pages_used--;
}

size_t page_used(void)
{
    return pages_used;
}

size_t page_free_count(void)
{
    return pages_free;
}
