# fault.gdb - tests/gdb/run.sh on ipc_fault (c_fault.c): the server faults
# with every kind of wait on it; then its death wakes them.
break trap_user_fault
continue
printf "faulting task = \"%s\"\n", task_current->name
baton-test-stop
tasks
waits
chans
task server
next-ipc
echo END-OF-SCRIPT\n
kill
