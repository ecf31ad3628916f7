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

/* Every change to any address space gets a new number (the fuzzer's checks
 * keep what they counted of it until then), and the window region (4 MiB)
 * it is in is marked, so that sim/window.c looks again at that region
 * only. ALL_REGIONS: anything may have changed. */
#define ALL_REGIONS (~0ull)
static uint64_t region_of(uintptr_t va)
{
    uintptr_t r = (va - USER_BASE) >> 22;
    return r < 64 ? 1ull << r : ALL_REGIONS;
}

static void changed(struct arch_vm *vm, uint64_t regions)
{
    static uint64_t counter;
    vm->gen = ++counter;
    vm->dirty |= regions;
    vm->tlb_va = ~0u;               /* and the cached translation goes */
}

/* Stack aliases: bit i, alias i (at SIM_STACKS_BASE + i * SIM_STACK_STRIDE)
 * belongs to a live address space. The lowest free one is taken, so the
 * same run gives every task the same stack addresses, PKU or not. */
static uint32_t stacks_taken;

void sim_vm_reset(void)
{
    stacks_taken = 0;
}

error_t arch_vm_init(struct arch_vm *vm)
{
    unsigned i = 0;
    while (i < TASK_MAX && (stacks_taken >> i & 1))
        i++;
    uintptr_t root = i < TASK_MAX ? page_alloc() : 0;
    if (!root)
        return ERR_NO_MEMORY;
    stacks_taken |= 1u << i;
    vm->ustack = SIM_STACKS_BASE + i * SIM_STACK_STRIDE;
    vm->uart = false;
    vm->root = (uint32_t *)root;   /* zeroed: nothing mapped, not even the
                                      kernel, which user code cannot see */
    changed(vm, ALL_REGIONS);
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
    changed(vm, region_of(va));
    return OK;
}

uintptr_t arch_vm_unmap(struct arch_vm *vm, uintptr_t va)
{
    uint32_t *e = walk(vm, va, false);
    if (!e || !(*e & E_VALID))
        return 0;
    uintptr_t pa = sim_entry_pa(*e);
    *e = 0;
    changed(vm, region_of(va));
    return pa;
}

/* User code reaches its stack at its alias (vm->ustack...), the kernel at
 * SIM_USTACK_LO...: a pointer user code hands the kernel may be either.
 * Another address space's alias is nothing (0, never mapped). */
uintptr_t sim_vm_canonical(const struct arch_vm *vm, uintptr_t va)
{
    if (va < SIM_STACKS_BASE || va >= SIM_STACKS_END)
        return va;
    if (va - vm->ustack < USER_STACK_SIZE)
        return va - vm->ustack + SIM_USTACK_LO;
    return 0;
}

/* The other way: where user code of vm sees what the kernel has at va (the
 * harness, which runs as the task and reads its memory as it does). */
uintptr_t sim_vm_alias(const struct arch_vm *vm, uintptr_t va)
{
    if (va - SIM_USTACK_LO < USER_STACK_SIZE)
        return va - SIM_USTACK_LO + vm->ustack;
    return va;
}

uint32_t sim_vm_entry(struct arch_vm *vm, uintptr_t va)
{
    uint32_t page = (uint32_t)(va / PAGE_SIZE);
    if (page == vm->tlb_va && va < VA_LIMIT)
        return vm->tlb_e;
    uint32_t *e = walk(vm, sim_vm_canonical(vm, va), false);
    uint32_t entry = e && (*e & E_VALID) ? *e : 0;
    if (va < VA_LIMIT) {
        vm->tlb_va = page;
        vm->tlb_e = entry;
    }
    return entry;
}

/* The kernel's way to user memory: the page user code sees at va, stack
 * aliases included. The window maps the same pages, so what the kernel
 * reads and writes there is what user code sees: nothing to copy. */
uintptr_t arch_vm_lookup(struct arch_vm *vm, uintptr_t va, unsigned *flags)
{
    uint32_t e = sim_vm_entry(vm, va);
    if (!e)
        return 0;
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
    stacks_taken &= ~(1u << (vm->ustack - SIM_STACKS_BASE) / SIM_STACK_STRIDE);
    changed(vm, ALL_REGIONS);
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
