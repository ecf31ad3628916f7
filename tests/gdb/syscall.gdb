# syscall.gdb - batch GDB script for tests/gdb/run.sh.
break trap_syscall
continue
backtrace
sysno
printf "current task = \"%s\"\n", task_current->name
continue
sysno
kill
