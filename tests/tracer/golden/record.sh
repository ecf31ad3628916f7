#!/bin/sh
# record.sh [rv32] [i386] [sim] - record the golden traces (all three by
# default): the scenario of
# tests/qemu/trace_golden.manifest (g_golden.c) with every trace category on,
# as the raw serial bytes, in tests/tracer/golden/ARCH.trace. test_golden.c
# checks that they all decode to the same events. Run it again when the
# kernel's tracepoints change on purpose, and look at the diff of
#   build/bin/baton-trace --dump tests/tracer/golden/ARCH.trace
set -u
cd "$(dirname "$0")/../../.." || exit 2
dir=tests/tracer/golden
status=0
for arch in ${*:-rv32 i386 sim}; do
    case $arch in
    sim)
        make -s sim || exit 1
        build/bin/baton-sim --trace all tests/qemu/trace_golden.manifest \
            >"$dir/sim.trace" 2>/dev/null || status=1 ;;
    *)
        make -s ARCH="$arch" MANIFEST=trace_golden image || exit 1
        BATON_TIMEOUT=30 sh scripts/qemu.sh "$arch" "build/$arch/img/trace_golden.elf" \
            -icount shift=0 -append trace=all </dev/null >"$dir/$arch.trace" 2>&1 ||
            status=1 ;;
    esac
    echo "record.sh: $dir/$arch.trace ($(wc -c <"$dir/$arch.trace") bytes)"
done
exit $status
