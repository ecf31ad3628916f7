/* fdt.c (rv32) - what the machine has, from the device tree QEMU hands us
 * (a1 at reset): the RAM of the /memory node, the UART, PLIC and CLINT by
 * their "compatible" strings, and the boot command line (/chosen's
 * "bootargs", which `qemu-system-riscv32 -append "..."` fills in). Only
 * what that needs: one walk of the flattened tree's structure block, read
 * in place, before anything else uses the RAM it lies in. */
#include "arch.h"
#include "rv32.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define MAX_DEPTH      8     /* virt nests three deep; deeper is skipped */

/* What a node turned out to be, once its properties are read. */
enum node_kind { NODE_OTHER, NODE_MEMORY, NODE_UART, NODE_PLIC, NODE_CLINT };

/* One open node: its kind, its first reg pair, its first interrupt, and
 * the cells its children's reg uses (#address-cells, #size-cells). */
struct node {
    enum node_kind kind;
    int has_reg, chosen;
    uint64_t reg_addr, reg_size;
    uint32_t irq;
    uint32_t child_addr_cells, child_size_cells;
};

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

static int str_prefix(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix)
        s++, prefix++;
    return *prefix == 0;
}

static uint32_t align4(uint32_t n)
{
    return (n + 3) & ~3u;
}

/* A number of cells (1 or 2 of them: 32 or 64 bits) at p. */
static uint64_t cells(const uint8_t *p, uint32_t n)
{
    return n == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

/* The kind a "compatible" list (strings one after another) names. */
static enum node_kind compatible_kind(const char *list, uint32_t len)
{
    for (uint32_t at = 0; at < len; ) {
        const char *s = list + at;
        if (str_eq(s, "ns16550a") || str_eq(s, "ns16550"))
            return NODE_UART;
        if (str_eq(s, "riscv,plic0") || str_eq(s, "sifive,plic-1.0.0"))
            return NODE_PLIC;
        if (str_eq(s, "riscv,clint0") || str_eq(s, "sifive,clint0"))
            return NODE_CLINT;
        while (at < len && list[at])
            at++;
        at++;
    }
    return NODE_OTHER;
}

/* One property of node n, whose parent is p (whose cells its reg uses). */
static void property(struct node *n, const struct node *p, const char *name,
                     const uint8_t *v, uint32_t len, struct fdt_info *info)
{
    uint32_t ac = p->child_addr_cells, sc = p->child_size_cells;
    if (str_eq(name, "#address-cells") && len == 4)
        n->child_addr_cells = be32(v);
    else if (str_eq(name, "#size-cells") && len == 4)
        n->child_size_cells = be32(v);
    else if (str_eq(name, "device_type") && str_eq((const char *)v, "memory"))
        n->kind = NODE_MEMORY;
    else if (str_eq(name, "compatible") && n->kind == NODE_OTHER)
        n->kind = compatible_kind((const char *)v, len);
    else if (str_eq(name, "interrupts") && len >= 4)
        n->irq = be32(v);
    else if (str_eq(name, "reg") && ac >= 1 && ac <= 2 && sc <= 2 &&
             len >= 4 * (ac + sc)) {
        n->has_reg = 1;
        n->reg_addr = cells(v, ac);
        n->reg_size = sc ? cells(v + 4 * ac, sc) : 0;
    } else if (n->chosen && str_eq(name, "bootargs")) {
        info->bootargs = (const char *)v;
    }
}

/* A node ends: keep what it was, the first of each kind. */
static void node_done(const struct node *n, struct fdt_info *info)
{
    if (!n->has_reg)
        return;
    if (n->kind == NODE_MEMORY && !info->ram_size) {
        info->ram_base = n->reg_addr;
        info->ram_size = n->reg_size;
    } else if (n->kind == NODE_UART && !info->uart_base) {
        info->uart_base = n->reg_addr;
        info->uart_irq = n->irq;
    } else if (n->kind == NODE_PLIC && !info->plic_base) {
        info->plic_base = n->reg_addr;
        info->plic_size = n->reg_size;
    } else if (n->kind == NODE_CLINT && !info->clint_base) {
        info->clint_base = n->reg_addr;
    }
}

/* A node begins at depth d (the root is 1); its name is at name. */
static void node_begin(struct node *stack, int d, const char *name)
{
    stack[d] = (struct node){
        .kind = str_prefix(name, "memory@") ? NODE_MEMORY : NODE_OTHER,
        .chosen = d == 2 && str_eq(name, "chosen"),
        .child_addr_cells = 2, .child_size_cells = 1,   /* the spec's defaults */
    };
}

error_t fdt_read(uintptr_t fdt, struct fdt_info *info)
{
    const uint8_t *base = (const uint8_t *)fdt;
    *info = (struct fdt_info){ 0 };
    if (!fdt || (fdt & 3) || be32(base) != FDT_MAGIC)
        return ERR_INVALID_ARG;
    uint32_t size = be32(base + 4), at = be32(base + 8);  /* structure block */
    const char *strings = (const char *)base + be32(base + 12);
    struct node stack[MAX_DEPTH + 1];
    int depth = 0;
    stack[0] = (struct node){ .child_addr_cells = 2, .child_size_cells = 1 };
    while (at + 4 <= size) {
        uint32_t token = be32(base + at);
        at += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)base + at;
            uint32_t len = 0;
            while (at + len < size && name[len])
                len++;
            at += align4(len + 1);
            if (++depth <= MAX_DEPTH)
                node_begin(stack, depth, name);
        } else if (token == FDT_END_NODE) {
            if (depth >= 1 && depth <= MAX_DEPTH)
                node_done(&stack[depth], info);
            depth--;
        } else if (token == FDT_PROP) {
            uint32_t len = be32(base + at), nameoff = be32(base + at + 4);
            if (depth >= 1 && depth <= MAX_DEPTH)
                property(&stack[depth], &stack[depth - 1], strings + nameoff,
                         base + at + 8, len, info);
            at += 8 + align4(len);
        } else if (token == FDT_END) {
            return OK;
        } else if (token != FDT_NOP) {
            return ERR_INVALID_ARG;      /* not a tree we know */
        }
    }
    return OK;
}
