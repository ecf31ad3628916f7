#!/bin/sh
# bench.sh [ARCH...] - run the benchmark image under qemu -icount shift=0, so
# the cycle counter counts guest instructions, and print its "bench" lines:
#     bench <arch> <name> <value> <unit>
# ARCH "host" is the host programs' figures (the trace decoder, the viewer).
set -u
cd "$(dirname "$0")/.." || exit 2
status=0
for arch in ${*:-rv32 i386 host}; do
    if [ "$arch" = host ]; then
        make -s build/bin/tracer-bench && build/bin/tracer-bench || status=1
        make -s build/bin/viewer-bench && build/bin/viewer-bench || status=1
        continue
    fi
    make -s ARCH="$arch" MANIFEST=bench image || { status=1; continue; }
    out=build/$arch/bench.out
    BATON_TIMEOUT=120 sh scripts/qemu.sh "$arch" "build/$arch/img/bench.elf" \
        -icount shift=0 </dev/null >"$out" 2>&1 || status=1
    tr -d '\r' <"$out" | grep '^bench ' || { echo "bench: no figures from $arch (see $out)" >&2; status=1; }
done
exit $status
