/* ustack.c (sim) - the user stack in the window. Every task has its stack
 * at the same addresses, so no mapping can leave them all in place: the
 * window's stack pages are memory of their own, and hold the current
 * task's stack, copied in and out as little as exactness allows.
 *
 * Who holds the truth of a stack page: the window while user code runs,
 * the task's own page (its "frame") while the kernel uses it. The kernel
 * reaches user memory only through arch_vm_lookup, and keeps what it got
 * no longer than the system call that got it; so a page is copied out
 * when the kernel looks it up (it is "lent"), and copied back before the
 * task's user code runs again. At a switch to another task, the pages the
 * old one may have written go back to its frames, and the new one's come
 * in, except pages known to be all zeros on both sides: the lower pages of
 * a stack are mostly never used. Which lower pages user code writes is
 * caught by keeping them read-only until the first write (sim/fault.c
 * calls sim_ustack_write_fault); a task that wrote one is no longer
 * watched there. The top page is always assumed written. */
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define LO     SIM_USTACK_LO
#define PAGES  SIM_USTACK_PAGES
#define TOP    (PAGES - 1)                   /* the page the stack starts in */
#define RW     (PROT_READ | PROT_WRITE)

static struct arch_vm *owner;         /* whose stack the window holds, or NULL */
static unsigned char *frame[PAGES];   /* its pages, as the kernel reaches them */
static int vm_prot[PAGES];            /* what its table allows each page */
static int prot[PAGES];               /* the window's protection of each page */
static unsigned dirty;    /* bit p: the window's page p may be newer than the frame */
static unsigned lent;     /* bit p: the kernel has the frame: it may be newer */
static unsigned zero;     /* bit p: the window's page p holds zeros */

static unsigned char *page(unsigned p)
{
    return (unsigned char *)(uintptr_t)LO + (size_t)p * PAGE_SIZE;
}

static void protect(unsigned p, int want)
{
    if (prot[p] != want && mprotect(page(p), PAGE_SIZE, want) != 0)
        sim_die("protecting the user stack");
    prot[p] = want;
}

/* Copy a page; true if it was all zeros. The top page is never known to
 * be zeros (it is always taken as written): a plain copy will do. */
static bool copy_page(unsigned p, void *dst, const void *src)
{
    if (p == TOP) {
        memcpy(dst, src, PAGE_SIZE);
        return false;
    }
    uint64_t *d = dst, any = 0;
    const uint64_t *s = src;
    for (size_t i = 0; i < PAGE_SIZE / sizeof(uint64_t); i++) {
        d[i] = s[i];
        any |= s[i];
    }
    return any == 0;
}

static void set_bit(unsigned *mask, unsigned p, bool on)
{
    *mask = on ? *mask | 1u << p : *mask & ~(1u << p);
}

/* The owner's pages that only the window has right go back to its frames. */
static void give_back(void)
{
    for (unsigned p = 0; owner && p < PAGES; p++)
        if ((dirty & ~lent) >> p & 1)
            set_bit(&owner->stack_zero, p, copy_page(p, frame[p], page(p)));
    owner = NULL;
    dirty = lent = 0;
}

/* Page p of the window gets vm's frame (unless both are zeros). */
static void load(struct arch_vm *vm, unsigned p)
{
    if ((zero & vm->stack_zero) >> p & 1)
        return;
    protect(p, RW);
    bool z = copy_page(p, page(p), frame[p]);
    set_bit(&zero, p, z);
    set_bit(&vm->stack_zero, p, z);
}

/* After a load: a lower writable page stays read-only until user code
 * writes it, unless this task wrote it before (it is "hot": then it would
 * only cost a fault each time); the top page is taken as written, and
 * pages taken as written are not known to be zeros. */
static void arm(struct arch_vm *vm, unsigned p)
{
    bool watch = p != TOP && vm_prot[p] == RW && !(vm->stack_hot >> p & 1);
    protect(p, watch ? PROT_READ : vm_prot[p]);
    set_bit(&dirty, p, vm_prot[p] == RW && !watch);
    if (dirty >> p & 1)
        set_bit(&zero, p, false);
}

/* A different task's user code is about to run: the window takes its stack. */
static void switch_to(struct arch_vm *vm)
{
    give_back();
    const uint32_t *leaf = sim_vm_leaf(vm, LO >> 22);
    for (unsigned p = 0; p < PAGES; p++) {
        uint32_t e = leaf ? leaf[(LO >> 12) % 1024 + p] : 0;
        bool shown = (e & SIM_E_VALID) && (e & VM_USER) && (e & (VM_READ | VM_WRITE));
        vm_prot[p] = !shown ? PROT_NONE : e & VM_WRITE ? RW : PROT_READ;
        frame[p] = shown ? (unsigned char *)sim_entry_pa(e) : NULL;
        if (shown)
            load(vm, p);
        arm(vm, p);
    }
    owner = vm;
}

/* Before vm's user code runs: after a system call of the same task, only
 * the pages the kernel had come back; else the whole stack switches. */
void sim_ustack_show(struct arch_vm *vm)
{
    if (owner != vm) {
        switch_to(vm);
        return;
    }
    for (unsigned p = 0; p < PAGES; p++) {
        if (lent >> p & 1) {
            protect(p, RW);
            memcpy(page(p), frame[p], PAGE_SIZE);
            protect(p, vm_prot[p]);      /* no longer watched for writes */
            set_bit(&dirty, p, vm_prot[p] == RW);
            set_bit(&zero, p, false);
        }
    }
    lent = 0;
}

/* The kernel looks up vm's stack page at va (sim/vm.c): it gets the frame,
 * so the frame gets what the window has. Until vm's user code runs again,
 * the frame is the truth. */
void sim_ustack_lend(struct arch_vm *vm, uintptr_t va)
{
    unsigned p = (unsigned)((va - LO) / PAGE_SIZE);
    set_bit(&vm->stack_zero, p, false);       /* the kernel may write it */
    if (vm != owner || (lent >> p & 1))
        return;
    if (dirty >> p & 1)
        memcpy(frame[p], page(p), PAGE_SIZE);
    set_bit(&dirty, p, false);
    set_bit(&lent, p, true);
}

/* A write fault at addr (from the signal handler): if it is a lower stack
 * page kept read-only to see whether it is written, it is now: make it
 * writable and let the write happen. False if the fault is another one. */
bool sim_ustack_write_fault(uintptr_t addr)
{
    if (addr < LO || addr >= LO + PAGES * PAGE_SIZE || !owner)
        return false;
    unsigned p = (unsigned)((addr - LO) / PAGE_SIZE);
    if (prot[p] != PROT_READ || vm_prot[p] != RW)
        return false;
    if (mprotect(page(p), PAGE_SIZE, RW) != 0)
        abort();                  /* in a signal handler: no sim_die */
    prot[p] = RW;
    set_bit(&dirty, p, true);
    set_bit(&owner->stack_hot, p, true);
    set_bit(&zero, p, false);
    return true;
}

/* vm's task is dying (NULL: whichever the window holds): what the window
 * has of its stack is dropped, not copied to pages about to be freed. */
void sim_ustack_drop(struct arch_vm *vm)
{
    if (!vm || vm == owner) {
        owner = NULL;
        dirty = lent = 0;
    }
}

/* Before a run: the window's stack pages are fresh zeros, shown to no one. */
void sim_ustack_reset(void)
{
    owner = NULL;
    dirty = lent = 0;
    zero = (1u << PAGES) - 1;
    for (unsigned p = 0; p < PAGES; p++)
        prot[p] = vm_prot[p] = PROT_NONE;
}
