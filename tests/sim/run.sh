#!/bin/sh
# run.sh [TEST...] - the QEMU tests, run in the simulator: each
# tests/qemu/NAME.manifest through build/bin/baton-sim, judged by
# tests/check.sh exactly as tests/qemu/run.sh judges a QEMU run. The tests
# in tests/sim/skip.txt are left out (the file says why). NAME.input, if
# there is one, is typed on the console; the simulator delivers it when
# every task waits, so the driver is ready for it. Output of each run is in
# build/sim/test/NAME.out. Ends with "N passed, N failed".
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
fi

for name in $names; do
    out=$outdir/$name.out
    set --
    if grep -q '^#@ ' "tests/qemu/$name.input" 2>/dev/null; then
        set -- --input-phases "tests/qemu/$name.input"    # input in phases
    elif [ -f "tests/qemu/$name.input" ]; then
        grep -v '^#' "tests/qemu/$name.input" >"$outdir/$name.input"
        set -- --input-file "$outdir/$name.input"
    fi
    timeout 120 build/bin/baton-sim "$@" "tests/qemu/$name.manifest" </dev/null >"$out" 2>&1
    check_run "sim/$name" baton-sim "$out" $? "tests/qemu/$name.expect"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
