/* t_peek.c - reads kernel memory: the kernel's RAM on rv32 (0x80000000) and
 * its image on i386 (0x00100000) are mapped, but not for user mode. */
#include <baton_test.h>

int main(void)
{
    printf("peek: reading kernel memory\n");
    volatile uint32_t *kernel = (uint32_t *)TEST_KERNEL_ADDR;
    printf("FAIL peek: read %x from the kernel\n", *kernel);
    return 1;
}
