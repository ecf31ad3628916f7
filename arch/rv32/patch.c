/* patch.c (rv32) - patched tracepoints (kernel/arch.h, kernel/trace.h):
 * turn the nop of a tracepoint site into "jal x0, target" and back.
 *
 * The kernel's text lies in the 1:1 megapages of RAM that vm.c maps
 * R|W|X without U: writable by the kernel, invisible to user mode, so the
 * store needs no temporary mapping. A hart fetches instructions through
 * its own path, which a store does not update: fence.i after the stores
 * makes them the instructions it runs. */
#include "arch.h"
#include "printk.h"

#define INSN_NOP 0x00000013u    /* addi x0, x0, 0 */
#define JAL_RANGE (1 << 20)     /* jal reaches +-1 MiB */

/* jal x0, off: imm[20|10:1|11|19:12], rd = 0, opcode 1101111. */
static uint32_t jal_x0(int32_t off)
{
    uint32_t u = (uint32_t)off;
    return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 |
           ((u >> 11) & 1) << 20 | ((u >> 12) & 0xff) << 12 | 0x6f;
}

void arch_trace_patch(uintptr_t site, uintptr_t target, int on)
{
    int32_t off = (int32_t)(target - site);
    uint32_t jump = jal_x0(off);
    volatile uint32_t *insn = (volatile uint32_t *)site;
    /* A site is only ever one of the two: anything else means the site
     * table is wrong, and writing would corrupt the kernel. */
    if ((site & 3) || off <= -JAL_RANGE || off >= JAL_RANGE ||
        (*insn != INSN_NOP && *insn != jump))
        panic("rv32: tracepoint site %x holds %x, not its nop or jump",
              (unsigned)site, (unsigned)*insn);
    *insn = on ? jump : INSN_NOP;
}

void arch_trace_patched(void)
{
    __asm__ volatile("fence.i" : : : "memory");
}

/* arch_trace_put (arch_types.h) comes here with "jal t0" and the five
 * arguments at 0(sp)..16(sp): keep every caller-saved register, call
 * trace_put, return through t0. */
__asm__(".text\n"
        ".globl arch_trace_put_saved\n"
        ".p2align 2\n"
        "arch_trace_put_saved:\n"
        "    addi sp, sp, -64\n"
        "    sw   ra, 0(sp)\n"
        "    sw   t0, 4(sp)\n"
        "    sw   t1, 8(sp)\n"
        "    sw   t2, 12(sp)\n"
        "    sw   a0, 16(sp)\n"
        "    sw   a1, 20(sp)\n"
        "    sw   a2, 24(sp)\n"
        "    sw   a3, 28(sp)\n"
        "    sw   a4, 32(sp)\n"
        "    sw   a5, 36(sp)\n"
        "    sw   a6, 40(sp)\n"
        "    sw   a7, 44(sp)\n"
        "    sw   t3, 48(sp)\n"
        "    sw   t4, 52(sp)\n"
        "    sw   t5, 56(sp)\n"
        "    sw   t6, 60(sp)\n"
        "    lw   a0, 64(sp)\n"
        "    lw   a1, 68(sp)\n"
        "    lw   a2, 72(sp)\n"
        "    lw   a3, 76(sp)\n"
        "    lw   a4, 80(sp)\n"
        "    call trace_put\n"
        "    lw   ra, 0(sp)\n"
        "    lw   t0, 4(sp)\n"
        "    lw   t1, 8(sp)\n"
        "    lw   t2, 12(sp)\n"
        "    lw   a0, 16(sp)\n"
        "    lw   a1, 20(sp)\n"
        "    lw   a2, 24(sp)\n"
        "    lw   a3, 28(sp)\n"
        "    lw   a4, 32(sp)\n"
        "    lw   a5, 36(sp)\n"
        "    lw   a6, 40(sp)\n"
        "    lw   a7, 44(sp)\n"
        "    lw   t3, 48(sp)\n"
        "    lw   t4, 52(sp)\n"
        "    lw   t5, 56(sp)\n"
        "    lw   t6, 60(sp)\n"
        "    addi sp, sp, 64\n"
        "    jr   t0\n");
