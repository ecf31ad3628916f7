/* vm.c (i386) - two-level paging: each of the 1024 page-directory entries
 * maps 4 MiB, directly (a PSE page: the kernel's 1:1 map of RAM) or through
 * a page table of 1024 entries for 4 KiB pages (user memory, and the 4 MiB
 * that holds the boot stack, to leave the guard page below it unmapped). */
#include "arch.h"
#include <baton/ipc.h>
#include "page.h"
#include "printk.h"
#include <baton/types.h>
#include "i386.h"
#include "x86.h"
#include "bootarg.h"
#include "kinfo.h"

#define PTE_P    0x001        /* present */
#define PTE_W    0x002        /* writable */
#define PTE_U    0x004        /* user mode may use it */
#define PTE_PS   0x080        /* in a directory entry: a 4 MiB page */
#define PTE_G    0x100        /* global: kept in the TLB when CR3 changes */
#define PTE_ADDR 0xfffff000u  /* the physical page (or page table) address */

#define CR0_WP   (1u << 16)   /* the kernel, too, must respect read-only pages */
#define CR0_PG   (1u << 31)   /* paging on */
#define CR4_PSE  (1u << 4)    /* allow 4 MiB pages */
#define CR4_PGE  (1u << 7)    /* honour PTE_G */
#define CPUID_PGE (1u << 13)  /* leaf 1, edx: global pages (P6 and later) */

#define PDX(va)  ((va) >> 22)             /* index in the page directory */
#define PTX(va)  (((va) >> 12) & 0x3ff)   /* index in the page table */
#define KERNEL_PDES 32                    /* 32 x 4 MiB = 128 MiB of RAM */

/* The kernel's own directory: only the RAM map, used from boot until the
 * first task runs. arch_vm_init() copies its entries into every new one. */
static uint32_t kernel_pd[1024] __attribute__((aligned(PAGE_SIZE)));
/* The 4 MiB pages of the RAM map that hold a guard page (the boot stack's,
 * the kernel stacks'), split into 4 KiB pages so that the guard can be
 * left out. Two are enough for the stacks of 32 tasks wherever .bss lies. */
#define SPLIT_MAX 3
static uint32_t split_pt[SPLIT_MAX][1024] __attribute__((aligned(PAGE_SIZE)));
static int split_count;
/* The guard pages, to tell in a double fault which stack overflowed. */
static uint32_t guards[TASK_MAX + 1];
static int guard_count;

/* Global kernel pages: the kernel's map is the same in every address
 * space, so its TLB entries may survive a CR3 load, which then drops only
 * the user's. PTE_G on every kernel mapping, never on a user one, and
 * CR4.PGE on, where the CPU has it (a P6 or later: not the Pentium this
 * port also runs on) and the boot line does not say tlb=flush. 0 or
 * PTE_G: what the kernel's entries carry. */
static uint32_t kernel_global;

/* Drop every translation, global ones too: toggling CR4.PGE does that
 * (a CR3 load keeps the global ones). For a change to the kernel's map. */
static void flush_all(void)
{
    uint32_t cr4 = read_cr4();
    if (cr4 & CR4_PGE) {
        write_cr4(cr4 & ~CR4_PGE);
        write_cr4(cr4);
    } else {
        lcr3(read_cr3());
    }
}

/* The page table of the RAM map's megapage pdx, split from its 4 MiB page
 * the first time: the same memory, mapped page by page. */
static uint32_t *split_megapage(uint32_t pdx)
{
    if (!(kernel_pd[pdx] & PTE_PS))
        return (uint32_t *)(kernel_pd[pdx] & PTE_ADDR);
    if (split_count == SPLIT_MAX)
        panic("i386: more guard pages than split page tables (SPLIT_MAX)");
    uint32_t *pt = split_pt[split_count++];
    for (uint32_t i = 0; i < 1024; i++)
        pt[i] = (pdx << 22) | (i << 12) | PTE_P | PTE_W | kernel_global;
    kernel_pd[pdx] = (uint32_t)pt | PTE_P | PTE_W;
    return pt;
}

/* Leave the page at va out of the kernel's map. */
static void guard_page(uint32_t va)
{
    split_megapage(PDX(va))[PTX(va)] = 0;
    if (guard_count < (int)(sizeof(guards) / sizeof(guards[0])))
        guards[guard_count++] = va;
}

void arch_vm_guard(uintptr_t va)
{
    guard_page((uint32_t)va);
    /* The directory entry may have changed from a 4 MiB page to a table:
     * every translation of it must go, global ones included. */
    flush_all();
}

int i386_guard_page(uint32_t addr)
{
    for (int i = 0; i < guard_count; i++)
        if ((addr & PTE_ADDR) == guards[i])
            return i;
    return -1;
}

void paging_init(const char *cmdline)
{
    uint32_t r[4];
    cpuid(1, r);
    uint32_t cr4 = read_cr4() | CR4_PSE;
    if ((r[3] & CPUID_PGE) && !bootarg_is(bootarg(cmdline, "tlb"), "flush")) {
        kernel_global = PTE_G;
        cr4 |= CR4_PGE;
    }
    /* Supervisor-only (no PTE_U): a user access to kernel memory faults. */
    for (uint32_t i = 0; i < KERNEL_PDES; i++)
        kernel_pd[i] = (i << 22) | PTE_P | PTE_W | PTE_PS | kernel_global;
    guard_page((uint32_t)boot_stack_guard);      /* guards[0] */
    write_cr4(cr4);
    lcr3((uint32_t)kernel_pd);
    gdt_fault_task_cr3((uint32_t)kernel_pd);
    /* The next instruction is fetched through the new map: it is 1:1. */
    write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

error_t arch_vm_init(struct arch_vm *vm)
{
    uint32_t *pd = (uint32_t *)page_alloc();
    if (!pd)
        return ERR_NO_MEMORY;
    for (int i = 0; i < KERNEL_PDES; i++)
        pd[i] = kernel_pd[i];
    vm->pd = (uint32_t)pd;
    if (kinfo)                    /* what the tests read (<baton/kinfo.h>) */
        kinfo->vm_mode = kernel_global ? KINFO_VM_GLOBAL : KINFO_VM_FLUSH;
    vm->iomap = TSS_IO_NONE;
    return OK;
}

/* The page-table entry for va, or NULL if it has no page table (and
 * create is false, or memory ran out). */
static uint32_t *find_pte(struct arch_vm *vm, uintptr_t va, int create)
{
    if (PDX(va) < KERNEL_PDES)
        return NULL;                      /* the kernel's RAM map: hands off */
    uint32_t *pde = &((uint32_t *)vm->pd)[PDX(va)];
    if (!(*pde & PTE_P)) {
        if (!create)
            return NULL;
        uintptr_t pt = page_alloc();
        if (!pt)
            return NULL;
        /* Permissive here; each page's own entry decides (the CPU applies
         * the stricter of the two). */
        *pde = pt | PTE_P | PTE_W | PTE_U;
    }
    return &((uint32_t *)(*pde & PTE_ADDR))[PTX(va)];
}

/* A changed entry may still be cached in the TLB, but only if this address
 * space is the CPU's: switching CR3 flushes the TLB. */
static void flush(struct arch_vm *vm, uintptr_t va)
{
    if (read_cr3() == vm->pd)
        invlpg(va);
}

/* i386 pages are always readable and executable by whoever may access them
 * at all: VM_READ and VM_EXEC cannot be taken away (no NX bit without PAE). */
error_t arch_vm_map(struct arch_vm *vm, uintptr_t va, uintptr_t pa, unsigned flags)
{
    if (PDX(va) < KERNEL_PDES)
        return ERR_INVALID_ARG;           /* would overlap the RAM map */
    uint32_t *pte = find_pte(vm, va, 1);
    if (!pte)
        return ERR_NO_MEMORY;
    *pte = (pa & PTE_ADDR) | PTE_P | (flags & VM_WRITE ? PTE_W : 0) |
           (flags & VM_USER ? PTE_U : 0);
    flush(vm, va);
    return OK;
}

uintptr_t arch_vm_unmap(struct arch_vm *vm, uintptr_t va)
{
    uint32_t *pte = find_pte(vm, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    uintptr_t pa = *pte & PTE_ADDR;
    *pte = 0;
    flush(vm, va);
    return pa;
}

uintptr_t arch_vm_lookup(struct arch_vm *vm, uintptr_t va, unsigned *flags)
{
    uint32_t *pte = find_pte(vm, va, 0);
    if (!pte || !(*pte & PTE_P))
        return 0;
    if (flags)
        *flags = VM_READ | VM_EXEC | (*pte & PTE_W ? VM_WRITE : 0) |
                 (*pte & PTE_U ? VM_USER : 0);
    return *pte & PTE_ADDR;
}

void arch_vm_destroy(struct arch_vm *vm)
{
    uint32_t *pd = (uint32_t *)vm->pd;
    if (!pd)
        return;
    if (read_cr3() == vm->pd)
        lcr3((uint32_t)kernel_pd);        /* never free the directory in use */
    for (int i = KERNEL_PDES; i < 1024; i++)
        if (pd[i] & PTE_P)
            page_free(pd[i] & PTE_ADDR);
    page_free(vm->pd);
    vm->pd = 0;
}

/* The UART's ports for a task granted it: through the TSS I/O map, which
 * arch_vm_activate loads for this address space only (tss.h). */
error_t arch_vm_device(struct arch_vm *vm, int dev)
{
    if (dev != IRQ_UART)
        return ERR_INVALID_ARG;
    vm->iomap = TSS_IO_UART;
    return OK;
}
