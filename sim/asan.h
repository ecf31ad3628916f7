/* asan.h - telling AddressSanitizer about the simulator's stack switches.
 * ASan keeps per-stack bookkeeping; a switch to another kernel stack must be
 * announced (start) and completed (finish), and a kernel stack reused for a
 * new task must be unpoisoned, or ASan reports errors that are not there.
 * Without ASan (the fast build) these do nothing. */
#ifndef SIM_ASAN_H
#define SIM_ASAN_H

#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_ASAN 1
#endif
#endif

#ifdef SIM_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>

/* Before switching to the stack [bottom, bottom+size). save == NULL means
 * the stack we leave will never be resumed. */
static inline void sim_asan_start(void **save, const void *bottom, size_t size)
{
    __sanitizer_start_switch_fiber(save, bottom, size);
}

/* First thing after a switch; tells where the stack we came from was. */
static inline void sim_asan_finish(void *save, const void **old_bottom,
                                   size_t *old_size)
{
    __sanitizer_finish_switch_fiber(save, old_bottom, old_size);
}

static inline void sim_asan_unpoison(void *p, size_t n)
{
    ASAN_UNPOISON_MEMORY_REGION(p, n);
}
#else
static inline void sim_asan_start(void **save, const void *bottom, size_t size)
{
    (void)save; (void)bottom; (void)size;
}
static inline void sim_asan_finish(void *save, const void **old_bottom,
                                   size_t *old_size)
{
    (void)save; (void)old_bottom; (void)old_size;
}
static inline void sim_asan_unpoison(void *p, size_t n)
{
    (void)p; (void)n;
}
#endif

#endif
