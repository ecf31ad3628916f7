#!/bin/sh
# run-all.sh - everything `make test` runs, in three layers, each with its
# own total, then the grand total "N passed, N failed". Non-zero on any
# failure.
#
#   behaviour  what the IPC model guarantees, seen from outside: syscall
#              results, printed output and the logical trace. The QEMU
#              conformance tests on both arches and in the simulator, the
#              simulator's schedule exploration and Lua scenarios, the
#              trace tests, the trace property checks, the boot matrix,
#              and the same suites against a second implementation of the
#              queue and the deadlock walk (tests/alt). Labs grade by this
#              layer only: any correct design passes it.
#   white-box  the reference's own structures: unit tests that build
#              kernel and library structures by hand, the fuzzer's
#              invariants, the golden traces (exact event order), the GDB
#              test (kernel symbols).
#   tools      the host programs: the trace decoder's fuzzing, a second
#              decoder written from docs/trace-format.md alone against it
#              (tests/specdec), the viewer's model, Lua API and screen,
#              the window view (SDL2, headless),
#              the lab grader (reference, skeletons, planted bugs),
#              make's own targets (tests/tools), and the commands and GDB
#              samples of docs/ (tests/docs).
set -u
cd "$(dirname "$0")/.." || exit 2
total_p=0
total_f=0
layer_p=0
layer_f=0
layer_name=
log=build/test-logs
mkdir -p "$log"

# run NAME COMMAND...: run a suite, its output in its log, its exit status
# and its time beside it. Prints nothing: report does, in the layers' order.
run() {
    name=$1
    shift
    t0=$(date +%s)
    "$@" >"$log/$name.log" 2>&1
    echo $? >"$log/$name.rc"
    echo $(($(date +%s) - t0)) >"$log/$name.time"
}

# layer NAME: close the previous layer (its total) and start another.
layer() {
    [ -n "$layer_name" ] &&
        echo "== layer $layer_name: $layer_p passed, $layer_f failed"
    layer_name=$1
    layer_p=0
    layer_f=0
    [ -n "$1" ] && echo "==== layer $1"
    return 0
}

# report NAME: echo a suite's output and add its closing counts.
report() {
    name=$1
    echo "== $name"
    cat "$log/$name.log"
    rc=$(cat "$log/$name.rc" 2>/dev/null || echo 1)
    echo "($name: $(cat "$log/$name.time" 2>/dev/null) s)"   # to keep make test short, not a check
    # Criterion: "[====] Synthesis: Tested: 9 | Passing: 9 | Failing: 0 | Crashing: 0"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed|Synthesis: Tested' "$log/$name.log" | tail -n 1)
    case $line in
    *Synthesis*)
        p=$(echo "$line" | sed -E 's/.*Passing: ([0-9]+).*/\1/')
        fl=$(echo "$line" | sed -E 's/.*Failing: ([0-9]+).*/\1/')
        cr=$(echo "$line" | sed -E 's/.*Crashing: ([0-9]+).*/\1/')
        f=$((fl + cr)) ;;
    "") p=0; f=1; echo "$name: no summary line (exit $rc)" ;;
    *)  p=${line%% passed*}; f=${line#*, }; f=${f%% failed*} ;;
    esac
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "$name: exited with status $rc"
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
    layer_p=$((layer_p + p))
    layer_f=$((layer_f + f))
}

# The suites run in two lanes at once (QEMU and the simulator keep one core
# busy each), then four alone; their outputs are printed afterwards, in
# the layers' order. A lane owns what it builds: lane A the host programs'
# tests and everything rv32, lane B everything i386 and the suites that
# build in trees or folders of their own (alt, fastpath-sim, labs). The
# host programs both lanes run are built first. The four alone build for
# both architectures. BATON_TEST_JOBS=1 runs the lanes one after the other.
lane_a() {
    run sim sh tests/sim/run.sh
    run sim-tests make -s sim-tests
    run sim-lua sh tests/sim/lua.sh
    run trace-uart-sim sh tests/trace/uart.sh sim
    run qemu-rv32 sh tests/qemu/run.sh rv32
    run trace-rv32 sh tests/trace/run.sh rv32
    run trace-uart-rv32 sh tests/trace/uart.sh rv32
    run gdb-rv32 sh tests/gdb/run.sh rv32
    run unit make -s unit-tests
    run kernel-unit make -s kernel-unit-tests
    run fuzz-sim make -s fuzz-sim-test
    run fuzz-fastpath make -s fuzz-fastpath-test
    run tracer make -s tracer-tests
    run fuzz-trace make -s fuzz-trace-smoke
    run specdec sh tests/specdec/run.sh
    run viewer-tests make -s viewer-tests
    run viewer sh tests/viewer/run.sh
    run window-tests make -s window-tests
}
lane_b() {
    run qemu-i386 sh tests/qemu/run.sh i386
    run trace-i386 sh tests/trace/run.sh i386
    run trace-uart-i386 sh tests/trace/uart.sh i386
    run gdb-i386 sh tests/gdb/run.sh i386
    run alt sh tests/alt/run.sh
    run fastpath-sim sh tests/fastpath/run.sh sim
    run labs sh tests/labs/run.sh
}
echo "== building the host programs both lanes use"
make -s sim build/bin/baton-sim build/bin/baton-trace || exit 1
if [ "${BATON_TEST_JOBS:-2}" -ge 2 ]; then
    echo "== running the suites in two lanes (BATON_TEST_JOBS=1: one)"
    lane_b &
    lane_a
    wait
else
    lane_a
    lane_b
fi
run props sh tests/props/run.sh
run boot-matrix sh tests/boot/run.sh
run tools sh tests/tools/run.sh
run docs sh tests/docs/run.sh

layer behaviour
for s in sim sim-tests sim-lua trace-uart-sim qemu-rv32 trace-rv32 \
         trace-uart-rv32 qemu-i386 trace-i386 trace-uart-i386 props \
         boot-matrix alt; do
    report "$s"
done
layer white-box
for s in unit kernel-unit fuzz-sim fuzz-fastpath tracer fastpath-sim gdb-rv32 gdb-i386; do
    report "$s"
done
layer tools
for s in fuzz-trace specdec viewer-tests viewer window-tests labs tools docs; do
    report "$s"
done

layer ""
echo "== total"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
