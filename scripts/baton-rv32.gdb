# baton-rv32.gdb - the rv32 half of Baton's GDB commands (scripts/gdb.sh
# loads it after baton.gdb): the kernel view of memory, saved registers,
# the Sv32 page-table walk, the address-space register, the syscall entry.
#
# The kernel view. QEMU's GDB stub reads memory as the CPU would in its
# current mode: stopped in user mode, the kernel's pages (no U bit) cannot
# be read, and stopped in the kernel, user pages cannot (sstatus.SUM is
# clear). The stub's physical-memory mode reads physical addresses, and the
# kernel maps RAM 1:1, so in that mode every kernel pointer reads right in
# any mode: Baton's GDB sessions use it by default (the kernel view).
# `baton-view user` switches back to virtual addresses until the next stop,
# to read the stopped user program's own memory (its stack, its variables).

set $baton_phys = 0
set $baton_nest = 0

define baton-phys
  # ($arg0 may be a variable: the packet needs a literal digit.)
  if $arg0
    pipe maintenance packet Qqemu.PhyMemMode:1 | cat >/dev/null
    set $baton_phys = 1
  else
    pipe maintenance packet Qqemu.PhyMemMode:0 | cat >/dev/null
    set $baton_phys = 0
  end
  maintenance flush dcache
  maintenance flush register-cache
end
document baton-phys
baton-phys 1|0: QEMU's stub reads physical (1) or virtual (0) addresses.
end

define baton-init
  set $baton_nest = 0
  baton-phys 1
end
document baton-init
Run once GDB is attached (gdb.sh): the kernel view of memory.
end

# At every stop, the kernel view; before every resume, virtual addresses
# again: GDB reads the instruction at the pc to step off a breakpoint, and
# in user mode that is a user address.
define hook-stop
  if $baton_phys != 1
    baton-phys 1
  end
end
define baton-resume
  if $baton_phys != 0
    baton-phys 0
  end
end
document baton-resume
Helper: virtual addresses before the target runs (the resume hooks).
end
define hook-continue
  baton-resume
end
define hook-step
  baton-resume
end
define hook-next
  baton-resume
end
define hook-stepi
  baton-resume
end
define hook-nexti
  baton-resume
end
define hook-finish
  baton-resume
end
define hook-until
  baton-resume
end
define hook-advance
  baton-resume
end

define baton-view
  set $baton_s = "$arg0"
  if $baton_s[0] == 'u'
    baton-phys 0
    printf "baton-view: virtual addresses (the stopped program's memory) until the next stop\n"
  else
    baton-phys 1
    printf "baton-view: the kernel view (physical addresses)\n"
  end
end
document baton-view
baton-view user|kernel (rv32): which memory GDB reads. The kernel view,
the default, reads physical addresses: every kernel pointer works in any
mode, so `print task_current->name` works while stopped in user mode, but
a user address such as the stack does not. `baton-view user` reads virtual
addresses through the stopped task's page table, for `bt`, `x` or a local
variable of a user program, until the next stop. Baton's commands always
switch to the kernel view while they run. (On i386 both views are one.)
end

# Baton's commands bracket their reads with these two.
define baton-kernel-begin
  if $baton_nest == 0
    set $baton_view_before = $baton_phys
    if $baton_phys != 1
      baton-phys 1
    end
  end
  set $baton_nest = $baton_nest + 1
end
document baton-kernel-begin
Helper: switch to the kernel view for a command (nests).
end
define baton-kernel-end
  set $baton_nest = $baton_nest - 1
  if $baton_nest <= 0
    set $baton_nest = 0
    if $baton_view_before != $baton_phys
      baton-phys $baton_view_before
    end
  end
end
document baton-kernel-end
Helper: back to the view before baton-kernel-begin.
end

# baton-user-mode: $baton_um = 1 if the CPU is stopped in user mode.
define baton-user-mode
  set $baton_um = $priv == 0
end
document baton-user-mode
Helper: set $baton_um to 1 if the CPU is stopped in user mode (priv 0).
end

# baton-frame ID: $baton_f = task ID's saved user registers.
define baton-frame
  set $baton_f = task_table[$arg0].arch.frame
end
document baton-frame
Helper: set $baton_f to task ID's saved user registers (struct arch_frame).
end

# baton-as-of ID: the satp value while task ID runs (Sv32, its ASID, root
# >> 12): vm.satp when it has an ASID, else ASID 0 (arch/rv32/vm.c).
define baton-as-of
  if task_table[$arg0].vm.satp
    set $baton_as = task_table[$arg0].vm.satp
  else
    set $baton_as = 0x80000000 | (task_table[$arg0].vm.root >> 12)
  end
  set $baton_as_reg = "$satp"
end
document baton-as-of
Helper: set $baton_as to task ID's satp (Sv32 mode, ASID, root page number).
end

# baton-uaddr ID VA: $baton_pa = the physical address of VA in task ID's
# address space (an Sv32 walk of its root table), 0 if unmapped.
define baton-uaddr
  set $baton_va = (unsigned) ($arg1)
  set $baton_pte = *(unsigned *)(task_table[$arg0].vm.root + ($baton_va >> 22) * 4)
  set $baton_pa = 0
  if $baton_pte & 1
    if $baton_pte & 0xe
      set $baton_pa = ((($baton_pte >> 10) << 12) & 0xffc00000) | ($baton_va & 0x3fffff)
    else
      set $baton_pte = *(unsigned *)((($baton_pte >> 10) << 12) + (($baton_va >> 12) & 0x3ff) * 4)
      if $baton_pte & 1
        set $baton_pa = (($baton_pte >> 10) << 12) | ($baton_va & 0xfff)
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
    # Every trap enters at trap_entry; an ecall from U is scause 8, and
    # satp says it is this task's (not a timer, not another task's call).
    eval "tbreak trap_entry if (unsigned) $scause == 8 && (unsigned) $satp == %#x", (unsigned) $satp
    baton-resume
    continue
    printf "step-syscall: in the kernel's syscall entry (trap_entry), syscall number a0 = %d, from user pc %#x\n", $a0, $sepc
  end
end
document step-syscall
step-syscall: from a stop in user mode (at an ecall, or anywhere before
one), run until this task's next system call enters the kernel, and stop
at the first kernel instruction, trap_entry. (Under QEMU's stub, stepi
over ecall lands on the next user instruction, so this is a temporary
breakpoint at trap_entry, conditioned on scause 8, an ecall from U-mode,
and on this task's satp.) `bt` shows the user frame below; then `break
trap_syscall` and `continue` reach the C handler, where `sysno` works.
end

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
