/* trace.c - the user side of tracing: switch categories on and off, and
 * record events the kernel cannot see (the async library's queues, marks). */
#include <baton.h>

uint32_t trace_get_mask(void)
{
    return (uint32_t)syscall(SYS_TRACE_CTL, TRACE_CTL_GET, 0, 0, 0, 0, 0);
}

uint32_t trace_set_mask(uint32_t mask)
{
    return (uint32_t)syscall(SYS_TRACE_CTL, TRACE_CTL_SET, mask, 0, 0, 0, 0);
}

error_t trace_record(int event, task_t peer, uint32_t value)
{
    return syscall(SYS_TRACE_CTL, TRACE_CTL_RECORD, (uint32_t)event,
                   (uint32_t)peer, value, 0, 0);
}

long trace_host_rx(char *buf, size_t len, size_t cap)
{
    return syscall(SYS_TRACE_CTL, TRACE_CTL_HOST_RX, (uintptr_t)buf, len, cap, 0, 0);
}
