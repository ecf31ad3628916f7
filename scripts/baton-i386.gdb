# baton-i386.gdb - i386 commands for Baton's GDB sessions (scripts/gdb.sh).
# In trap_syscall, `f` is the trapped task's saved registers (struct
# arch_frame): the syscall slots are eax, then ebx ecx edx esi edi ebp
# (<baton/syscall.h>).
define sysno
  printf "syscall number = %d\n", f->eax
end
document sysno
In trap_syscall: print the number of the system call being made (eax).
end
define sysargs
  printf "syscall args = %#x %#x %#x %#x %#x %#x\n", f->ebx, f->ecx, f->edx, f->esi, f->edi, f->ebp
end
document sysargs
In trap_syscall: print its six argument slots (ebx ecx edx esi edi ebp).
end
