# baton.gdb - GDB settings for Baton (GDB's own command language).
set pagination off
set confirm off
set print pretty on
# Kernel functions worth a breakpoint: trap_syscall (every system call),
# trap_timer, trap_irq, trap_user_fault, sched_switch, task_exit.
# User programs: add-symbol-file build/<arch>/prog/NAME.elf
