/* t_kinfo.c - the kernel info page (<baton/kinfo.h>): every task can read
 * it, it follows the trace mask, and a task that writes to it is killed. */
#include <baton_test.h>

int main(void)
{
    CHECK_EQ(KINFO->version, KINFO_VERSION, "kinfo: the page is mapped, with its version");
    uint32_t old = trace_set_mask(TRACE_CAT_ASYNC);
    CHECK_EQ(KINFO->trace_mask, TRACE_CAT_ASYNC & TRACE_BUILD_MASK,
             "kinfo: trace_mask follows trace_set_mask");
    trace_set_mask(old);
    CHECK_EQ(KINFO->trace_mask, old, "kinfo: and back");
    printf("kinfo: writing the info page\n");
    *(volatile uint32_t *)&KINFO->trace_mask = 0xffffffffu;
    printf("FAIL kinfo: wrote to the kernel info page\n");
    return 1;
}
