# chan.gdb - tests/gdb/run.sh on chan_basic (c_chbasic.c): tx (most urgent)
# sends A before rx has opened; rx's first channel_rcv meets it.
break-user rx channel_rcv
continue
printf "stopped in task = \"%s\"\n", task_current->name
baton-test-stop
tasks
waits
chans
next-ipc
chans
echo END-OF-SCRIPT\n
kill
