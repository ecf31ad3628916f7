# syscall.gdb - batch GDB script for tests/gdb/run.sh (gdb.manifest): the
# syscall entry from the kernel side, and the help of Baton's commands.
help baton
break trap_syscall
continue
backtrace
sysno
printf "current task = \"%s\"\n", task_current->name
continue
sysno
echo END-OF-SCRIPT\n
kill
