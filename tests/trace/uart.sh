#!/bin/sh
# uart.sh ARCH - the UART's user driver seen in the trace, on rv32, i386 or
# the simulator (ARCH sim). Runs decoded with baton-trace --dump:
#  1. tests/qemu/trace_uart.manifest with trace_uart.input typed in three
#     phases: the host's commands (ESC _ B M<hex> ESC \, the viewer's T
#     key) are obeyed before the driver runs, while it runs and after it is
#     gone, and the driver's rendezvous with its client are in the trace.
#  2. uart_burst (4 KiB through the driver) traced from boot (trace=irq):
#     no interrupt of a line between its "masked" and its "acked"
#     (tracer/scripts/irq_masked.lua, a grader a lab can use too).
#  3. (sim) the demo after typing: echo waits for the driver, nothing pending.
# Ends with "N passed, N failed".
set -u
arch=$1
cd "$(dirname "$0")/../.." || exit 2
dir=build/$arch/test
mkdir -p "$dir"
passed=0
failed=0
. tests/qemu/input.sh

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL trace-uart/$arch: $*"; }
check() {   # check DESCRIPTION PATTERN FILE: a line of FILE matches PATTERN
    if grep -Eq "$2" "$3"; then pass; else fail "$1 (no /$2/ in $3)"; fi
}

# run NAME INPUT [BOOTARG]: boot NAME's image (or the manifest in the
# simulator) with INPUT typed as tests/qemu/run.sh types it; output in
# $dir/NAME.trace.out. Returns the run's status.
run() {
    out=$dir/$1.trace.out
    if [ "$arch" = sim ]; then
        timeout 120 build/bin/baton-sim --quiet ${3:+--trace "${3#trace=}"} \
            --input-phases "$2" "tests/qemu/$1.manifest" </dev/null >"$out" 2>&1
        return
    fi
    fifo=$dir/$1.trace.fifo
    rm -f "$fifo" && mkfifo "$fifo" || return 2
    # The output first, then the fifo (tests/qemu/run.sh says why).
    BATON_TIMEOUT=90 sh scripts/qemu.sh "$arch" "build/$arch/img/$1.elf" \
        ${3:+-append "$3"} >"$out" 2>&1 <"$fifo" &
    qpid=$!
    exec 3>"$fifo"
    type_input "$2"
    wait "$qpid"; st=$?
    exec 3>&-
    rm -f "$fifo"
    return $st
}

build() {
    if [ "$arch" = sim ]; then
        make -s sim build/bin/baton-trace
    else
        make -s ARCH="$arch" MANIFEST=trace_uart image &&
            make -s ARCH="$arch" MANIFEST=uart_burst image && make -s build/bin/baton-trace
    fi
}
if ! build >"$dir/trace-uart.build" 2>&1; then
    cat "$dir/trace-uart.build"
    echo "0 passed, 1 failed"
    exit 1
fi

# ---- 1. host commands before, with and after the driver
dump=$dir/trace_uart.dump
if run trace_uart tests/qemu/trace_uart.input; then pass; else fail "trace_uart run: status $?"; fi
build/bin/baton-trace --dump "$out" >"$dump" 2>&1 || fail "baton-trace failed on $out"
n=$(grep -c '^console: PASS ' "$dump")
if [ "$n" -eq 12 ]; then pass; else fail "$n of 12 PASS lines in $dump"; fi
if grep '^console: FAIL' "$dump"; then fail "FAIL lines in $dump"; else pass; fi
check "the run ends" '^console: host: done$' "$dump"
for mask in 0x4 0x1c 0x14; do
    check "the host's command M${mask#0x} is obeyed" "^ *[0-9]+ host +mask +$mask$" "$dump"
done
check "the driver acknowledges" '^ *[0-9]+ uart +irq-ctl +line [0-9]+ acked$' "$dump"
check "the driver's death releases the line" '^ *[0-9]+ uart +irq-ctl +line [0-9]+ released$' "$dump"
check "a client's read is a call to the driver" '^ *[0-9]+ client +call +-> uart$' "$dump"
check "... answered by its reply" '^ *[0-9]+ uart +reply +-> client$' "$dump"
check "every frame intact" '^# events [1-9][0-9]*, lost 0, missing 0, corrupt 0 frames' "$dump"

# ---- 2. masked until acknowledged, through a 4 KiB burst
dump=$dir/uart_burst.dump
grep -v '^#' tests/qemu/uart_burst.input >"$dir/uart_burst.typed"
if run uart_burst "$dir/uart_burst.typed" trace=irq,notify; then pass; else fail "uart_burst run: status $?"; fi
build/bin/baton-trace --dump "$out" >"$dump" 2>&1 || fail "baton-trace failed on $out"
check "the burst arrives" '^console: burst: done$' "$dump"
if grep '^console: FAIL' "$dump"; then fail "FAIL lines in $dump"; else pass; fi
# Per line: after "masked", no "irq" until "acked" (or "released").
if build/bin/baton-trace --batch --script tracer/scripts/irq_masked.lua "$out" \
        >"$dir/uart_burst.irq_masked" 2>&1; then
    pass
else
    fail "$(grep -m1 '^FAIL' "$dir/uart_burst.irq_masked") (see $dump)"
fi
m=$(grep -cE ' irq-ctl +line [0-9]+ masked$' "$dump")
a=$(grep -cE ' irq-ctl +line [0-9]+ acked$' "$dump")
# How many mask-acknowledge cycles a burst takes depends on how fast QEMU
# feeds the UART from its pipe (one, if the driver drains the bytes as
# they come): at least one, each but the last acknowledged, and the last
# too unless the driver quit with the line masked.
if [ "$m" -ge 1 ] && [ "$a" -ge 1 ] && [ "$a" -ge $((m - 1)) ]; then pass; else
    fail "$m masked, $a acked in $dump"
fi
check "interrupts reach the driver as notifications" '^ *[0-9]+ kernel +notify +-> uart bits 0x2$' "$dump"

# ---- 3. the demo after typing (issue 12, item 3): echo waits for the
# driver's reply, the driver for anything, with no notification left over.
if [ "$arch" = sim ]; then
    rep=$dir/demo.report
    timeout 120 build/bin/baton-sim --max-steps 200000 --input 'hello\rbaton\r' \
        user/manifests/demo.txt >"$dir/demo.out" 2>"$rep"
    check "the demo echoes" '^echo: you typed "baton"' "$dir/demo.out"
    check "echo waits for the driver's reply" \
        '^  task 1 \(echo\).*waiting for the reply of 8 \(uart\)' "$rep"
    check "the driver waits for anything" \
        '^  task 8 \(uart\).*receiving from any task, in ipc_recv$' "$rep"
    # echo and its driver only: the living demo's other tasks get their
    # timers and queue notifications at any time.
    if grep -E '^  task [18] \((echo|uart)\)' "$rep" | grep -q 'pending'; then
        fail "a notification left pending for echo or uart: $rep"
    else
        pass
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
