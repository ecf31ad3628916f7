/* channel.c - the seed's channel API over the channel system calls. Data up
 * to CHANNEL_FAST_MAX bytes is packed into four registers each way (fast
 * path); larger data is handed over through the channel's shared page. */
#include <baton.h>
#include <arch_syscall.h>

ax_return channel_open(channel_handle *handle, channel_port port,
                       channel_direction dir)
{
    return syscall(SYS_CHANNEL_OPEN, port, (uint32_t)dir, (uintptr_t)handle, 0, 0, 0);
}

ax_return channel_close(channel_handle *handle)
{
    return syscall(SYS_CHANNEL_CLOSE, (uintptr_t)handle, 0, 0, 0, 0, 0);
}

ax_return channel_send(channel_handle *handle, channel_data *data,
                       channel_data_size data_size)
{
    uint32_t a[6] = { (uintptr_t)handle, data_size, 0, 0, 0, 0 };
    if (data_size <= CHANNEL_FAST_MAX)
        memcpy(&a[2], data, data_size);          /* the fast path: registers */
    else
        a[2] = (uintptr_t)data;                  /* the kernel fills the page */
    return arch_syscall(SYS_CHANNEL_SEND, a, NULL);
}

ax_return channel_rcv(channel_handle *handle, channel_data *data,
                      channel_data_size data_size)
{
    uint32_t a[6] = { (uintptr_t)handle, (uintptr_t)data, data_size, 0, 0, 0 };
    uint32_t out[6];
    long n = arch_syscall(SYS_CHANNEL_RECV, a, out);
    if (n < 0)
        return (ax_return)n;
    /* The kernel checked data[0..data_size) is ours and n <= data_size. */
    if (n <= CHANNEL_FAST_MAX)
        memcpy(data, out, (size_t)n);
    else
        memcpy(data, (const void *)(uintptr_t)out[0], (size_t)n);
    return (ax_return)n;
}
