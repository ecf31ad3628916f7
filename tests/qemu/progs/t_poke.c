/* t_poke.c - writes kernel memory (the page allocator's free pages, where
 * other tasks' pages come from): it must fault, not corrupt anything. */
#include <baton_test.h>

int main(void)
{
    printf("poke: writing kernel memory\n");
    volatile uint32_t *kernel = (uint32_t *)(TEST_KERNEL_ADDR + 0x300000u);
    *kernel = 0xdeadbeef;
    printf("FAIL poke: wrote to the kernel\n");
    return 1;
}
