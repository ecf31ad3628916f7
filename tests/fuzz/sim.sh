#!/bin/sh
# sim.sh - the kernel fuzzer's part of `make test` (make fuzz-sim-test):
# first every input saved in tests/fuzz/sim-corpus/ is run again (each was
# a run that reached new code once; none may break an invariant now), one
# check per file; then build/bin/baton-fuzz fuzzes for FUZZ_SMOKE seconds
# (25 by default) from that corpus, keeping what it finds in build/fuzz/,
# one check more. A crash leaves its input in build/fuzz/: replay it with
#     BATON_FUZZ_VERBOSE=1 build/bin/baton-fuzz build/fuzz/crash-...
# Ends with "N passed, N failed"; non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
smoke=${FUZZ_SMOKE:-25}
corpus=tests/fuzz/sim-corpus
out=build/fuzz
mkdir -p "$out/smoke-corpus"
if ! make -s build/bin/baton-fuzz >"$out/build.log" 2>&1; then
    cat "$out/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
passed=0
failed=0

for f in "$corpus"/*; do
    [ -f "$f" ] || continue
    if timeout 60 build/bin/baton-fuzz "$f" >"$out/replay.log" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL replay $f:"
        grep -aE 'INVARIANT|ERROR|SUMMARY' "$out/replay.log" | head -5
    fi
done
echo "replayed $((passed + failed)) saved inputs: $failed failed"

# -len_control=0: long inputs (many operations per task) from the start.
timeout $((smoke + 120)) build/bin/baton-fuzz -max_total_time="$smoke" \
    -len_control=0 -max_len=2048 -print_final_stats=1 -artifact_prefix="$out/" \
    "$out/smoke-corpus" "$corpus" >"$out/smoke.log" 2>&1
rc=$?
grep -aE '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::new_units_added)' "$out/smoke.log"
if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL fuzzing for ${smoke}s (exit $rc):"
    grep -aE 'INVARIANT|ERROR|SUMMARY|Test unit written' "$out/smoke.log" | head -8
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
