#!/bin/sh
# bench.sh [ARCH...] - run the benchmark image under qemu -icount shift=0, so
# the cycle counter counts guest instructions, and print its "bench" lines:
#     bench <arch> <name> <value> <unit>
# then the simulator's wall-clock figures (scripts/bench-sim.sh).
set -u
cd "$(dirname "$0")/.." || exit 2
status=0
for arch in ${*:-rv32 i386}; do
    make -s ARCH="$arch" MANIFEST=bench image || { status=1; continue; }
    out=build/$arch/bench.out
    BATON_TIMEOUT=120 sh scripts/qemu.sh "$arch" "build/$arch/img/bench.elf" \
        -icount shift=0 </dev/null >"$out" 2>&1 || status=1
    tr -d '\r' <"$out" | grep '^bench ' || { echo "bench: no figures from $arch (see $out)" >&2; status=1; }
done
# The simulator: round trips per second, and its speed against QEMU.
sh scripts/bench-sim.sh ${*:-rv32 i386} || status=1
exit $status
