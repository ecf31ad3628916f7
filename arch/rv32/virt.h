/* virt.h (rv32) - where QEMU's "virt" board puts its RAM and devices
 * (physical addresses; the kernel maps them 1:1, see vm.c). boot.c reads
 * the real ones from the device tree into `board` (rv32.h); these are the
 * defaults for a tree that lacks them, and the devices it does not list. */
#ifndef RV32_VIRT_H
#define RV32_VIRT_H

#define TEST_BASE    0x00100000u  /* sifive test device: write to power off */
#define PLIC_BASE    0x0c000000u  /* interrupt controller, 4 MiB */
#define PLIC_SIZE    0x00400000u
#define CLINT_BASE   0x02000000u  /* core-local interruptor (unused: Sstc) */
#define UART_BASE    0x10000000u  /* ns16550 serial port */
#define RAM_BASE     0x80000000u  /* QEMU loads the kernel here */
#define RAM_SIZE     (128u << 20) /* -m 128M, scripts/qemu.sh's choice */
#define RAM_LIMIT    0xc0000000u  /* Baton uses RAM up to here (1 GiB) */
#define RAM_MIN_FREE (2u << 20)   /* free RAM past the kernel, at least */

#define UART_IRQ     10           /* the UART's PLIC interrupt source */
#define TIMEBASE_HZ  10000000u    /* the time CSR counts at 10 MHz */

#endif
