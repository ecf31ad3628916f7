# syscall.gdb - batch GDB script for tests/gdb/run.sh (gdb.manifest): the
# syscall entry from the kernel side, and the help of Baton's commands.
help baton
break trap_syscall
# task_self is a light syscall: it skips trap_syscall (the address, not the
# name: GDB would place a break by name past the prologue, in inlined code)
break *trap_syscall_light
continue
backtrace
sysno
printf "current task = \"%s\"\n", task_current->name
continue
sysno
echo END-OF-SCRIPT\n
kill
