/* t_wild.c - unmapped memory inside user space, executing data, writing own
 * read-only text, jumping into the kernel: the first of these that the task
 * reaches kills it. Which one is chosen by the task id parity, so that one
 * manifest tests several. */
#include <baton_test.h>

static const uint32_t ro_word = 1;

int main(void)
{
    switch (task_self() % 4) {
    case 0:
        printf("wild: reading unmapped user memory\n");
        printf("FAIL wild: read %x\n", *(volatile uint32_t *)0x45000000u);
        break;
    case 1:
        printf("wild: writing read-only data\n");
        *(volatile uint32_t *)&ro_word = 2;
        printf("FAIL wild: wrote read-only data\n");
        break;
    case 2:
        printf("wild: jumping into the kernel\n");
        ((void (*)(void))TEST_KERNEL_ADDR)();
        printf("FAIL wild: ran kernel code\n");
        break;
    case 3:
        printf("wild: executing an illegal instruction\n");
        __builtin_trap();
    }
    return 1;
}
