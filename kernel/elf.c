/* elf.c - a small ELF32 loader: just the program headers of a static
 * executable, each PT_LOAD segment copied into freshly mapped pages. */
#include "elf.h"
#include "arch.h"
#include "task.h"
#include "vm.h"
#include <baton/string.h>

struct elf_header {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

enum { ET_EXEC = 2, PT_LOAD = 1, PF_X = 1, PF_W = 2, PF_R = 4 };

static bool header_ok(const struct elf_header *h, size_t size)
{
    return size >= sizeof(*h) && memcmp(h->ident, "\x7f" "ELF", 4) == 0 &&
           h->ident[4] == 1 /* 32-bit */ && h->ident[5] == 1 /* little */ &&
           h->type == ET_EXEC && h->machine == ARCH_ELF_MACHINE &&
           h->phentsize == sizeof(struct elf_phdr) &&
           h->phoff <= size && h->phnum <= (size - h->phoff) / sizeof(struct elf_phdr);
}

static bool segment_ok(const struct elf_phdr *ph, size_t size)
{
    return ph->filesz <= ph->memsz && ph->offset <= size &&
           ph->filesz <= size - ph->offset && ph->vaddr >= USER_BASE &&
           ph->vaddr < USER_SHM_BASE && ph->memsz <= USER_SHM_BASE - ph->vaddr;
}

static unsigned segment_flags(const struct elf_phdr *ph)
{
    return (ph->flags & PF_R ? VM_READ : 0) | (ph->flags & PF_W ? VM_WRITE : 0) |
           (ph->flags & PF_X ? VM_EXEC : 0);
}

error_t elf_load(struct task *t, const unsigned char *image, size_t size,
                 uintptr_t *entry)
{
    const struct elf_header *h = (const void *)image;
    if (!header_ok(h, size))
        return ERR_INVALID_ARG;
    const struct elf_phdr *ph = (const void *)(image + h->phoff);
    for (int i = 0; i < h->phnum; i++, ph++) {
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (!segment_ok(ph, size))
            return ERR_INVALID_ARG;
        /* Segments start on their own page (user/lib/user.ld aligns them),
         * so each is mapped fresh; overlapping segments are refused. */
        if (ph->vaddr % PAGE_SIZE || ph->vaddr < t->image_end)
            return ERR_INVALID_ARG;
        error_t err = vm_alloc_range(t, ph->vaddr, ph->memsz, segment_flags(ph));
        t->image_end = (ph->vaddr + ph->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
        if (err != OK)
            return err;
        /* The pages are zeroed: copying the file bytes leaves .bss at 0. The
         * copy goes through the kernel's map, so read-only text is fine. */
        for (uint32_t off = 0; off < ph->filesz; off += PAGE_SIZE) {
            unsigned flags;
            unsigned char *page = (unsigned char *)arch_vm_lookup(&t->vm, ph->vaddr + off, &flags);
            uint32_t n = ph->filesz - off < PAGE_SIZE ? ph->filesz - off : PAGE_SIZE;
            memcpy(page, image + ph->offset + off, n);
        }
    }
    if (t->image_end == 0 || h->entry < USER_BASE || h->entry >= t->image_end)
        return ERR_INVALID_ARG;
    *entry = h->entry;
    return OK;
}
