#!/bin/sh
# run.sh ARCH - the trace from a real kernel: boot tests/qemu/trace_ctl.manifest
# in QEMU with "trace=sched" on the boot command line, type a line with a
# host command (set the mask to ipc) inside it, and check with baton-trace
# what came out of the serial line. Then boot it again without the argument:
# the console must be plain text. Then boot trace_onoff.manifest, whose
# task switches categories on and off itself, ipc_errors.manifest traced
# from boot (every syscall error with its number), and the supervisor demo,
# traced from boot: its crashes, restarts and retries. Ends with "N passed,
# N failed".
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
    # The output first, then the fifo (tests/qemu/run.sh says why).
    BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "build/$arch/img/trace_ctl.elf" "$@" \
        >"$o" 2>&1 <"$fifo" &
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
st=$?
if [ $st -eq 0 ]; then pass; else
    fail "QEMU exited with status $st (124: timed out); the end of its output:"
    tail -n 5 "$out"
fi
if build/bin/baton-trace --dump "$out" >"$dump" 2>&1; then pass; else fail "baton-trace failed"; fi
check "the task's line, without the command" '^console: t_trace: got hello$' "$dump"
check "its own check passed" '^console: PASS trace: the host command is not input' "$dump"
# The mask as the host left it: its MASK event updates what the boot
# metadata said (sched, 0x1), as the viewer's T key needs.
check "metadata: arch, clock and the mask now" "^# metadata: arch $arch, 100 ticks/s, mask 0x4 " "$dump"
check "the console read is a traced block, with the task's name" \
    '^ *[0-9]+ tracer +block +console$' "$dump"
check "the host's command is an event" '^ *[0-9]+ host +mask +0x4$' "$dump"
check "every frame intact" '^# events [1-9][0-9]*, lost 0, missing 0, corrupt 0 frames' "$dump"

# Without the boot argument: not one escape sequence on the console.
boot "$out.plain" 'hello\n'
if tr -d '\r' <"$out.plain" | grep -q '^t_trace: got hello$'; then pass; else fail "plain run: no line"; fi
if grep -q "$(printf '\033')" "$out.plain"; then fail "plain run: escape codes on the console"; else pass; fi

# Switched on and off at run time by a task (trace_onoff.manifest): only
# the middle of its three phases may be in the trace, whole. On rv32 and
# i386 this is code patching (kernel/trace.h): each site a nop made a jump
# and a nop again.
if make -s ARCH="$arch" MANIFEST=trace_onoff image >"$out.build" 2>&1; then
    oo=build/$arch/test/trace_onoff.out
    od=build/$arch/test/trace_onoff.dump
    BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "build/$arch/img/trace_onoff.elf" \
        </dev/null >"$oo" 2>&1
    st=$?
    if [ $st -eq 0 ]; then pass; else fail "onoff: QEMU exited with status $st"; fi
    build/bin/baton-trace --dump "$oo" >"$od" 2>&1
    check "onoff: the task ran to its end" '^console: t_onoff: done$' "$od"
    if grep -q '^console: FAIL' "$od"; then fail "onoff: a check failed (see $od)"; else pass; fi
    check "onoff: switched on: the mask event" '^ *[0-9]+ client +mask +0x85$' "$od"
    check "onoff: switched off: the mask event" '^ *[0-9]+ client +mask +0x0$' "$od"
    # count EXPECTED DESCRIPTION PATTERN: lines of the dump matching PATTERN.
    count() {
        n=$(grep -Ec "$3" "$od")
        if [ "$n" -eq "$1" ]; then pass; else fail "onoff: $2: $n, not $1 (/$3/ in $od)"; fi
    }
    count 1 "calls recorded (on: the second of three)" '^ *[0-9]+ client +call +-> server$'
    count 1 "replies recorded" '^ *[0-9]+ server +reply +-> client$'
    count 2 "switches recorded" '^ *[0-9]+ [a-z]+ +switch '
    count 1 "errors recorded (on: irq_acquire)" ' syscall-error '
    check "onoff: the error of the middle phase" 'client +syscall-error +SYS_IRQ_ACQUIRE: ERR_INVALID_ARG$' "$od"
else
    cat "$out.build"
    fail "onoff: build failed"
fi

# A syscall's error is recorded with its number, which the tracepoint
# reads back from the frame after the handler (kernel/syscall.c, run):
# the register form's too, whose results ipc_regs_finish writes into that
# frame. tests/qemu/ipc_errors.manifest, traced from boot.
if make -s ARCH="$arch" MANIFEST=ipc_errors image >"$out.build" 2>&1; then
    eo=build/$arch/test/trace_errors.out
    ed=build/$arch/test/trace_errors.dump
    BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "build/$arch/img/ipc_errors.elf" \
        -append trace=all </dev/null >"$eo" 2>&1
    build/bin/baton-trace --dump "$eo" >"$ed" 2>&1
    check "errors: the register form's, with its number" \
        ' syscall-error +SYS_IPC_REGS: ERR_NOT_FOUND$' "$ed"
    check "errors: the memory form's" ' syscall-error +SYS_IPC: ERR_BAD_ADDRESS$' "$ed"
    if grep ' syscall-error ' "$ed" | grep -Evq ' syscall-error +SYS_[A-Z_]+: ERR_[A-Z_]+$'; then
        fail "errors: a syscall number or an error the decoder does not know (see $ed)"
    else
        pass
    fi
else
    cat "$out.build"
    fail "errors: build failed"
fi

# ---- the demo is a living system, paced for a person (issue 12, item 1) ----
# Recorded under -icount shift=0 (guest time in instructions), then read by
# guest time: the client is woken by its timer every 500 ms, the producer
# bursts every 3 s and fills the queue, the consumer drains it at 100 ms a
# pull. All in guest cycles, never in host seconds.
demo_out=build/$arch/test/demo-living.out
demo_dump=build/$arch/test/demo-living.dump
if make -s ARCH="$arch" MANIFEST=demo image >>"$out.build" 2>&1; then pass; else fail "cannot build the demo"; fi
BATON_TIMEOUT=14 sh scripts/qemu.sh "$arch" "build/$arch/img/demo.elf" -icount shift=0 \
    -append trace=all </dev/null >"$demo_out" 2>&1
build/bin/baton-trace --dump "$demo_out" >"$demo_dump" 2>&1
hz=$(sed -n 's/^# metadata: .* \([0-9][0-9]*\) cycles\/s$/\1/p' "$demo_dump")
# living WHAT MIN-COUNT MIN-GAP-SECONDS PATTERN: at least MIN-COUNT groups of
# events match PATTERN, each at least MIN-GAP guest seconds after the one
# before (events within 20 ms of each other are one group: a burst's two
# ERR_QUEUE_FULL, a pull that finds the queue refilled at once).
living() {
    grep -E -- "$4" "$demo_dump" | awk -v hz="${hz:-0}" -v min="$2" -v gap="$3" -v what="$1" '
        { t = $1 + 0; if (n && t - last < 0.02 * hz) { last = t; next }
          if (n && (t - last) < gap * hz) { bad++; worst = t - last }; last = t; n++ }
        END { if (hz <= 0) { print "no clock in the trace"; exit 1 }
              if (n < min) { printf "%s: %d, want %d at least\n", what, n, min; exit 1 }
              if (bad) { printf "%s: %d gaps shorter than %.2f s (one of %.3f s)\n",
                         what, bad, gap, worst / hz; exit 1 } }' >"$demo_dump.why" 2>&1
    if [ $? -eq 0 ]; then pass; else fail "the living demo: $(cat "$demo_dump.why") ($demo_dump)"; fi
}
living "the client's timer, a notification every 500 ms" 5 0.45 ' kernel +notify +-> chan_client bits 0x1$'
living "a channel rendezvous at each tick (the request)" 5 0.45 ' chan_client +chan-xfer +-> chan_server port 1,'
living "a burst that fills the queue, every 3 s" 2 2.5 ' producer +async-full +-> consumer depth 16$'
living "the queue draining, one pull per 100 ms (a 10 ms tick: 90 at least)" 15 0.08 ' consumer +async-pull +from producer$'
check "the queue drained to 0" ' producer +async-deliver +-> consumer depth 0$' "$demo_dump"
check "the demo's trace intact" '^# events [1-9][0-9]*, lost 0, missing 0, corrupt 0 frames' "$demo_dump"

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
