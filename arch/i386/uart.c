/* uart.c (i386) - the console: COM1, a 16550-compatible UART at I/O port
 * 0x3f8, polled for output, interrupting on IRQ 4 when a byte arrives. */
#include "arch.h"
#include "i386.h"
#include "x86.h"

#define COM1      0x3f8
#define DATA      (COM1 + 0)  /* receive / transmit byte (divisor low with DLAB) */
#define IER       (COM1 + 1)  /* interrupt enable (divisor high with DLAB) */
#define FCR       (COM1 + 2)  /* FIFO control */
#define LCR       (COM1 + 3)  /* line control */
#define MCR       (COM1 + 4)  /* modem control */
#define LSR       (COM1 + 5)  /* line status */

#define IER_RX        0x01    /* interrupt when a byte has arrived */
#define LCR_8N1       0x03    /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB      0x80    /* ports 0 and 1 become the baud divisor */
#define MCR_DTR_RTS   0x03
#define MCR_OUT2      0x08    /* on a PC this gates the UART's IRQ line */
#define LSR_RX_READY  0x01
#define LSR_TX_EMPTY  0x20    /* the transmit holding register is free */

/* 115200 baud (divisor 1), 8N1. The FIFOs stay off: each byte then raises
 * the interrupt line anew once the previous one is read, which is what the
 * PIC (edge triggered) needs to see every byte. */
void uart_init(void)
{
    outb(IER, 0);
    outb(LCR, LCR_DLAB);
    outb(DATA, 1);
    outb(IER, 0);
    outb(LCR, LCR_8N1);
    outb(FCR, 0);
    outb(MCR, MCR_DTR_RTS | MCR_OUT2);
    outb(IER, IER_RX);        /* the PIC keeps line 4 masked until enabled */
}

static void put_byte(char c)
{
    while (!(inb(LSR) & LSR_TX_EMPTY))
        ;
    outb(DATA, (uint8_t)c);
}

/* Terminals want "\r\n": doing it here gives every caller clean output. */
void arch_console_putc(char c)
{
    if (c == '\n')
        put_byte('\r');
    put_byte(c);
}

int arch_console_getc(void)
{
    if (!(inb(LSR) & LSR_RX_READY))
        return -1;
    return inb(DATA);
}
