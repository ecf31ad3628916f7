#!/bin/sh
# qemu.sh [ARCH...] - the labs graded on QEMU (rv32 and i386 by default),
# as tests/labs/run.sh grades them in the simulator: for every lab, the
# reference (a directory), its skeleton (labs/skeleton.sh) and the
# reference with the lab's planted bug (tests/labs/bugs/LAB.patch) are
# graded by `labs/grade -a ARCH`; the reference must have full marks, the
# skeleton and the bug less. A skeleton's stuck run costs its whole
# per-run timeout on QEMU (every task blocked: QEMU does not stop), so
# this is long: `make labs-qemu`, which CI runs after make test.
# Ends with "N passed, N failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/labs-qemu
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "pass  $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; }
labs=$(grep -v '^#' tests/labs/expected | awk '{ print $1 }' | uniq)

# samples LAB: reference, skeleton and bug of LAB in $out/samples/LAB.
samples() {
    s=$out/samples/$1
    rm -rf "$s" && mkdir -p "$s" || return 1
    tar -cf - --exclude=./build --exclude=./.git . | (mkdir -p "$s/reference" && tar -xf - -C "$s/reference")
    cp -a "$s/reference" "$s/bug" && patch -s -d "$s/bug" -p1 <"tests/labs/bugs/$1.patch" &&
        sh labs/skeleton.sh "$1" "$s/skeleton" >/dev/null
}

for arch in ${*:-rv32 i386}; do
    for lab in $labs; do
        if ! samples "$lab"; then
            fail "$arch/$lab: the samples could not be made"
            continue
        fi
        g=$out/grade/$arch/$lab
        mkdir -p "$out/grade/$arch"
        sh labs/grade -j 2 -a "$arch" -t 20 -T 900 -o "$g" "$lab" "$out/samples/$lab" \
            >"$g.log" 2>&1
        csv=$g/grades.csv
        [ -f "$csv" ] || { fail "$arch/$lab: labs/grade wrote no grades.csv ($g.log)"; continue; }
        max=$(grep '^reference,' "$csv" | cut -d, -f3)
        row() { grep "^$1," "$csv" | cut -d, -f2; }
        if [ -n "$max" ] && [ "$(row reference)" = "$max" ]; then
            pass "$arch/$lab: the reference has full marks ($max)"
        else
            fail "$arch/$lab: the reference has $(row reference) of ${max:-?} ($g/subs/reference/grade.txt)"
        fi
        for sub in skeleton bug; do
            score=$(row $sub)
            if [ -n "$score" ] && [ -n "$max" ] && [ "$score" -lt "$max" ]; then
                pass "$arch/$lab: the $sub loses points ($score of $max)"
            else
                fail "$arch/$lab: the $sub has ${score:-no score} of ${max:-?} ($g/subs/$sub/grade.txt)"
            fi
        done
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
