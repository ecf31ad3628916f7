/* uart.h - the 16550 UART's registers as a driver task sees them, on every
 * port (docs/interrupts.md). A task granted the device (manifest
 * `device=uart`) reaches them through uart_reg_read() and uart_reg_write()
 * (<baton.h>): on rv32 they are the page mapped at USER_UART, on i386 the
 * I/O ports 0x3f8..0x3ff that its TSS I/O map lets through, in the simulator
 * its UART model. Any other task faults on the first access. */
#ifndef BATON_UART_H
#define BATON_UART_H

/* Register offsets, one byte each. */
#define UART_RBR  0         /* read: the received byte (the driver's) */
#define UART_THR  0         /* write: the byte to send (the kernel's) */
#define UART_IER  1         /* interrupt enable (the kernel's, set at boot) */
#define UART_LSR  5         /* line status: read by both sides */

#define UART_LSR_RX_READY 0x01  /* a byte waits in RBR */
#define UART_LSR_TX_EMPTY 0x20  /* THR can take a byte */

#define UART_IO_PORT 0x3f8      /* i386: COM1's first port */

/* SYS_CONSOLE_READ served by a driver task (the console input server):
 * a call with type CONSOLE_READ_MSG (<baton/ipc.h>) and words[0] = bytes wanted; the reply
 * has words[0] = bytes given (or an error_t) and the bytes from raw[4]. */
#define CONSOLE_READ_MAX  20    /* bytes in one reply: MESSAGE_DATA_SIZE - 4 */

#endif
