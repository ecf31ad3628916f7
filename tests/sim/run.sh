#!/bin/sh
# run.sh [TEST...] - the QEMU tests, run in the simulator: each
# tests/qemu/NAME.manifest through build/bin/baton-sim, judged by
# tests/check.sh exactly as tests/qemu/run.sh judges a QEMU run. The tests
# in tests/sim/skip.txt are left out (the file says why). NAME.input, if
# there is one, is typed on the console; the simulator delivers it when
# every task waits, so the driver is ready for it. Output of each run is in
# build/sim/test/NAME.out. Then the simulator's own tests/sim/NAME.manifest
# (with tests/sim/NAME.expect), which only make sense in the simulator.
# On a host with protection keys (PKU), everything runs a second time with
# BATON_SIM_PKU=0, the simulator's other way of keeping address spaces
# apart (docs/sim.md), and must print exactly the same (one check more per
# test). A few run once more with 1 key slot, which must print the same.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
outdir=build/sim/test
mkdir -p "$outdir"
passed=0
failed=0
. tests/check.sh

if ! make -s sim >"$outdir/build.log" 2>&1; then
    cat "$outdir/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
skipped() { awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; f = 1 } END { exit !f }' tests/sim/skip.txt; }

# The manifest of test NAME: the QEMU tests', or the simulator's own.
manifest() {
    if [ -f "tests/qemu/$1.manifest" ]; then echo "tests/qemu/$1"; else echo "tests/sim/$1"; fi
}

if [ $# -gt 0 ]; then
    names=$*
else
    names=
    for m in tests/qemu/*.manifest; do
        name=$(basename "$m" .manifest)
        if why=$(skipped "$name"); then
            echo "sim/$name: skipped: $why"
        else
            names="$names $name"
        fi
    done
    for m in tests/sim/*.manifest; do
        names="$names $(basename "$m" .manifest)"
    done
fi

# Both ways where the host has both (see above); the first is the default.
pku=$(grep -c ' pku' /proc/cpuinfo 2>/dev/null)
for name in $names; do
    m=$(manifest "$name")
    out=$outdir/$name.out
    set --
    if grep -q '^#@ ' "$m.input" 2>/dev/null; then
        set -- --input-phases "$m.input"    # input in phases
    elif [ -f "$m.input" ]; then
        grep -v '^#' "$m.input" >"$outdir/$name.input"
        set -- --input-file "$outdir/$name.input"
    fi
    timeout 120 build/bin/baton-sim "$@" "$m.manifest" </dev/null >"$out" 2>&1
    check_run "sim/$name" baton-sim "$out" $? "$m.expect"
    [ "${pku:-0}" -gt 0 ] || continue
    BATON_SIM_PKU=0 timeout 120 build/bin/baton-sim "$@" "$m.manifest" </dev/null \
        >"$outdir/$name.nopku.out" 2>&1
    if cmp -s "$out" "$outdir/$name.nopku.out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL sim/$name: BATON_SIM_PKU=0 prints otherwise (diff $out $outdir/$name.nopku.out)"
    fi
done

# With fewer key slots than address spaces, a slot is taken from the least
# recently run, whose pages leave the window: PKU's way beyond 15 address
# spaces, run here on any host (BATON_SIM_SLOTS, sim/window.c). With one
# slot, every switch between address spaces takes it. It must print the
# same as with every address space resident.
for name in isolation trespass fanin prodcons chan_sizes ipc_fault; do
    case " $names " in *" $name "*) ;; *) continue ;; esac   # not asked for
    BATON_SIM_SLOTS=1 timeout 120 build/bin/baton-sim "$(manifest "$name").manifest" \
        </dev/null >"$outdir/$name.slots.out" 2>&1
    if cmp -s "$outdir/$name.out" "$outdir/$name.slots.out"; then
        passed=$((passed + 1))
        echo "sim/$name: the same with 1 key slot"
    else
        failed=$((failed + 1))
        echo "FAIL sim/$name: BATON_SIM_SLOTS=1 prints otherwise (diff $outdir/$name.out $outdir/$name.slots.out)"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
