/* intr.c (rv32) - the two interrupt sources Baton uses: the timer (Sstc's
 * stimecmp) and device interrupts through the PLIC. */
#include "arch.h"
#include "printk.h"
#include "riscv.h"
#include "rv32.h"
#include "virt.h"

/* ---- Timer ----------------------------------------------------------------
 * The time CSR counts up at 10 MHz. With Sstc, S-mode gets a timer interrupt
 * whenever time >= stimecmp, and writing stimecmp is what clears it. */
#define TICK_COUNT (TIMEBASE_HZ / ARCH_TICK_HZ)

static uint64_t next_tick;

/* stimecmp is 64 bits in two halves. Set the low half to the maximum first,
 * so that no value between the old and the new one fires early. */
static void timer_set(uint64_t when)
{
    w_stimecmp(0xffffffffu);
    w_stimecmph((uint32_t)(when >> 32));
    w_stimecmp((uint32_t)when);
}

void arch_timer_init(void)
{
    if (!rv32_have_sstc)
        panic("rv32: this CPU has no Sstc timer (QEMU 7.1 or later needed)");
    next_tick = r_time64() + TICK_COUNT;
    timer_set(next_tick);
    /* Only now: before the first timer_set, stimecmp is 0 and would fire. */
    w_sie(r_sie() | (1u << IRQ_S_TIMER));
}

/* Ticks stay TICK_COUNT apart however late this runs, unless a whole tick
 * was missed (a debugger stopped QEMU): then start afresh from now. */
void timer_rearm(void)
{
    uint64_t now = r_time64();
    next_tick += TICK_COUNT;
    if (next_tick <= now)
        next_tick = now + TICK_COUNT;
    timer_set(next_tick);
}

/* ---- PLIC -------------------------------------------------------------------
 * The platform-level interrupt controller gathers device lines. Each
 * (hart, mode) pair is a "context" with its own enable bits, threshold and
 * claim register; hart 0 in supervisor mode is context 1 on virt. */
#define PLIC_CONTEXT       1
#define PLIC_PRIORITY(irq) (board.plic_base + 4 * (irq))
#define PLIC_ENABLE(irq)   (board.plic_base + 0x2000 + 0x80 * PLIC_CONTEXT + \
                            4 * ((irq) / 32))    /* one bit per source */
#define PLIC_THRESHOLD     (board.plic_base + 0x200000 + 0x1000 * PLIC_CONTEXT)
#define PLIC_CLAIM         (board.plic_base + 0x200004 + 0x1000 * PLIC_CONTEXT)

void plic_init(void)
{
    mmio_write32(PLIC_THRESHOLD, 0);    /* pass any priority above 0 */
    w_sie(r_sie() | (1u << IRQ_S_EXTERNAL));
}

void arch_irq_enable(int irq)
{
    uintptr_t enable = PLIC_ENABLE(irq);
    mmio_write32(PLIC_PRIORITY(irq), 1);    /* 0 would mean "never" */
    mmio_write32(enable, mmio_read32(enable) | (1u << (irq % 32)));
}

void arch_irq_disable(int irq)
{
    uintptr_t enable = PLIC_ENABLE(irq);
    mmio_write32(enable, mmio_read32(enable) & ~(1u << (irq % 32)));
}

int arch_irq_uart(void)
{
    return board.uart_irq;      /* the device tree's "interrupts" */
}

/* Claiming tells the PLIC we serve the interrupt (0: nothing pending, e.g.
 * another context took it); completing lets that source interrupt again. */
int plic_claim(void)
{
    return (int)mmio_read32(PLIC_CLAIM);
}

void plic_complete(int irq)
{
    mmio_write32(PLIC_CLAIM, (uint32_t)irq);
}
