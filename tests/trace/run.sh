#!/bin/sh
# run.sh ARCH - the trace from a real kernel: boot tests/qemu/trace_ctl.manifest
# in QEMU with "trace=sched" on the boot command line, type a line with a
# host command (set the mask to ipc) inside it, and check with baton-trace
# what came out of the serial line. Then boot it again without the argument:
# the console must be plain text. Then the supervisor demo, traced from
# boot: its crashes, restarts and retries. Ends with "N passed, N failed".
set -u
arch=$1
cd "$(dirname "$0")/../.." || exit 2
out=build/$arch/test/trace_ctl.out
dump=build/$arch/test/trace_ctl.dump
mkdir -p "build/$arch/test"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL trace/$arch: $*"; }
check() {   # check DESCRIPTION PATTERN FILE: a line of FILE matches PATTERN
    if grep -Eq "$2" "$3"; then pass; else fail "$1 (no /$2/ in $3)"; fi
}

# boot OUT INPUT [QEMU ARGS...]: run the image, typing INPUT (printf
# escapes) once the task is ready, as tests/qemu/run.sh does. Returns
# QEMU's status.
boot() {
    o=$1
    input=$2
    shift 2
    fifo=build/$arch/test/trace_ctl.fifo
    rm -f "$fifo" && mkfifo "$fifo" || return 2
    BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "build/$arch/img/trace_ctl.elf" "$@" \
        <"$fifo" >"$o" 2>&1 &
    qpid=$!
    exec 3>"$fifo"
    while kill -0 "$qpid" 2>/dev/null && ! grep -q 'ready for input' "$o" 2>/dev/null; do
        sleep 0.1
    done
    printf "$input" >&3
    wait "$qpid"; st=$?
    exec 3>&-
    rm -f "$fifo"
    return $st
}

if ! make -s ARCH="$arch" MANIFEST=trace_ctl image >"$out.build" 2>&1 ||
   ! make -s build/bin/baton-trace >>"$out.build" 2>&1; then
    cat "$out.build"
    echo "0 passed, 1 failed"
    exit 1
fi

# "hel", the command ESC _ B M4 ESC \ (mask: ipc only), "lo".
boot "$out" 'hel\033_BM4\033\\lo\n' -append "trace=sched"
if [ $? -eq 0 ]; then pass; else fail "QEMU exited with status $?"; fi
if build/bin/baton-trace --dump "$out" >"$dump" 2>&1; then pass; else fail "baton-trace failed"; fi
check "the task's line, without the command" '^console: t_trace: got hello$' "$dump"
check "its own check passed" '^console: PASS trace: the host command is not input' "$dump"
check "metadata: arch, clock and the boot mask" "^# metadata: arch $arch, 100 ticks/s, mask 0x1 " "$dump"
check "the console read is a traced block, with the task's name" \
    '^ *[0-9]+ tracer +block +console$' "$dump"
check "the host's command is an event" '^ *[0-9]+ host +mask +0x4$' "$dump"
check "every frame intact" '^# events [1-9][0-9]*, lost 0, missing 0, corrupt 0 frames' "$dump"

# Without the boot argument: not one escape sequence on the console.
boot "$out.plain" 'hello\n'
if tr -d '\r' <"$out.plain" | grep -q '^t_trace: got hello$'; then pass; else fail "plain run: no line"; fi
if grep -q "$(printf '\033')" "$out.plain"; then fail "plain run: escape codes on the console"; else pass; fi

# The supervisor demo traced from boot: each crash, who restarted the
# server, who killed the last one, and the clients' retries (docs/supervisor.md).
sup=build/$arch/test/supervisor_trace
if make -s ARCH="$arch" MANIFEST=supervisor image >"$sup.build" 2>&1 &&
   BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "build/$arch/img/supervisor.elf" \
       -append "trace=all" </dev/null >"$sup.out" 2>&1 &&
   build/bin/baton-trace --dump "$sup.out" >"$sup.dump" 2>&1; then
    pass
    check "supervisor: the server faults" '^ *[0-9]+ server +task-fault +pc ' "$sup.dump"
    check "supervisor: a restart, by the supervisor" '^ *[0-9]+ super +task-create +server priority 4$' "$sup.dump"
    check "supervisor: a client's retry" '^ *[0-9]+ client_[ab] +mark +1511$' "$sup.dump"
    check "supervisor: the last server killed by the supervisor" \
        '^ *[0-9]+ server +task-exit +status -1, killed by super$' "$sup.dump"
    check "supervisor: every frame intact" '^# events [1-9][0-9]*, lost 0, missing 0, corrupt 0 frames' "$sup.dump"
else
    fail "the supervisor demo, traced (see $sup.build, $sup.out)"
fi

echo "$arch/trace_ctl: log $out, dump $dump"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
