# deadlock.gdb - tests/gdb/run.sh on ipc_deadlock (c_dl2.c): b (more urgent)
# blocks in ipc_send(a) first; a then calls ipc_send(b), which the kernel
# refuses. break-user must stop in a, though b ran ipc_send before it.
break-user a ipc_send
continue
printf "stopped in task = \"%s\"\n", task_current->name
baton-test-stop
tasks
waits
task 1
task 2
step-syscall
bt
printf "after step-syscall, task = \"%s\"\n", task_current->name
# A planted cycle (a debugger's write, not the kernel's): waits must name it.
set var task_table[1].state = TASK_BLOCKED
set var task_table[1].block = BLOCK_SEND
set var task_table[1].ipc.peer = 2
waits
echo END-OF-SCRIPT\n
kill
