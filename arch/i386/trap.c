/* trap.c (i386) - the interrupt descriptor table, and trap(): decide what
 * each trap is and hand it to the portable kernel (kernel/arch.h). */
#include <stddef.h>
#include "arch.h"
#include "printk.h"
#include "i386.h"
#include "x86.h"
#include "syscall.h"

#define GATE_INTERRUPT 0x8e   /* present, 32-bit interrupt gate: clears IF */
#define GATE_TASK      0x85   /* present, task gate: switch to a TSS */
#define DOUBLE_FAULT   8
#define GATE_DPL(pl)   ((pl) << 5)
#define PAGE_FAULT     14
#define PF_PRESENT     0x1    /* page-fault error code: the page was mapped */
#define PF_WRITE       0x2    /* ... and the access was a write */

/* One IDT entry: where to jump (cs:offset) and who may use "int" on it. */
struct gate {
    uint16_t offset_lo, selector;
    uint8_t zero, type;
    uint16_t offset_hi;
};
static struct gate idt[256];

extern const uint32_t trap_stubs[IRQ_BASE + PIC_LINES];   /* trapentry.S */
extern char syscall_stub[];
/* trapentry.S's syscall_stub reads these from the frame and eax. */
_Static_assert(offsetof(struct arch_frame, cs) == 60, "trapentry.S FRAME_CS");
_Static_assert(SYS_IPC_REGS == 15, "trapentry.S SYS_IPC_REGS_NR");
struct arch_frame *trap(struct arch_frame *f);

static void set_gate(int vector, uint32_t handler, int dpl)
{
    idt[vector] = (struct gate){
        .offset_lo = handler & 0xffff, .selector = KERNEL_CS,
        .type = GATE_INTERRUPT | GATE_DPL(dpl), .offset_hi = handler >> 16,
    };
}

/* A double fault (a fault while the CPU delivers another one, typically
 * because the stack it would push on is gone) switches to the double-fault
 * task (gdt.c), on a stack of its own: an interrupt gate would push on the
 * same dead stack, fault a third time and reset the machine silently. */
static void set_task_gate(int vector, uint16_t tss_selector)
{
    idt[vector] = (struct gate){ .selector = tss_selector, .type = GATE_TASK };
}

/* Only the syscall gate has DPL 3: "int $n" from user mode for any other
 * vector is a general-protection fault, so users cannot fake an IRQ. */
void idt_init(void)
{
    for (int v = 0; v < IRQ_BASE + PIC_LINES; v++)
        set_gate(v, trap_stubs[v], 0);
    set_task_gate(DOUBLE_FAULT, DF_TSS_SEL);
    set_gate(SYSCALL_VECTOR, (uint32_t)syscall_stub, 3);
    struct table_ptr p = { sizeof(idt) - 1, (uint32_t)idt };
    lidt(&p);
}

static const char *const exception_names[32] = {
    "divide error", "debug trap", "NMI", "breakpoint", "overflow",
    "bound range exceeded", "illegal instruction", "no FPU",
    "double fault", "coprocessor overrun", "bad TSS", "segment not present",
    "stack fault", "general protection fault", "page fault", "reserved 15",
    "x87 FPU error", "alignment check", "machine check", "SIMD FPU error",
    "virtualization fault", "control protection fault",
};

/* A readable cause for trap_user_fault(); page faults say a bit more. An
 * instruction fetch counts as a read: without NX, i386 cannot tell them apart. */
static const char *fault_name(const struct arch_frame *f)
{
    if (f->vector == PAGE_FAULT) {
        static const char *const pf[4] = {
            "page fault: read/execute of an unmapped page",
            "page fault: read/execute of a protected page",
            "page fault: write to an unmapped page",
            "page fault: write to a protected page",
        };
        return pf[f->error & (PF_PRESENT | PF_WRITE)];
    }
    const char *name = f->vector < 32 ? exception_names[f->vector] : NULL;
    return name ? name : "unexpected vector";
}

/* The privilege level the trap came from is the low 2 bits of saved cs. */
static int from_user(const struct arch_frame *f)
{
    return (f->cs & 3) == 3;
}

/* Device interrupt on PIC line irq. EOI first: the handler may switch to
 * another task and this one may not come back here for a long time. */
static void device_irq(int irq)
{
    if (pic_spurious(irq))
        return;
    pic_eoi(irq);
    if (irq == IRQ_TIMER)
        trap_timer();
    else
        trap_irq(irq);
}

/* Called by trapentry.S with interrupts off, on the kernel stack of the
 * current task. The handlers may switch tasks: we then return here, and to
 * f, only when this task is switched back in. It returns the frame that trapentry.S
 * leaves by: f, or another task's when the IPC fast path switched to it
 * (kernel/fastpath.c). */
struct arch_frame *trap(struct arch_frame *f)
{
    if (f->vector == SYSCALL_VECTOR && from_user(f)) {
        if (syscall_is_light(f->eax)) {
            trap_syscall_light(f);
            return f;
        }
        trap_syscall(f);     /* SYS_IPC_REGS: syscall_stub tried the fast path */
    } else if (f->vector >= IRQ_BASE && f->vector < IRQ_BASE + PIC_LINES) {
        device_irq(f->vector - IRQ_BASE);   /* from user mode or arch_idle */
    } else if (from_user(f)) {
        uint32_t addr = f->vector == PAGE_FAULT ? read_cr2() : 0;
        trap_user_fault(fault_name(f), f->eip, addr);
    } else {
        uint32_t cr2 = read_cr2();
        panic("kernel trap %u (%s) at eip 0x%08x, cr2 0x%08x, error 0x%x",
              (unsigned)f->vector, fault_name(f), (unsigned)f->eip,
              (unsigned)cr2, (unsigned)f->error);
    }
    return f;
}

/* The double-fault task's first instruction (gdt.c). It never returns:
 * the state it would return to is the one that could not take a fault.
 * cr2 tells a stack overflow: the last page fault hit a guard page. */
noreturn void double_fault_task(void)
{
    uint32_t eip, esp, cr2 = read_cr2();
    gdt_fault_state(&eip, &esp);
    int guard = i386_guard_page(cr2);
    if (guard == 0)
        panic("i386: double fault at eip 0x%08x, esp 0x%08x, cr2 0x%08x: "
              "the boot stack overflowed into its guard page",
              (unsigned)eip, (unsigned)esp, (unsigned)cr2);
    if (guard > 0)
        panic("i386: double fault at eip 0x%08x, esp 0x%08x, cr2 0x%08x: "
              "the kernel stack of task %d overflowed into its guard page",
              (unsigned)eip, (unsigned)esp, (unsigned)cr2, guard - 1);
    panic("i386: double fault at eip 0x%08x, esp 0x%08x, cr2 0x%08x: "
          "a fault while entering a fault handler (a kernel stack overflow?)",
          (unsigned)eip, (unsigned)esp, (unsigned)cr2);
}
