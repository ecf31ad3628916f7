/* internal.h - what the simulator's own files share: the state of the
 * simulated machine during a run, and each file's entry points. Not for
 * users of the library (they include sim.h). */
#ifndef SIM_INTERNAL_H
#define SIM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include "sim.h"
#include "arch.h"
#include "printk.h"
#include <baton/types.h>

/* Virtual time, in cycles of a nominal 1 GHz machine. What things cost is
 * made up, but fixed: the same run always reads the same clock. */
#define SIM_HZ              1000000000ull
#define SIM_TICK_CYCLES     (SIM_HZ / ARCH_TICK_HZ)
#define SIM_SYSCALL_CYCLES  1000ull     /* a system call and the code before it */
#define SIM_SWITCH_CYCLES   500ull      /* a context switch */

#define SIM_E_VALID (1u << 4)          /* a valid page-table entry (sim/vm.c) */

#define SIM_UART_FIFO 16                /* bytes the UART holds: one interrupt's worth */

/* The machine, during one run. sim_run() resets all of it. */
struct sim_state {
    const struct sim_config *cfg;
    struct arch_task *cur;        /* whose kernel stack we are on */
    struct arch_vm *want_vm;      /* what arch_vm_activate last asked for */

    /* time and events (sim/time.c) */
    uint64_t now;                 /* virtual cycles since boot */
    uint64_t next_tick;           /* when the timer fires next */
    bool timer_on;
    uint64_t prng;                /* the seeded generator's state */
    uint64_t preempt_mask;        /* preempt when (random & mask) == 0 */

    /* the UART (sim/time.c) */
    bool uart_irq_on;
    size_t input_pos;             /* next byte of console input to deliver */
    unsigned char rx[SIM_UART_FIFO];
    int rx_len, rx_pos;           /* bytes in the FIFO, next to read */
    bool stdin_eof;
    FILE *out;

    /* counters */
    uint64_t steps, syscalls, switches, ticks, preemptions;

    /* the end */
    enum sim_end end;
    int status;
};

extern struct sim_state sim;

/* Read by sim/switch.S: where the current task's kernel stack starts (its
 * frame), and whether user code is running (for the fault handler). */
extern uint64_t sim_trap_sp;
extern volatile uint8_t sim_in_user;

/* sim/switch.S */
void sim_ctx_switch(uint64_t *save_sp, uint64_t new_sp);
void sim_ctx_start(void);
noreturn void sim_user_enter(void (*entry)(void), uint64_t usp);

/* sim/task.c: contexts and the syscall path */
uint64_t sim_ctx_new(void *stack_top, void (*fn)(void *), void *arg);
void sim_switch_to(uint64_t *save_sp, uint64_t new_sp,
                   const void *stack_bottom, size_t stack_size);
size_t sim_kstack_peak(void);
void sim_tasks_reset(void);
void sim_syscall(uint32_t slots[7], uint64_t pc);          /* from switch.S */
noreturn void sim_user_fault(const char *what, uint64_t pc, uint64_t addr);

/* sim/mem.c: physical memory; the window's one primitive */
void sim_mem_init(void);
void sim_mem_reset(void);                  /* the window shows nothing */
extern uintptr_t sim_ram;
/* Physical address 0 as a kernel pointer: physical memory is mapped at
 * sim_ram (inline: every page-table entry of the simulator uses it). */
static inline uintptr_t sim_phys_base(void)
{
    return sim_ram;
}
void sim_window_map(uintptr_t va, size_t npages, uint32_t e, int pkey);
noreturn void sim_die(const char *what);   /* a host call failed: exit */

/* sim/softkey.c: software protection keys, checked by user code itself
 * (compiled to call a check before every access) */
#define SIM_WINDOW_PAGES ((USER_END - USER_BASE) / PAGE_SIZE)
#define SIM_KEY_ANY  0xffu   /* a page the host's protection alone governs */
#define SIM_KEY_NONE 0xfeu   /* sim_softkey_now when no address space runs */
extern uint8_t sim_softkey_page[SIM_WINDOW_PAGES];   /* each page's key */
extern uint8_t sim_softkey_now;                       /* the one user code may use */

/* sim/window.c: the user window shows the current address space */
void sim_window_init(void);
void sim_window_reset(void);
void sim_window_sync(struct arch_vm *vm);  /* before user code runs */
void sim_window_forget(struct arch_vm *vm);   /* vm is destroyed */
bool sim_window_demand(uintptr_t addr);  /* user code touches its stack... */
const char *sim_window_mechanism(void);  /* sim_mechanism() */

/* The user stack: at the same addresses in every address space, for the
 * kernel (SIM_USTACK_LO..USER_STACK_TOP); user code runs on it at addresses
 * of its address space's own, vm->ustack, a "stack alias" in the area
 * SIM_STACKS_BASE..SIM_STACKS_END that nothing else uses (sim/vm.c). */
#define SIM_USTACK_LO    (USER_STACK_TOP - USER_STACK_SIZE)
#define SIM_USTACK_PAGES (USER_STACK_SIZE / PAGE_SIZE)
#define SIM_STACKS_BASE  0x4e000000u
#define SIM_STACK_STRIDE 0x10000u        /* 16 KiB of stack, 48 KiB of nothing */
#define SIM_STACKS_END   (SIM_STACKS_BASE + TASK_MAX * SIM_STACK_STRIDE)

/* sim/vm.c: the physical page of a table entry; region vpn1's leaf table;
 * the leaf entry of va (0: none; a stack alias counts as its stack); the
 * address the kernel knows for va (its stack for a stack alias of vm's, 0
 * for another's); before a run, no stack alias is taken */
uintptr_t sim_entry_pa(uint32_t e);
uint32_t *sim_vm_leaf(struct arch_vm *vm, unsigned vpn1);
uint32_t sim_vm_entry(struct arch_vm *vm, uintptr_t va);
uintptr_t sim_vm_canonical(const struct arch_vm *vm, uintptr_t va);
uintptr_t sim_vm_alias(const struct arch_vm *vm, uintptr_t va);
void sim_vm_reset(void);

/* sim/program.c */
void sim_programs_init(void);
void (*sim_program_entry(uintptr_t va))(void);
const unsigned char *sim_program_image(const struct sim_program *p, size_t *size);

/* sim/fault.c */
void sim_faults_init(void);

/* sim/time.c */
void sim_time_reset(const struct sim_config *cfg);
void sim_boundary(void);          /* at every syscall: time, ticks, preemption */
uint64_t sim_random(void);
void sim_console_type(const void *bytes, size_t n);   /* more console input */

/* sim/run.c */
noreturn void sim_stop(enum sim_end end, int status);

/* sim/report.c */
void sim_report(FILE *f, const struct sim_result *res);

#endif
