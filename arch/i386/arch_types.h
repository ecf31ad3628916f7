/* arch_types.h (i386) - the machine state the portable kernel stores for the
 * port: a task's kernel context, the trap frame, an address space. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdint.h>

#define ARCH_NAME "i386"
/* Channel data carried in syscall registers: 4 of the 6 argument words. */
#define ARCH_FASTPATH_BYTES 16
/* The e_machine of the user programs kernel/elf.c accepts: EM_386. */
#define ARCH_ELF_MACHINE 3

/* A task's kernel context while it is switched out. Everything else it needs
 * (callee-saved registers, return address) is pushed on its kernel stack. */
struct arch_task {
    uint32_t esp;          /* saved kernel stack pointer (switch.S) */
    uint32_t kstack_top;   /* loaded into TSS.esp0 when the task runs */
};

/* The registers a trap saves on the kernel stack, lowest address first: the
 * reverse of the order trapentry.S and the CPU push them. Change one and you
 * must change the other. */
struct arch_frame {
    /* pushal */
    uint32_t edi, esi, ebp;
    uint32_t esp_pushal;   /* the kernel esp at pushal time; popal skips it */
    uint32_t ebx, edx, ecx, eax;
    /* segment registers: a 32-bit push may leave the upper half as garbage */
    uint16_t gs, gs_pad, fs, fs_pad, es, es_pad, ds, ds_pad;
    /* the entry stub */
    uint32_t vector;       /* 0..31 exception, 32..47 IRQ, 0x80 syscall */
    uint32_t error;        /* the CPU's error code, or 0 */
    /* the CPU */
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;      /* only when the trap came from user mode */
};

/* The syscall registers (<baton/syscall.h>): eax, then the arguments in
 * ebx ecx edx esi edi ebp. The kernel passes only constant slots 0..6, so
 * once inlined each switch folds into a single load or store. */
static inline uint32_t *arch_frame_slot(struct arch_frame *f, int slot)
{
    switch (slot) {
    case 0:  return &f->eax;
    case 1:  return &f->ebx;
    case 2:  return &f->ecx;
    case 3:  return &f->edx;
    case 4:  return &f->esi;
    case 5:  return &f->edi;
    default: return &f->ebp;
    }
}

static inline uint32_t arch_frame_get(const struct arch_frame *f, int slot)
{
    return *arch_frame_slot((struct arch_frame *)f, slot);
}

static inline void arch_frame_set(struct arch_frame *f, int slot, uint32_t value)
{
    *arch_frame_slot(f, slot) = value;
}

/* An address space: the physical address of its page directory. */
struct arch_vm {
    uint32_t pd;
    uint8_t io_uart;        /* 1: the TSS I/O map lets COM1's ports through */
};

#endif
