# async.gdb - tests/gdb/run.sh on ipc_async (c_async.c): producer2 fills
# its queue to the consumer (asleep) to the bound, then asks async_pending.
break-user producer2 async_pending
continue
printf "stopped in task = \"%s\"\n", task_current->name
baton-test-stop
queue producer2
queue consumer
pending
tasks
echo END-OF-SCRIPT\n
kill
