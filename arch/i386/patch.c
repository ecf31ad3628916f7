/* patch.c (i386) - patched tracepoints (kernel/arch.h, kernel/trace.h):
 * turn the 5-byte nop of a tracepoint site into "jmp rel32" and back.
 *
 * The kernel's text lies in the 1:1 map of RAM that vm.c makes with
 * PTE_W and without PTE_U: writable by the kernel (CR0.WP is on, but the
 * pages are writable), invisible to user mode, so the stores need no
 * temporary mapping. One CPU, interrupts off: nobody runs the site while
 * it is half written, and x86 notices stores to code that is about to be
 * fetched (the return from trace_set_mask is the jump Intel asks for). */
#include "arch.h"
#include "printk.h"

static const uint8_t nop5[5] = { 0x3e, 0x8d, 0x74, 0x26, 0x00 };

static int same(const volatile uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < 5; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

void arch_trace_patch(uintptr_t site, uintptr_t target, int on)
{
    uint32_t rel = (uint32_t)(target - (site + 5));  /* from the next insn */
    const uint8_t jump[5] = { 0xe9, (uint8_t)rel, (uint8_t)(rel >> 8),
                              (uint8_t)(rel >> 16), (uint8_t)(rel >> 24) };
    volatile uint8_t *insn = (volatile uint8_t *)site;
    /* A site is only ever one of the two: anything else means the site
     * table is wrong, and writing would corrupt the kernel. */
    if (!same(insn, nop5) && !same(insn, jump))
        panic("i386: tracepoint site %x holds neither its nop nor its jump",
              (unsigned)site);
    const uint8_t *want = on ? jump : nop5;
    for (int i = 0; i < 5; i++)
        insn[i] = want[i];
}

void arch_trace_patched(void)
{
}

/* arch_trace_put (arch_types.h) calls here with the five arguments on the
 * stack: keep the registers a C call may change, and call trace_put with
 * the same arguments (after the three pushes they lie 16..32 bytes up;
 * each push moves the next one to the same offset). */
__asm__(".text\n"
        ".globl arch_trace_put_saved\n"
        "arch_trace_put_saved:\n"
        "    pushl %eax\n"
        "    pushl %ecx\n"
        "    pushl %edx\n"
        "    pushl 32(%esp)\n"
        "    pushl 32(%esp)\n"
        "    pushl 32(%esp)\n"
        "    pushl 32(%esp)\n"
        "    pushl 32(%esp)\n"
        "    call  trace_put\n"
        "    addl  $20, %esp\n"
        "    popl  %edx\n"
        "    popl  %ecx\n"
        "    popl  %eax\n"
        "    ret\n");
