/* riscv.h (rv32) - the RISC-V control registers (CSRs) the port touches,
 * each behind a tiny named function, and the bits it uses in them. */
#ifndef RV32_RISCV_H
#define RV32_RISCV_H

#include <stdint.h>

/* CSR_RW(satp, satp) defines r_satp(), which reads the CSR satp, and
 * w_satp(v), which writes it. Names clang 14 does not know yet (menvcfgh,
 * stimecmp) are given by number. The "memory" clobber keeps the compiler
 * from moving memory accesses across a write: page-table stores must come
 * before the satp write that uses them. */
#define CSR_RW(name, csr)                                                     \
    static inline uint32_t r_##name(void)                                     \
    {                                                                         \
        uint32_t v;                                                           \
        __asm__ volatile("csrr %0, " #csr : "=r"(v));                         \
        return v;                                                             \
    }                                                                         \
    static inline void w_##name(uint32_t v)                                   \
    {                                                                         \
        __asm__ volatile("csrw " #csr ", %0" : : "r"(v) : "memory");         \
    }

/* Machine mode: used only by the boot code in boot.c. */
CSR_RW(mstatus, mstatus)
CSR_RW(mepc, mepc)
CSR_RW(mtvec, mtvec)
CSR_RW(mcause, mcause)
CSR_RW(medeleg, medeleg)
CSR_RW(mideleg, mideleg)
CSR_RW(mie, mie)
CSR_RW(mcounteren, mcounteren)
CSR_RW(misa, misa)            /* the extensions: bit n for letter A + n */
CSR_RW(menvcfgh, 0x31a)       /* upper half of menvcfg on rv32 */
CSR_RW(pmpcfg0, pmpcfg0)
CSR_RW(pmpaddr0, pmpaddr0)

/* Supervisor mode: the kernel. */
CSR_RW(sstatus, sstatus)
CSR_RW(sie, sie)
CSR_RW(stvec, stvec)
CSR_RW(sscratch, sscratch)
CSR_RW(sepc, sepc)
CSR_RW(scause, scause)
CSR_RW(stval, stval)
CSR_RW(satp, satp)
CSR_RW(scounteren, scounteren)
CSR_RW(stimecmp, 0x14d)       /* Sstc: a timer interrupt when time >= this */
CSR_RW(stimecmph, 0x15d)

/* mstatus: the mode mret returns to (MPP), 2 bits at 11. */
#define MSTATUS_MPP_MASK  (3u << 11)
#define MSTATUS_MPP_S     (1u << 11)
/* menvcfgh.STCE (bit 63 of menvcfg): let S-mode use stimecmp (Sstc). */
#define MENVCFGH_STCE     (1u << 31)
/* pmpcfg0 entry 0: read, write, execute, address matching "top of range". */
#define PMP_RWX_TOR       0x0fu

/* sstatus bits. SIE: interrupts on in S-mode. SPIE: SIE before the trap.
 * SPP: the mode the trap came from (1 = supervisor), where sret returns. */
#define SSTATUS_SIE       (1u << 1)
#define SSTATUS_SPIE      (1u << 5)
#define SSTATUS_SPP       (1u << 8)

/* Interrupt numbers: bits in sie/sip/mideleg, and scause codes. */
#define IRQ_S_SOFT        1
#define IRQ_S_TIMER       5
#define IRQ_S_EXTERNAL    9
#define SCAUSE_INTERRUPT  (1u << 31)

/* Exception codes in scause (interrupt bit clear). */
enum {
    EXC_INST_MISALIGNED = 0, EXC_INST_ACCESS = 1, EXC_ILLEGAL = 2,
    EXC_BREAKPOINT = 3, EXC_LOAD_MISALIGNED = 4, EXC_LOAD_ACCESS = 5,
    EXC_STORE_MISALIGNED = 6, EXC_STORE_ACCESS = 7, EXC_ECALL_U = 8,
    EXC_ECALL_S = 9, EXC_INST_PAGE = 12, EXC_LOAD_PAGE = 13,
    EXC_STORE_PAGE = 15,
};

/* satp: Sv32 translation on (MODE bit), address-space ID, root table's
 * physical page number. */
#define SATP_SV32         (1u << 31)
#define SATP_ASID_SHIFT   22
#define SATP_ASID_MASK    (0x1ffu << SATP_ASID_SHIFT)
#define MAKE_SATP(root)   (SATP_SV32 | ((uint32_t)(root) >> 12))

/* Forget cached translations: all of them, or those of one address. */
static inline void sfence_vma_all(void)
{
    __asm__ volatile("sfence.vma zero, zero" : : : "memory");
}
static inline void sfence_vma_addr(uintptr_t va)
{
    __asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
}
/* Those of one address space: its ASID's (global ones stay). */
static inline void sfence_vma_asid(uint32_t asid)
{
    __asm__ volatile("sfence.vma zero, %0" : : "r"(asid) : "memory");
}

/* Interrupts in supervisor mode on and off (sstatus.SIE); wait for one. */
static inline void intr_on(void)
{
    __asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}
static inline void intr_off(void)
{
    __asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE) : "memory");
}
static inline void wfi(void)
{
    __asm__ volatile("wfi" : : : "memory");
}

/* Device registers: volatile, so that every access really happens. */
static inline uint32_t mmio_read32(uintptr_t a)
{
    return *(volatile uint32_t *)a;
}
static inline void mmio_write32(uintptr_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static inline uint8_t mmio_read8(uintptr_t a)
{
    return *(volatile uint8_t *)a;
}
static inline void mmio_write8(uintptr_t a, uint8_t v)
{
    *(volatile uint8_t *)a = v;
}

/* Read-only counters: the timer (time, at TIMEBASE_HZ) and the cycle counter
 * (instructions retired under QEMU's -icount shift=0). */
#define CSR_R(name, csr)                                                      \
    static inline uint32_t r_##name(void)                                     \
    {                                                                         \
        uint32_t v;                                                           \
        __asm__ volatile("csrr %0, " #csr : "=r"(v));                         \
        return v;                                                             \
    }
CSR_R(time, time)
CSR_R(timeh, timeh)
CSR_R(cycle, cycle)
CSR_R(cycleh, cycleh)

/* rv32 reads a 64-bit counter in two halves. If the high half changed while
 * the low half was read, the low half wrapped in between: read again. */
static inline uint64_t read64(uint32_t (*hi)(void), uint32_t (*lo)(void))
{
    uint32_t h, l;
    do {
        h = hi();
        l = lo();
    } while (h != hi());
    return ((uint64_t)h << 32) | l;
}
static inline uint64_t r_time64(void)  { return read64(r_timeh, r_time); }
static inline uint64_t r_cycle64(void) { return read64(r_cycleh, r_cycle); }

#endif
