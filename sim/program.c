/* program.c (sim) - user programs as the kernel sees them: ELF files. A
 * program's code stays host code where the host linked it; its data was
 * linked at its own slot of the user window (sim/mkprogs.sh). At startup,
 * before the window is reserved, each program's data is copied into a
 * small ELF32 image built here: a read-only segment, a read-write one with
 * the zeroed data as its memory size, and as entry point the start of the
 * data. kernel/elf.c loads it like any other, so every task gets its own
 * copy of its program's data, at the addresses its code uses. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "program.h"

/* ELF32, as the format defines it. */
struct elf32_header {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
enum { ET_EXEC = 2, PT_LOAD = 1, PF_W = 2, PF_R = 4 };
#define IMAGE_DATA 128            /* headers first, the bytes from here */

struct image {
    unsigned char *bytes;
    size_t size;
};
static struct image *images;      /* images[i]: sim_builtin_programs[i] */

static uint32_t addr32(const void *p)
{
    return (uint32_t)(uintptr_t)p;
}

static struct image build_image(const struct sim_program *p)
{
    size_t ro = (size_t)(p->data - p->ro), data = (size_t)(p->bss - p->data);
    size_t mem = (size_t)(p->end - p->data);
    struct image im = { calloc(1, IMAGE_DATA + ro + data), IMAGE_DATA + ro + data };
    if (!im.bytes)
        abort();
    struct elf32_header *h = (void *)im.bytes;
    struct elf32_phdr *ph = (void *)(im.bytes + sizeof(*h));
    memcpy(h->ident, "\x7f" "ELF\x01\x01\x01", 7);   /* 32-bit, little, v1 */
    h->type = ET_EXEC;
    h->machine = ARCH_ELF_MACHINE;
    h->version = 1;
    h->entry = addr32(p->ro);
    h->phoff = sizeof(*h);
    h->ehsize = sizeof(*h);
    h->phentsize = sizeof(*ph);
    h->phnum = 2;
    ph[0] = (struct elf32_phdr){ PT_LOAD, IMAGE_DATA, addr32(p->ro), addr32(p->ro),
                                 (uint32_t)ro, (uint32_t)ro, PF_R, PAGE_SIZE };
    /* At least a byte, so that even a program without data has a page
     * after its entry point (kernel/elf.c wants the entry inside). */
    ph[1] = (struct elf32_phdr){ PT_LOAD, (uint32_t)(IMAGE_DATA + ro),
                                 addr32(p->data), addr32(p->data), (uint32_t)data,
                                 (uint32_t)(mem ? mem : 1), PF_R | PF_W, PAGE_SIZE };
    memcpy(im.bytes + IMAGE_DATA, p->ro, ro);
    memcpy(im.bytes + IMAGE_DATA + ro, p->data, data);
    return im;
}

void sim_programs_init(void)
{
    images = calloc((size_t)sim_builtin_count + 1, sizeof(*images));
    if (!images)
        abort();
    for (int i = 0; i < sim_builtin_count; i++)
        images[i] = build_image(&sim_builtin_programs[i]);
}

const unsigned char *sim_program_image(const struct sim_program *p, size_t *size)
{
    struct image *im = &images[p - sim_builtin_programs];
    *size = im->size;
    return im->bytes;
}

void (*sim_program_entry(uintptr_t va))(void)
{
    for (int i = 0; i < sim_builtin_count; i++)
        if (addr32(sim_builtin_programs[i].ro) == va)
            return sim_builtin_programs[i].entry;
    return NULL;
}

const struct sim_program *sim_program_find(const char *name)
{
    for (int i = 0; i < sim_builtin_count; i++)
        if (strcmp(sim_builtin_programs[i].name, name) == 0)
            return &sim_builtin_programs[i];
    return NULL;
}

const char *sim_program_name(const struct sim_program *p)
{
    return p->name;
}

void sim_program_list(FILE *out)
{
    int col = 0;
    for (int i = 0; i < sim_builtin_count; i++) {
        const char *n = sim_builtin_programs[i].name;
        if (col && col + 1 + strlen(n) > 76) {
            fputc('\n', out);
            col = 0;
        }
        col += fprintf(out, "%s%s", col ? " " : "  ", n);
    }
    fputc('\n', out);
}
