# irq.gdb - tests/gdb/run.sh on ipc_irq (c_irq.c): the driver (most urgent)
# has acquired the UART's line by the time the rival tries.
break-user rival irq_acquire
continue
printf "stopped in task = \"%s\"\n", task_current->name
baton-test-stop
pending
echo END-OF-SCRIPT\n
kill
