# exit.gdb - tests/gdb/run.sh on smoke (t_ping.c, t_pong.c): at the first
# task's exit every transfer is done and both channels are still open:
# port 1 carried 4 KiB through the shared page, port 2 five bytes in
# registers (its last, 17-byte send was refused, and moved nothing).
break task_exit
continue
printf "exiting task = \"%s\"\n", task_current->name
baton-test-stop
chans
echo END-OF-SCRIPT\n
kill
