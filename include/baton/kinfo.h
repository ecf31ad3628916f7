/* kinfo.h - the kernel info page: one page the kernel maps read-only into
 * every task at USER_KINFO (<baton/syscall.h>), where user code reads what
 * the kernel publishes without making a system call. Today that is the trace
 * mask, so that the async library records its events only while the kernel
 * traces them (a system call each time would triple what an async message
 * costs). Fields are only ever added at the end. */
#ifndef BATON_KINFO_H
#define BATON_KINFO_H

#include <stdint.h>
#include <baton/syscall.h>

#define KINFO_VERSION 2

struct kinfo {
    uint32_t version;       /* KINFO_VERSION */
    uint32_t trace_mask;    /* categories being traced now (<baton/trace.h>) */
    /* Tracepoints the kernel has passed, on or off; counted only in a
     * kernel built with make TRACE_COUNT=1 (make bench), 0 otherwise. */
    uint32_t trace_sites;
    /* How the port keeps translations across an address-space switch
     * (KINFO_VM_*; docs/arch-rv32.md, docs/arch-i386.md), and how many
     * ASIDs it hands out to address spaces (rv32; 0: none, full flushes). */
    uint32_t vm_mode;
    uint32_t vm_asids;
    uint32_t console_driver; /* the task holding IRQ_UART, serving console
                              * reads over IPC; 0: the kernel serves them */
};

enum kinfo_vm_mode {
    KINFO_VM_FLUSH,     /* every switch flushes the TLB (and the simulator) */
    KINFO_VM_ASID,      /* rv32: one ASID per address space, while they last */
    KINFO_VM_GLOBAL,    /* i386: kernel pages global (CR4.PGE) */
};

/* The page as a user program sees it. */
#define KINFO ((const volatile struct kinfo *)USER_KINFO)

#endif
