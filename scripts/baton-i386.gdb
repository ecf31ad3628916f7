# baton-i386.gdb - the i386 half of Baton's GDB commands (scripts/gdb.sh
# loads it after baton.gdb): saved registers, the page-directory walk, the
# address-space register, the syscall entry.
#
# Memory: QEMU's stub translates through the live page directory without
# the user/supervisor check, and every address space maps the kernel
# (0..128 MiB, 1:1), so kernel and user memory both read in any mode: the
# kernel view and the user view are one.
set $baton_nest = 0

define baton-init
  set $baton_nest = 0
end
document baton-init
Run once GDB is attached (gdb.sh); nothing to do on i386.
end

define baton-view
  printf "baton-view: on i386 GDB reads kernel and user memory alike\n"
end
document baton-view
baton-view user|kernel: on rv32, which memory GDB reads; on i386 both
read alike in any mode, so there is nothing to switch.
end

define baton-kernel-begin
end
document baton-kernel-begin
Helper: nothing to switch on i386 (see baton-rv32.gdb).
end
define baton-kernel-end
end
document baton-kernel-end
Helper: nothing to switch on i386.
end

# baton-user-mode: $baton_um = 1 if the CPU is stopped in user mode (ring 3).
define baton-user-mode
  set $baton_um = ($cs & 3) == 3
end
document baton-user-mode
Helper: set $baton_um to 1 if the CPU is stopped in ring 3.
end

# baton-frame ID: $baton_f = task ID's saved user registers, at the top of
# its kernel stack.
define baton-frame
  set $baton_f = (struct arch_frame *) task_table[$arg0].arch.kstack_top - 1
end
document baton-frame
Helper: set $baton_f to task ID's saved user registers (struct arch_frame).
end

# baton-as-of ID: the cr3 value while task ID runs (its page directory).
define baton-as-of
  set $baton_as = task_table[$arg0].vm.pd
  set $baton_as_reg = "$cr3"
end
document baton-as-of
Helper: set $baton_as to task ID's cr3 (the physical address of its page directory).
end

# baton-uaddr ID VA: $baton_pa = the physical address of VA in task ID's
# address space (a walk of its page directory; 4 MiB pages too), 0 if
# unmapped. Physical memory reads 1:1 in the kernel's map.
define baton-uaddr
  set $baton_va = (unsigned) ($arg1)
  set $baton_pte = *(unsigned *)(task_table[$arg0].vm.pd + ($baton_va >> 22) * 4)
  set $baton_pa = 0
  if $baton_pte & 1
    if $baton_pte & 0x80
      set $baton_pa = ($baton_pte & 0xffc00000) | ($baton_va & 0x3fffff)
    else
      set $baton_pte = *(unsigned *)(($baton_pte & 0xfffff000) + (($baton_va >> 12) & 0x3ff) * 4)
      if $baton_pte & 1
        set $baton_pa = ($baton_pte & 0xfffff000) | ($baton_va & 0xfff)
      end
    end
  end
end
document baton-uaddr
Helper: baton-uaddr ID VA sets $baton_pa to VA's physical address in task ID (0: unmapped).
end

define step-syscall
  baton-user-mode
  if $baton_um == 0
    printf "step-syscall: the CPU is not in user mode (break in a user program first: break-user)\n"
  else
    # int $0x80 enters at syscall_stub; cr3 says it is this task's.
    eval "tbreak syscall_stub if (unsigned) $cr3 == %#x", (unsigned) $cr3
    baton-resume
    continue
    printf "step-syscall: in the kernel's syscall entry (syscall_stub), syscall number eax = %d, from user eip %#x\n", $eax, *(unsigned *)$esp
  end
end
document step-syscall
step-syscall: from a stop in user mode (at an int $0x80, or anywhere
before one), run until this task's next system call enters the kernel,
and stop at its first kernel instruction, syscall_stub (the CPU has
switched to the task's kernel stack and pushed eip cs eflags esp ss). A
temporary breakpoint conditioned on this task's cr3. Then `break
trap_syscall` and `continue` reach the C handler, where `sysno` works.
end

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

define baton-resume
end
document baton-resume
Helper: nothing to switch on i386 before the target runs.
end
