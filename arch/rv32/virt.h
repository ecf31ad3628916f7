/* virt.h (rv32) - where QEMU's "virt" board puts its RAM and devices
 * (physical addresses; the kernel maps them 1:1, see vm.c). */
#ifndef RV32_VIRT_H
#define RV32_VIRT_H

#define TEST_BASE    0x00100000u  /* sifive test device: write to power off */
#define PLIC_BASE    0x0c000000u  /* interrupt controller, 4 MiB */
#define PLIC_SIZE    0x00400000u
#define UART_BASE    0x10000000u  /* ns16550 serial port */
#define RAM_BASE     0x80000000u  /* QEMU loads the kernel here */
#define RAM_END      0x88000000u  /* -m 128M */

#define UART_IRQ     10           /* the UART's PLIC interrupt source */
#define TIMEBASE_HZ  10000000u    /* the time CSR counts at 10 MHz */

#endif
