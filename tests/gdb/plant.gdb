# plant.gdb - a wrong kernel state, for tests/gdb/run.sh's self-check:
# GDB_PLANT=tests/gdb/plant.gdb sh tests/gdb/run.sh ARCH must fail. Each
# line is a state the kernel never has at the scripts' stops.
set var task_table[2].ipc.peer = 3
set var task_table[1].notify_from[2] = 0x10000
set var channels[1].waiting = 0
set var channels[5].end[0] = 0
set var task_table[4].block = BLOCK_RECV
set var task_table[1].timer_tick = 0
