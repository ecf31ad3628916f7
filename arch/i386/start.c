/* start.c (i386) - the boot sequence in C, from boot.S to kernel_main(),
 * and the machine-wide hooks: free memory, power off, cycle counter. */
#include "arch.h"
#include "printk.h"
#include "i386.h"
#include "x86.h"
#include "trace.h"

#define MB_BOOT_MAGIC   0x2BADB002   /* in eax when a multiboot loader jumps */
#define MB_INFO_MEM     (1 << 0)     /* mem_lower/mem_upper are valid */
#define MB_INFO_CMDLINE (1 << 2)     /* cmdline is valid (QEMU: -append) */
#define IDENTITY_MAP_END (128u << 20) /* vm.c maps this much RAM, 1:1 */
#define DEBUG_EXIT_PORT 0xf4         /* QEMU's isa-debug-exit device */
#define CR0_EM          (1u << 2)    /* no FPU: x87 instructions trap (#NM) */

/* The start of the multiboot information (the rest is not needed). */
struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower;   /* KiB of RAM below 1 MiB */
    uint32_t mem_upper;   /* KiB of RAM from 1 MiB up to the first hole */
    uint32_t boot_device;
    uint32_t cmdline;     /* physical address of the command line */
};

static uintptr_t ram_end;

/* Called by boot.S on the boot stack, with paging and interrupts off. */
noreturn void i386_start(uint32_t magic, const struct multiboot_info *info);

noreturn void i386_start(uint32_t magic, const struct multiboot_info *info)
{
    uart_init();            /* first, so that a panic can be seen */
    cpu_check();            /* then, before anything a 486 lacks: rdtsc, PSE */
    if (magic != MB_BOOT_MAGIC || !(info->flags & MB_INFO_MEM))
        panic("i386: not started by a multiboot loader with a memory size");
    /* Copy what we need now: the loader left the information in memory the
     * kernel does not reserve (QEMU: below 1 MiB; GRUB: anywhere). */
    ram_end = (1u << 20) + (uintptr_t)info->mem_upper * 1024;
    const char *cmdline = NULL;
    if (info->flags & MB_INFO_CMDLINE)     /* paging is off: a plain pointer */
        cmdline = (const char *)(uintptr_t)info->cmdline;
    trace_boot_args(cmdline);
    /* No task's FPU registers are saved on a switch, so keep the FPU off:
     * an x87 instruction then faults instead of leaking between tasks. */
    write_cr0(read_cr0() | CR0_EM);
    gdt_init();
    idt_init();
    pic_init();
    paging_init(cmdline);
    kernel_main();
}

void arch_mem_range(uintptr_t *start, uintptr_t *end)
{
    uintptr_t top = ram_end < IDENTITY_MAP_END ? ram_end : IDENTITY_MAP_END;
    *start = (uintptr_t)__kernel_end;          /* page aligned by kernel.ld */
    *end = top & ~(uintptr_t)(PAGE_SIZE - 1);
}

/* QEMU exits with status (value << 1) | 1; scripts/qemu.sh undoes that. */
noreturn void arch_poweroff(int status)
{
    outl(DEBUG_EXIT_PORT, (uint32_t)status);
    for (;;) {              /* not under QEMU: just stop */
        cli();
        hlt();
    }
}

uint64_t arch_cycles(void)
{
    return rdtsc();
}
