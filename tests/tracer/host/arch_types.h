/* arch_types.h (host, for tests) - the machine state kernel/arch.h asks a
 * port for, empty: it lets kernel/trace.c be compiled and run on the host,
 * against the fake kernel of host_kernel.c. */
#ifndef HOST_ARCH_TYPES_H
#define HOST_ARCH_TYPES_H

#include <stdint.h>

#define ARCH_NAME "host"
#define ARCH_ELF_MACHINE 0
#define ARCH_FASTPATH_BYTES 16

struct arch_frame { uint32_t reg[8]; };
struct arch_task { int unused; };
struct arch_vm { uintptr_t root; };

#endif
