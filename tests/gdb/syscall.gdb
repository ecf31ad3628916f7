# syscall.gdb - batch GDB script for tests/gdb/run.sh.
break trap_syscall
continue
backtrace
printf "syscall number = %d\n", arch_frame_get(f, 0)
printf "current task = \"%s\"\n", task_current->name
continue
printf "syscall number = %d\n", arch_frame_get(f, 0)
kill
