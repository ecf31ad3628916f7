#!/bin/sh
# lua.sh - the tests of Lua scenarios (docs/sim.md, "Lua scenarios"):
#  1. every example, sim/scenarios/*.lua, passes in build/bin/baton-sim:
#     exit 0, no FAIL line, at least one PASS line, each counted (as
#     tests/check.sh counts those of the QEMU tests);
#  2. every scenario in tests/sim/lua-bad/ fails the way it says: its
#     "-- status: N" line is the exit status, and each "-- expect: TEXT"
#     line is found in its output (stdout and stderr);
#  3. determinism: the same seed gives the same output, twice, for every
#     example and for tests/sim/lua-det/prodcons.lua under --preempt; and
#     prodcons keeps its checks under 50 seeds, which interleave it in more
#     than one way.
# Outputs are in build/sim/lua/. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
# (Not "out" nor "f": tests/check.sh's check_run sets those.)
logs=build/sim/lua
sim=build/bin/baton-sim
mkdir -p "$logs"
passed=0
failed=0
. tests/check.sh

if ! make -s sim >"$logs/build.log" 2>&1; then
    cat "$logs/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# run LOG ARGS...: baton-sim ARGS, stdout and stderr to LOG; $? its status.
run() {
    log=$1
    shift
    timeout 60 "$sim" "$@" </dev/null >"$log" 2>&1
}

# 1. The examples.
for scen in sim/scenarios/*.lua; do
    name=$(basename "$scen" .lua)
    run "$logs/$name.out" "$scen"
    check_run "lua/$name" baton-sim "$logs/$name.out" $? "" "baton-sim: $scen: "
    grep -q '^PASS ' "$logs/$name.out" || fail "lua/$name: no PASS line at all"
done

# 2. The scenarios that must fail, and how.
for scen in tests/sim/lua-bad/*.lua; do
    name=bad-$(basename "$scen" .lua)
    run "$logs/$name.out" "$scen"
    rc=$?
    want=$(sed -n 's/^-- status: *//p' "$scen")
    if [ "$rc" = "$want" ]; then pass; else fail "lua/$name: exit status $rc, want $want"; fi
    sed -n 's/^-- expect: //p' "$scen" >"$logs/$name.expect"
    while IFS= read -r line; do
        if grep -qF -- "$line" "$logs/$name.out"; then pass; else fail "lua/$name: no \"$line\""; fi
    done <"$logs/$name.expect"
    echo "lua/$name: done (exit $rc; log $logs/$name.out)"
done

# 3. Determinism.
for scen in sim/scenarios/*.lua tests/sim/lua-det/prodcons.lua; do
    name=$(basename "$scen" .lua)
    run "$logs/$name.seed7a" --preempt --seed 7 "$scen"
    run "$logs/$name.seed7b" --preempt --seed 7 "$scen"
    if cmp -s "$logs/$name.seed7a" "$logs/$name.seed7b"; then pass
    else fail "lua/$name: two runs with --seed 7 differ ($logs/$name.seed7[ab])"; fi
done
: >"$logs/orders"
for s in $(seq 1 50); do
    run "$logs/prodcons.seed" --preempt --seed "$s" tests/sim/lua-det/prodcons.lua
    rc=$?
    if [ $rc -eq 0 ] && ! grep -q '^FAIL' "$logs/prodcons.seed" &&
       [ "$(grep -c '^PASS' "$logs/prodcons.seed")" -eq 16 ]; then pass
    else fail "lua/prodcons: seed $s (exit $rc):"; cat "$logs/prodcons.seed"; fi
    grep '^order ' "$logs/prodcons.seed" >>"$logs/orders"
done
n=$(sort -u "$logs/orders" | wc -l)
if [ "$n" -gt 1 ]; then pass; else fail "lua/prodcons: 50 seeds, one interleaving"; fi
echo "lua/prodcons: 50 seeds, $n distinct interleavings"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
