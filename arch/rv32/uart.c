/* uart.c (rv32) - the console: the ns16550 serial port of QEMU's virt board,
 * polled for output, raising PLIC interrupt 10 when a byte arrives. */
#include "arch.h"
#include "riscv.h"
#include "rv32.h"
#include "virt.h"

/* Registers, one byte each, at board.uart_base + offset (the device tree). */
#define UART_RBR  0         /* read: the received byte */
#define UART_THR  0         /* write: the byte to send */
#define UART_IER  1         /* which events raise the interrupt */
#define UART_FCR  2         /* FIFO control */
#define UART_LCR  3         /* line control: data bits, parity, stop bits */
#define UART_MCR  4         /* modem control */
#define UART_LSR  5         /* line status */

#define IER_RX_READY  0x01  /* interrupt when a received byte is waiting */
#define FCR_ENABLE    0x07  /* FIFOs on, both emptied */
#define LCR_8N1       0x03  /* 8 data bits, no parity, 1 stop bit */
#define MCR_OUT2      0x08  /* on PC-style boards this gates the IRQ line */
#define LSR_RX_READY  0x01  /* a byte is waiting in RBR */
#define LSR_TX_EMPTY  0x20  /* THR can take a byte */

static uint8_t uart_read(int reg)
{
    return mmio_read8(board.uart_base + reg);
}

static void uart_write(int reg, uint8_t v)
{
    mmio_write8(board.uart_base + reg, v);
}

void uart_init(void)
{
    uart_write(UART_IER, 0);            /* quiet while we set it up */
    uart_write(UART_LCR, LCR_8N1);      /* QEMU ignores the baud rate */
    uart_write(UART_FCR, FCR_ENABLE);
    uart_write(UART_MCR, MCR_OUT2);
    uart_write(UART_IER, IER_RX_READY); /* the PLIC still masks it: see
                                           arch_irq_enable() */
}

static void uart_putc(char c)
{
    while (!(uart_read(UART_LSR) & LSR_TX_EMPTY))
        ;
    uart_write(UART_THR, (uint8_t)c);
}

/* A terminal needs "\r\n" to start a new line: translate here, once, so
 * every caller can simply write '\n'. */
void arch_console_putc(char c)
{
    if (c == '\n')
        uart_putc('\r');
    uart_putc(c);
}

int arch_console_getc(void)
{
    if (!(uart_read(UART_LSR) & LSR_RX_READY))
        return -1;
    return uart_read(UART_RBR);
}
