#!/bin/sh
# harness.sh - tests of the test harness itself (tests/check.sh and
# tests/qemu/run.sh): a kernel that dies before its end must fail, loudly,
# naming the test; and the expect-file rules must reject what they should.
#  1. tests/boot/dead.S, a kernel that powers off with status 0 before
#     printing anything, booted in place of the smoke test on each arch:
#     run.sh must exit non-zero and say "the kernel never reached its end".
#  2. check_run on made-up outputs: no end marker, the wrong exit status,
#     a %any group out of place, all fail; the right ones pass.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
ok=0
bad=0
pass() { ok=$((ok + 1)); }
fail() { bad=$((bad + 1)); echo "FAIL harness: $*"; }

# 1. A dead kernel under the real runner.
for arch in ${HARNESS_ARCHS:-rv32 i386}; do
    out=build/$arch/boot/harness
    mkdir -p "build/$arch/boot"
    if ! make -s ARCH="$arch" "build/$arch/boot/dead.elf" >"$out.build" 2>&1; then
        cat "$out.build"; fail "$arch: dead.elf did not build"; continue
    fi
    BATON_TIMEOUT=20 BATON_TEST_IMAGE=build/$arch/boot/dead.elf BATON_TEST_OUT=$out \
        sh tests/qemu/run.sh "$arch" smoke >"$out.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ] &&
       grep -q "^FAIL $arch/smoke: the kernel never reached its end" "$out.log"; then
        pass
    else
        cat "$out.log"; fail "$arch: a dead kernel was not reported (run.sh exit $rc)"
    fi
done

# 2. check_run on outputs written here. judge OUT STATUS EXPECT: the number
# of failed checks check_run counts.
. tests/check.sh
tmp=build/boot-harness
mkdir -p "$tmp"
judge() {
    passed=0 failed=0
    printf '%b' "$1" >"$tmp/out"
    printf '%b' "$3" >"$tmp/expect"
    check_run case QEMU "$tmp/out" "$2" "$tmp/expect" >"$tmp/log"
    echo "$failed"
}
# expect_fails N WHAT OUTPUT STATUS EXPECT
expect_fails() {
    n=$(judge "$3" "$4" "$5")
    if [ "$n" -eq "$1" ]; then pass; else fail "$2: $n failed checks, want $1"; cat "$tmp/log"; fi
}
end='[baton] all tasks finished\n'
expect_fails 1 "silent exit 0"           ''                 0 ''
expect_fails 1 "timed out before the end" 'a\n'             124 ''
expect_fails 0 "a clean end"             "a\n$end"          0 ''
expect_fails 1 "end marker, exit 1"      "$end"             1 ''
expect_fails 0 "a refusal, as expected"  'no MMU\n'         3 '%end no MMU\n%exit 3\n'
expect_fails 1 "a refusal, wrong status" 'no MMU\n'         0 '%end no MMU\n%exit 3\n'
expect_fails 0 "any order"      "xray\nbravo\nalpha\nyank\n$end" 0 'xray\n%any\nalpha\nbravo\n%end-any\nyank\n'
expect_fails 1 "group member missing" "xray\nbravo\nyank\n$end" 0 'xray\n%any\nalpha\nbravo\n%end-any\nyank\n'
expect_fails 1 "group after the next line" "xray\nbravo\nyank\nalpha\n$end" 0 'xray\n%any\nalpha\nbravo\n%end-any\nyank\n'
expect_fails 1 "group before the line before" "alpha\nxray\nbravo\nyank\n$end" 0 'xray\n%any\nalpha\nbravo\n%end-any\nyank\n'
expect_fails 1 "out of order"   "bravo\nalpha\n$end" 0 'alpha\nbravo\n'

echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
