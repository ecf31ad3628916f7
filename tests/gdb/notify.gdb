# notify.gdb - tests/gdb/run.sh on ipc_notify (c_notify.c): n is notified
# by a and b before it waits; later its timer, an interrupt, wakes it.
break-user n ipc_recv
continue
printf "stopped in task = \"%s\"\n", task_current->name
baton-test-stop
pending
tasks
delete
next-ipc
break-user n timer_set
continue
# (No more stops at timer_set: the next steps are the kernel's.)
delete
next-ipc
pending
next-ipc
bt
echo END-OF-SCRIPT\n
kill
