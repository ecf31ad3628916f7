/* fdt.c (rv32) - the boot command line from the device tree QEMU hands us
 * (a1 at reset): the "bootargs" property of the /chosen node, which
 * `qemu-system-riscv32 -append "..."` fills in. Only what that needs: a
 * walk of the flattened tree's structure block, read in place. */
#include "arch.h"
#include "rv32.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

/* The tree is big-endian, whatever the CPU. */
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static uint32_t align4(uint32_t n)
{
    return (n + 3) & ~3u;
}

const char *fdt_bootargs(uintptr_t fdt)
{
    const uint8_t *base = (const uint8_t *)fdt;
    if (!fdt || (fdt & 3) || be32(base) != FDT_MAGIC)
        return NULL;
    uint32_t size = be32(base + 4);
    const uint8_t *strings = base + be32(base + 12);
    uint32_t at = be32(base + 8);        /* the structure block */
    int depth = 0, in_chosen = 0;
    while (at + 4 <= size) {
        uint32_t token = be32(base + at);
        at += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)base + at;
            depth++;
            in_chosen = depth == 2 && str_eq(name, "chosen");
            uint32_t len = 0;
            while (at + len < size && name[len])
                len++;
            at += align4(len + 1);
        } else if (token == FDT_END_NODE) {
            depth--;
            in_chosen = 0;
        } else if (token == FDT_PROP) {
            uint32_t len = be32(base + at), nameoff = be32(base + at + 4);
            const char *value = (const char *)base + at + 8;
            if (in_chosen && str_eq((const char *)strings + nameoff, "bootargs"))
                return value;
            at += 8 + align4(len);
        } else if (token != FDT_NOP) {
            return NULL;                 /* FDT_END, or not a tree we know */
        }
    }
    return NULL;
}
