/* vm.c (rv32) - Sv32 paging: two-level page tables, 4 KiB pages for user
 * memory and 4 MiB "megapages" for the kernel's 1:1 map of RAM and devices. */
#include "arch.h"
#include <baton/ipc.h>
#include "page.h"
#include "riscv.h"
#include "rv32.h"
#include "virt.h"
#include "bootarg.h"
#include "kinfo.h"

/* A page-table entry: flag bits, then the physical page number from bit 10. */
#define PTE_V  (1u << 0)    /* valid */
#define PTE_R  (1u << 1)
#define PTE_W  (1u << 2)
#define PTE_X  (1u << 3)
#define PTE_U  (1u << 4)    /* user mode may use it (and S mode may not) */
#define PTE_G  (1u << 5)    /* global: the same in every address space */
#define PTE_A  (1u << 6)    /* accessed, dirty: set up front, because */
#define PTE_D  (1u << 7)    /*   QEMU may fault instead of setting them */
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)  /* none of them: points to a table */

#define PTE_PA(pte)  (((uintptr_t)(pte) >> 10) << 12)
#define PA_PTE(pa)   (((uint32_t)(pa) >> 12) << 10)

/* A virtual address: 10 bits of root index, 10 of leaf index, 12 of offset. */
#define VPN1(va)     ((uintptr_t)(va) >> 22)
#define VPN0(va)     (((uintptr_t)(va) >> 12) & 0x3ff)
#define MEGAPAGE     (4u << 20)
#define ENTRIES      1024

/* The kernel's own root table: only megapages, all supervisor-only. Every
 * address space starts as a copy of it (arch_vm_init). */
static uint32_t kernel_root[ENTRIES] __attribute__((aligned(PAGE_SIZE)));
uint32_t vm_kernel_satp;   /* selects kernel_root, ASID 0 (arch_types.h) */

static void map_megapages(uintptr_t start, uintptr_t end, uint32_t perm)
{
    perm |= PTE_G | PTE_A | PTE_D | PTE_V;
    for (uintptr_t pa = start & ~(MEGAPAGE - 1); pa < end; pa += MEGAPAGE)
        kernel_root[VPN1(pa)] = PA_PTE(pa) | perm;
}

/* ---- ASIDs ----
 * satp holds an address-space ID beside the root table. A hart may tag
 * its cached translations with it, so that a switch between address
 * spaces with different ASIDs needs no sfence.vma: the entries of one
 * cannot match in another, and the kernel's megapages are global (PTE_G:
 * kept whatever the ASID). Each address space gets an ASID of its own
 * while they last; ASID 0 is the kernel's own table and the fallback:
 * a switch to an address space with ASID 0 flushes everything, as every
 * switch did before. A hart implements between 0 and 9 ASID bits. */
static uint32_t asid_max;                  /* highest ASID handed out; 0: none */
static uint32_t asid_used[512 / 32];       /* bit n: ASID n is taken */

/* Which ASID bits the hart keeps: write all ones, read back. Then the
 * boot arguments: tlb=flush turns ASIDs off, asids=N hands out N at most. */
static void asid_probe(const char *cmdline)
{
    w_satp(MAKE_SATP(kernel_root) | SATP_ASID_MASK);
    asid_max = (r_satp() & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
    w_satp(vm_kernel_satp);
    sfence_vma_all();
    if (bootarg_is(bootarg(cmdline, "tlb"), "flush"))
        asid_max = 0;
    unsigned cap = bootarg_uint(bootarg(cmdline, "asids"), asid_max);
    if (cap < asid_max)
        asid_max = cap;
}

/* A free ASID, or 0 (none left, or none at all: full flushes). */
static uint32_t asid_alloc(void)
{
    for (uint32_t a = 1; a <= asid_max; a++)
        if (!(asid_used[a / 32] & (1u << (a % 32)))) {
            asid_used[a / 32] |= 1u << (a % 32);
            return a;
        }
    return 0;
}

/* Its translations may still be cached: forget them before reuse. */
static void asid_free(uint32_t a)
{
    if (!a)
        return;
    sfence_vma_asid(a);
    asid_used[a / 32] &= ~(1u << (a % 32));
}

/* Map RAM and the devices 1:1 (virtual == physical) and turn paging on.
 * This runs from RAM at its physical address, so the next instruction is
 * found at the same address after satp is written. */
void vm_kernel_init(const char *cmdline)
{
    map_megapages(TEST_BASE, TEST_BASE + 1, PTE_R | PTE_W);
    map_megapages(board.plic_base, board.plic_base + board.plic_size,
                  PTE_R | PTE_W);
    map_megapages(board.uart_base, board.uart_base + 1, PTE_R | PTE_W);
    map_megapages(RAM_BASE, board.ram_end, PTE_R | PTE_W | PTE_X);
    vm_kernel_satp = MAKE_SATP(kernel_root);
    w_satp(vm_kernel_satp);
    sfence_vma_all();
    asid_probe(cmdline);
}

error_t arch_vm_init(struct arch_vm *vm)
{
    uint32_t *root = (uint32_t *)page_alloc();
    if (!root)
        return ERR_NO_MEMORY;
    for (int i = 0; i < ENTRIES; i++)
        root[i] = kernel_root[i];
    vm->root = (uintptr_t)root;
    uint32_t asid = asid_alloc();
    vm->satp = MAKE_SATP(root) | asid << SATP_ASID_SHIFT;
    if (kinfo) {                  /* what the tests read (<baton/kinfo.h>) */
        kinfo->vm_mode = asid_max ? KINFO_VM_ASID : KINFO_VM_FLUSH;
        kinfo->vm_asids = asid_max;
    }
    return OK;
}

/* The leaf entry for va, or 0. With alloc, a missing leaf table is made
 * (0 then means out of memory). Never inside a kernel megapage. */
static uint32_t *walk(struct arch_vm *vm, uintptr_t va, int alloc)
{
    uint32_t *pde = &((uint32_t *)vm->root)[VPN1(va)];
    if (!(*pde & PTE_V)) {
        uintptr_t table = alloc ? page_alloc() : 0;
        if (!table)
            return 0;
        *pde = PA_PTE(table) | PTE_V;
    } else if (*pde & PTE_LEAF) {
        return 0;
    }
    return &((uint32_t *)PTE_PA(*pde))[VPN0(va)];
}

static uint32_t flags_to_pte(unsigned flags)
{
    uint32_t pte = 0;
    if (flags & VM_READ)  pte |= PTE_R;
    if (flags & VM_WRITE) pte |= PTE_W | PTE_R;   /* W without R is reserved */
    if (flags & VM_EXEC)  pte |= PTE_X;
    if (flags & VM_USER)  pte |= PTE_U;
    return pte;
}

static unsigned pte_to_flags(uint32_t pte)
{
    return ((pte & PTE_R) ? VM_READ : 0) | ((pte & PTE_W) ? VM_WRITE : 0) |
           ((pte & PTE_X) ? VM_EXEC : 0) | ((pte & PTE_U) ? VM_USER : 0);
}

error_t arch_vm_map(struct arch_vm *vm, uintptr_t va, uintptr_t pa,
                    unsigned flags)
{
    uint32_t perm = flags_to_pte(flags);
    uint32_t root_entry = ((uint32_t *)vm->root)[VPN1(va)];
    if (!(perm & PTE_LEAF) || ((va | pa) & (PAGE_SIZE - 1)) ||
        (root_entry & PTE_LEAF))        /* inside a kernel megapage */
        return ERR_INVALID_ARG;

    uint32_t *pte = walk(vm, va, 1);
    if (!pte)
        return ERR_NO_MEMORY;
    *pte = PA_PTE(pa) | perm | PTE_A | PTE_D | PTE_V;
    sfence_vma_addr(va);    /* in case vm is the active address space */
    return OK;
}

uintptr_t arch_vm_unmap(struct arch_vm *vm, uintptr_t va)
{
    uint32_t *pte = walk(vm, va, 0);
    if (!pte || !(*pte & PTE_V))
        return 0;
    uintptr_t pa = PTE_PA(*pte);
    *pte = 0;
    sfence_vma_addr(va);
    return pa;
}

uintptr_t arch_vm_lookup(struct arch_vm *vm, uintptr_t va, unsigned *flags)
{
    uint32_t *pte = walk(vm, va, 0);
    if (!pte || !(*pte & PTE_V))
        return 0;
    if (flags)
        *flags = pte_to_flags(*pte);
    return PTE_PA(*pte);
}

/* Free the leaf tables and the root; the kernel's megapages are shared and
 * the mapped pages belong to the kernel, so neither is freed here. */
void arch_vm_destroy(struct arch_vm *vm)
{
    uint32_t *root = (uint32_t *)vm->root;
    if ((r_satp() & ~SATP_ASID_MASK) == MAKE_SATP(root))  /* still in use: */
        arch_vm_activate(0);                                /* leave it first */
    asid_free((vm->satp & SATP_ASID_MASK) >> SATP_ASID_SHIFT);
    vm->satp = 0;
    for (int i = 0; i < ENTRIES; i++)
        if ((root[i] & PTE_V) && !(root[i] & PTE_LEAF))
            page_free(PTE_PA(root[i]));
    page_free(vm->root);
    vm->root = 0;
}

/* No guard yet on rv32: leaving a page out of a kernel megapage is easy,
 * but a kernel-mode trap saves its frame on the stack that just faulted,
 * and would fault again forever. A guard needs trap.S to switch to a
 * stack of its own first (docs/arch.md). */
void arch_vm_guard(uintptr_t va)
{
    (void)va;
}

/* The UART's one page of registers at USER_UART: user, read/write, never
 * executable. Uncached because of where it is, not because of the PTE:
 * RISC-V's physical memory attributes make the device region I/O (strongly
 * ordered, uncached) whatever maps it; Svpbmt would say so per page. No
 * other physical page is reachable: the UART's registers fill 8 bytes of
 * this page, and the board puts nothing else in it. */
error_t arch_vm_device(struct arch_vm *vm, int dev)
{
    if (dev != IRQ_UART)
        return ERR_INVALID_ARG;
    uintptr_t pa = board.uart_base & ~(uintptr_t)(PAGE_SIZE - 1);
    return arch_vm_map(vm, USER_UART, pa, VM_READ | VM_WRITE | VM_USER);
}
