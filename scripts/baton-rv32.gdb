# baton-rv32.gdb - rv32 commands for Baton's GDB sessions (scripts/gdb.sh).
# In trap_syscall, `f` is the trapped task's saved registers (struct
# arch_frame): the syscall slots are a0..a6 (<baton/syscall.h>).
define sysno
  printf "syscall number = %d\n", f->a[0]
end
document sysno
In trap_syscall: print the number of the system call being made (a0).
end
define sysargs
  printf "syscall args = %#x %#x %#x %#x %#x %#x\n", f->a[1], f->a[2], f->a[3], f->a[4], f->a[5], f->a[6]
end
document sysargs
In trap_syscall: print its six argument slots (a1..a6).
end
