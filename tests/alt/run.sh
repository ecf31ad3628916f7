#!/bin/sh
# run.sh - the behaviour layer grades behaviour, not the reference's insides.
#
# Copies the tree to build/alt/tree, puts a second correct implementation
# of two lab units in place of the reference (tests/alt/sendq.[ch]: the
# blocked-senders queue as a ring instead of a linked list;
# tests/alt/deadlock.c: the wait-for walk with a visited set), and runs
# there:
#   - the behaviour suites: the QEMU conformance tests on rv32 and i386 and
#     the same tests in the simulator. Every one must pass.
#   - a white-box check that reads the reference's list (the kernel unit
#     test of sendq.c). It must fail: it is the one that notices.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
tree=build/alt/tree
log=build/alt
passed=0
failed=0

echo "alt: copying the tree to $tree with tests/alt/ in place of kernel/sendq.[ch], kernel/deadlock.c"
rm -rf "$tree" && mkdir -p "$tree" || exit 2
tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C "$tree" || exit 2
cp tests/alt/sendq.h tests/alt/sendq.c tests/alt/deadlock.c "$tree/kernel/" || exit 2

# count NAME LOG: add the "N passed, N failed" (or Criterion) counts of LOG.
count() {
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
    if [ -z "$line" ]; then
        failed=$((failed + 1))
        echo "FAIL alt/$1: no summary (see $2)"
        tail -n 5 "$2"
        return
    fi
    p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    echo "alt/$1 (behaviour): $line"
    [ "$f" -eq 0 ] || grep '^FAIL' "$2" | head -n 10
}

# The two QEMU suites side by side (one core each), then the simulator.
(cd "$tree" && sh tests/qemu/run.sh rv32) >"$log/qemu-rv32.log" 2>&1 &
rv=$!
(cd "$tree" && sh tests/qemu/run.sh i386) >"$log/qemu-i386.log" 2>&1
wait $rv
count qemu-rv32 "$log/qemu-rv32.log"
count qemu-i386 "$log/qemu-i386.log"
(cd "$tree" && sh tests/sim/run.sh) >"$log/sim.log" 2>&1
count sim "$log/sim.log"

# The white-box check must notice the other structure.
if (cd "$tree" && make -s kernel-unit-tests) >"$log/whitebox.log" 2>&1; then
    failed=$((failed + 1))
    echo "FAIL alt/white-box: the sendq unit test passed against the ring: it checks nothing of the list"
else
    passed=$((passed + 1))
    echo "alt/white-box: the sendq unit test fails against the ring, as it must ($(grep -c 'error:' "$log/whitebox.log") errors, see $log/whitebox.log)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
