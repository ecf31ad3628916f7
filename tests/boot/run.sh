#!/bin/sh
# run.sh [--long] - the boot tests (make boot-matrix; make test runs them
# too): the harness's own test (harness.sh), the faults only GDB can set up
# (faults.sh), and the machine matrix (matrix.sh; --long adds the QEMU
# suites under -icount shift=8 and on unusual machines). Each part's lines,
# then the total: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
mkdir -p build
total_p=0
total_f=0
for part in harness faults "matrix ${1:-}"; do
    name=${part%% *}
    echo "-- $name"
    # shellcheck disable=SC2086
    sh tests/boot/$name.sh ${part#"$name"} >"build/boot-$name.log" 2>&1
    rc=$?
    grep -v ': done (exit' "build/boot-$name.log"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "build/boot-$name.log" | tail -n 1)
    p=${line%% passed*}
    f=${line#*, }
    f=${f%% failed*}
    if [ -z "$line" ] || { [ $rc -ne 0 ] && [ "$f" -eq 0 ]; }; then
        p=${p:-0} f=1
        echo "FAIL boot/$name: exit $rc"
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
done

# docs/build.md shows the table the matrix just wrote: the page cannot go
# stale unnoticed.
echo "-- docs"
table=$(awk '/^\| port \| machine \(QEMU options\)/ { on = 1 } on && /^$/ { exit } on' docs/build.md)
if [ -r build/boot-matrix.md ] && [ "$table" = "$(cat build/boot-matrix.md)" ]; then
    total_p=$((total_p + 1))
    echo "docs/build.md: the machine table matches build/boot-matrix.md"
else
    total_f=$((total_f + 1))
    echo "FAIL boot/docs: docs/build.md's machine table differs from build/boot-matrix.md (what the matrix found): copy it in"
    printf "%s\n" "$table" | diff - build/boot-matrix.md
fi
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
