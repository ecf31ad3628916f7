#!/bin/sh
# run-all.sh - everything `make test` runs: host unit tests (Criterion), the
# simulator's tests (the QEMU tests run in it, its own Criterion suite, the
# Lua scenarios, the kernel fuzzer's saved inputs and a 25-second run),
# the trace decoder's tests and a short fuzzing run, the viewer's tests (its
# model and Lua API; its screen in tmux), then the QEMU tests, the
# trace tests and the GDB test on both architectures. Prints each suite's
# summary, then the total: "N passed, N failed". Non-zero on any failure.
set -u
cd "$(dirname "$0")/.." || exit 2
total_p=0
total_f=0
log=build/test-logs
mkdir -p "$log"

# suite NAME COMMAND...: run it, echo its output, add its closing counts.
suite() {
    name=$1
    shift
    echo "== $name"
    "$@" >"$log/$name.log" 2>&1
    rc=$?
    cat "$log/$name.log"
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
}

suite unit make -s unit-tests
suite sim sh tests/sim/run.sh
suite sim-tests make -s sim-tests
suite sim-lua sh tests/sim/lua.sh
suite fuzz-sim make -s fuzz-sim-test
suite tracer make -s tracer-tests
suite fuzz-trace make -s fuzz-trace-smoke
suite viewer-tests make -s viewer-tests
suite viewer sh tests/viewer/run.sh
suite window-tests make -s window-tests
for arch in rv32 i386; do
    suite "qemu-$arch" sh tests/qemu/run.sh "$arch"
    suite "trace-$arch" sh tests/trace/run.sh "$arch"
    suite "gdb-$arch" sh tests/gdb/run.sh "$arch"
done

echo "== total"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
