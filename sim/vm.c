/* vm.c (sim) - address spaces: a software two-level page table like Sv32
 * (1024 root entries of 4 MiB, 1024 leaf entries of 4 KiB), kept in pages
 * from page_alloc(). Nothing reads it but the kernel (arch_vm_lookup) and
 * sim/mem.c, which makes the user window show it. */
#include "internal.h"
#include <baton/ipc.h>
#include "page.h"

/* An entry: the page's number in physical memory from bit 12 up, then a
 * valid bit and the VM_* flags. A root entry points to a leaf table. */
#define E_VALID      SIM_E_VALID
#define E_FLAGS      0xfu
#define VPN1(va)     ((uint32_t)(va) >> 22)
#define VPN0(va)     (((uint32_t)(va) >> 12) & 0x3ff)
#define VA_LIMIT     (1ull << 32)     /* user addresses are 32-bit everywhere */

static uint32_t make_entry(uintptr_t pa, unsigned flags)
{
    return (uint32_t)((pa - sim_phys_base()) / PAGE_SIZE) << 12 | E_VALID |
           (flags & E_FLAGS);
}

uintptr_t sim_entry_pa(uint32_t e)
{
    return sim_phys_base() + (uintptr_t)(e >> 12) * PAGE_SIZE;
}

/* Every change to any address space gets a new number, so that sim/mem.c
 * can tell an address space it already shows from one that changed. */
static void changed(struct arch_vm *vm)
{
    static uint64_t counter;
    vm->gen = ++counter;
    vm->stack_zero = 0;           /* pages may have come or gone: unknown */
}

error_t arch_vm_init(struct arch_vm *vm)
{
    uintptr_t root = page_alloc();
    if (!root)
        return ERR_NO_MEMORY;
    vm->stack_hot = 0;
    vm->uart = false;
    vm->root = (uint32_t *)root;   /* zeroed: nothing mapped, not even the
                                      kernel, which user code cannot see */
    changed(vm);
    return OK;
}

/* The leaf entry for va, allocating its table if create; NULL if none. */
static uint32_t *walk(struct arch_vm *vm, uintptr_t va, bool create)
{
    if (va >= VA_LIMIT || !vm->root)
        return NULL;
    uint32_t *re = &vm->root[VPN1(va)];
    if (!(*re & E_VALID)) {
        uintptr_t table = create ? page_alloc() : 0;
        if (!table)
            return NULL;
        *re = make_entry(table, 0);
    }
    return &((uint32_t *)sim_entry_pa(*re))[VPN0(va)];
}

uint32_t *sim_vm_leaf(struct arch_vm *vm, unsigned vpn1)
{
    uint32_t re = vm && vm->root ? vm->root[vpn1] : 0;
    return re & E_VALID ? (uint32_t *)sim_entry_pa(re) : NULL;
}

error_t arch_vm_map(struct arch_vm *vm, uintptr_t va, uintptr_t pa, unsigned flags)
{
    /* Only the user window can be shown to user code (sim/mem.c). */
    if (va < USER_BASE || va >= USER_END || ((va | pa) & (PAGE_SIZE - 1)) ||
        !(flags & (VM_READ | VM_WRITE | VM_EXEC)))
        return ERR_INVALID_ARG;
    uint32_t *e = walk(vm, va, true);
    if (!e)
        return ERR_NO_MEMORY;
    *e = make_entry(pa, flags);
    changed(vm);
    return OK;
}

uintptr_t arch_vm_unmap(struct arch_vm *vm, uintptr_t va)
{
    uint32_t *e = walk(vm, va, false);
    if (!e || !(*e & E_VALID))
        return 0;
    uintptr_t pa = sim_entry_pa(*e);
    *e = 0;
    changed(vm);
    return pa;
}

uint32_t sim_vm_entry(struct arch_vm *vm, uintptr_t va)
{
    uint32_t *e = walk(vm, va, false);
    return e && (*e & E_VALID) ? *e : 0;
}

/* The kernel's way to user memory. A page of the user stack is "lent"
 * to it: sim/ustack.c makes the page hold what user code wrote there. */
uintptr_t arch_vm_lookup(struct arch_vm *vm, uintptr_t va, unsigned *flags)
{
    uint32_t e = sim_vm_entry(vm, va);
    if (!e)
        return 0;
    if (va >= SIM_USTACK_LO && va < SIM_USTACK_LO + SIM_USTACK_PAGES * PAGE_SIZE)
        sim_ustack_lend(vm, va);
    if (flags)
        *flags = e & E_FLAGS;
    return sim_entry_pa(e);
}

void arch_vm_destroy(struct arch_vm *vm)
{
    sim_window_forget(vm);        /* its pages leave the window */
    if (sim.want_vm == vm)
        sim.want_vm = NULL;       /* show nothing rather than freed tables */
    for (unsigned i = 0; i < 1024; i++)
        if (vm->root[i] & E_VALID)
            page_free(sim_entry_pa(vm->root[i]));
    page_free((uintptr_t)vm->root);
    vm->root = NULL;
    changed(vm);
}

/* Nothing to do at once: the window only matters to user code, so it is
 * brought up to date on the way back to user code (sim_window_sync). The
 * kernel itself reaches user memory through physical addresses. */
void arch_vm_activate(struct arch_vm *vm)
{
    sim.want_vm = vm;
}

/* No guard in the simulator yet: the kernel stacks are host memory, where
 * a guard would be an mprotect that every copy of the kernel's memory
 * (the reset before every run, sim/run.c) must step around (docs/arch.md). */
void arch_vm_guard(uintptr_t va)
{
    (void)va;
}

/* The UART model answers this address space's user library (sim/time.c). */
error_t arch_vm_device(struct arch_vm *vm, int dev)
{
    if (dev != IRQ_UART)
        return ERR_INVALID_ARG;
    vm->uart = true;
    return OK;
}
