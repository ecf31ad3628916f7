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
#              invariants (and its runs with the fast path and without,
#              compared), the golden traces (exact event order), the GDB
#              test (kernel symbols).
#   tools      the host programs: the trace decoder's fuzzing, the viewer's
#              model, Lua API and screen, the window view (SDL2, headless),
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
# suite NAME COMMAND...: run it, echo its output, add its closing counts.
suite() {
    name=$1
    shift
    echo "== $name"
    t0=$(date +%s)
    "$@" >"$log/$name.log" 2>&1
    rc=$?
    cat "$log/$name.log"
    echo "($name: $(($(date +%s) - t0)) s)"   # to keep make test short, not a check
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
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "$name: exited with status $rc"
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
    layer_p=$((layer_p + p))
    layer_f=$((layer_f + f))
}

layer behaviour
suite sim sh tests/sim/run.sh
suite sim-tests make -s sim-tests
suite sim-lua sh tests/sim/lua.sh
suite trace-uart-sim sh tests/trace/uart.sh sim
for arch in rv32 i386; do
    suite "qemu-$arch" sh tests/qemu/run.sh "$arch"
    suite "trace-$arch" sh tests/trace/run.sh "$arch"
    suite "trace-uart-$arch" sh tests/trace/uart.sh "$arch"
done
suite props sh tests/props/run.sh
suite boot-matrix sh tests/boot/run.sh
suite alt sh tests/alt/run.sh

layer white-box
suite unit make -s unit-tests
suite kernel-unit make -s kernel-unit-tests
suite fuzz-sim make -s fuzz-sim-test
suite fuzz-fastpath make -s fuzz-fastpath-test
suite tracer make -s tracer-tests
suite fastpath-sim sh tests/fastpath/run.sh sim
for arch in rv32 i386; do
    suite "gdb-$arch" sh tests/gdb/run.sh "$arch"
done

layer tools
suite fuzz-trace make -s fuzz-trace-smoke
suite viewer-tests make -s viewer-tests
suite viewer sh tests/viewer/run.sh
suite window-tests make -s window-tests
suite labs sh tests/labs/run.sh
suite tools sh tests/tools/run.sh
suite docs sh tests/docs/run.sh

layer ""
echo "== total"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
