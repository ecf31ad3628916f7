#!/bin/sh
# run.sh ARCH - drive GDB in batch mode against QEMU: break at the syscall
# entry, continue, and check the backtrace and the syscall number there.
# Ends with "N passed, N failed".
set -u
arch=$1
cd "$(dirname "$0")/../.." || exit 2
make -s ARCH="$arch" MANIFEST=gdb image || { echo "0 passed, 1 failed"; exit 1; }
image=build/$arch/img/gdb.elf
out=build/$arch/test/gdb.out
mkdir -p "$(dirname "$out")"
BATON_TIMEOUT=120 timeout 150 sh scripts/gdb.sh "$arch" "$image" -batch \
    -x tests/gdb/syscall.gdb >"$out" 2>&1
echo "gdb exited with status $?" >>"$out"
passed=0
failed=0
check() {   # check DESCRIPTION PATTERN: the GDB output must match PATTERN
    if grep -Eq "$2" "$out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL gdb/$arch: $1 (no /$2/ in $out)"
    fi
}
# (With several harts, -smp 4, GDB says "Thread 1 hit Breakpoint 1, ...".)
check "stopped at the syscall entry" '^(Thread [0-9]+ hit )?Breakpoint 1, trap_syscall'
check "backtrace shows trap_syscall" '^#0 +trap_syscall'
check "backtrace reaches the arch trap handler" '^#1 .* (trap|trap_handler|handle_trap|trap_dispatch)'
check "the first syscall is SYS_CONSOLE_WRITE (1)" '^syscall number = 1$'
check "the second stop is SYS_TASK_SELF (5)" '^syscall number = 5$'
check "the kernel's task name is known" '^current task = "gdbprobe"'
check "GDB detached cleanly" 'gdb exited with status 0'
[ $failed -eq 0 ] || cat "$out"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
