/* pic.c (i386) - device interrupts: the two 8259 PICs that funnel 16 lines
 * into the CPU, the 8254 PIT that ticks on line 0, and arch_idle(). */
#include "arch.h"
#include "printk.h"
#include "i386.h"
#include "x86.h"

#define PIC1_CMD   0x20       /* master: lines 0-7 */
#define PIC1_DATA  0x21       /* (data port: read/write the mask) */
#define PIC2_CMD   0xa0       /* slave: lines 8-15, chained on master line 2 */
#define PIC2_DATA  0xa1
#define PIC_EOI    0x20       /* "end of interrupt": deliver the next one */
#define PIC_READ_IRR 0x0a     /* next command-port read: the requested lines */
#define PIC_READ_ISR 0x0b     /* next command-port read: the in-service lines */
#define PIC_POLL     0x0c     /* next command-port read: acknowledge, as the CPU does */
#define CASCADE_IRQ  2

#define PIT_CH0    0x40
#define PIT_MODE   0x43
#define PIT_HZ     1193182    /* the PIT's input clock */

/* Bit n set: line n is masked. All start masked except the cascade, or
 * nothing from the slave could get through. */
static uint16_t irq_mask = 0xffff & ~(1u << CASCADE_IRQ);

static void write_masks(void)
{
    outb(PIC1_DATA, irq_mask & 0xff);
    outb(PIC2_DATA, irq_mask >> 8);
}

/* The initialization words: edge triggered, cascaded, vectors moved from
 * the BIOS's 8..15 (which clash with CPU exceptions) to IRQ_BASE.. */
void pic_init(void)
{
    outb(PIC1_CMD, 0x11);                 /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, IRQ_BASE);            /* ICW2: first vector */
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 1 << CASCADE_IRQ);    /* ICW3: slave on line 2 ... */
    outb(PIC2_DATA, CASCADE_IRQ);         /* ... and this is its number */
    outb(PIC1_DATA, 0x01);                /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    write_masks();
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);              /* the master saw line 2 */
}

/* A PIC reports line 7 (or 15) when a request vanished before the CPU took
 * it. Then its in-service bit is clear and no EOI is due, except to the
 * master for the cascade line a spurious slave request came through. */
int pic_spurious(int irq)
{
    if (irq == 7) {
        outb(PIC1_CMD, PIC_READ_ISR);
        return !(inb(PIC1_CMD) & 0x80);
    }
    if (irq == 15) {
        outb(PIC2_CMD, PIC_READ_ISR);
        if (!(inb(PIC2_CMD) & 0x80)) {
            outb(PIC1_CMD, PIC_EOI);
            return 1;
        }
    }
    return 0;
}

void arch_irq_enable(int irq)
{
    ASSERT(irq >= 0 && irq < PIC_LINES);
    irq_mask &= ~(1u << irq);
    write_masks();
}

void arch_irq_disable(int irq)
{
    ASSERT(irq >= 0 && irq < PIC_LINES);
    irq_mask |= 1u << irq;
    write_masks();
}

int arch_irq_uart(void)
{
    return IRQ_COM1;
}

/* Channel 0 in mode 2 (rate generator): a pulse on line 0 every `divisor`
 * input clocks, for ever. */
void arch_timer_init(void)
{
    uint16_t divisor = (PIT_HZ + ARCH_TICK_HZ / 2) / ARCH_TICK_HZ;
    outb(PIT_MODE, 0x34);                 /* channel 0, low then high byte, mode 2 */
    outb(PIT_CH0, divisor & 0xff);
    outb(PIT_CH0, divisor >> 8);
    arch_irq_enable(IRQ_TIMER);
    /* Masked, line 0 still latched the BIOS's old 18.2 Hz timer: that request
     * would arrive at once, a tick at time zero, and the first task would
     * lose its turn at random. Acknowledge it here (interrupts are off) and
     * end it. Line 0 comes first in priority: the poll cannot take another. */
    outb(PIC1_CMD, PIC_READ_IRR);
    if (inb(PIC1_CMD) & (1u << IRQ_TIMER)) {
        outb(PIC1_CMD, PIC_POLL);
        inb(PIC1_CMD);
        pic_eoi(IRQ_TIMER);
    }
}

/* The only place the kernel runs with interrupts on. The interrupt goes
 * through trap() like any other (from ring 0, on this stack), and its
 * handler may switch to a task that was waiting for it; we come back here
 * when this thread is switched in again. */
void arch_idle(void)
{
    sti_hlt();
    cli();
}
