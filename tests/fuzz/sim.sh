#!/bin/sh
# sim.sh - the kernel fuzzer's part of `make test` (make fuzz-sim-test):
# first every input saved in tests/fuzz/sim-corpus/ is run again (each was
# a run that reached new code once; none may break an invariant now), one
# check per file; then build/bin/baton-fuzz makes FUZZ_SMOKE_RUNS new
# inputs (5000 by default, about 25 s) from that corpus, keeping what it
# finds in build/fuzz/, one check more. Those inputs come from the random
# seed FUZZ_SEED (1 by default), so that make test is the same run on
# every machine and a failure in CI is one anyone can repeat; searching
# for new bugs with fresh seeds is `make fuzz`'s work (FUZZ_SEED=0: a seed
# of libFuzzer's choosing, printed). A crash leaves its input in
# build/fuzz/: replay it with
#     BATON_FUZZ_VERBOSE=1 build/bin/baton-fuzz build/fuzz/crash-...
# Ends with "N passed, N failed"; non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
runs=${FUZZ_SMOKE_RUNS:-5000}
seed=${FUZZ_SEED:-1}
corpus=tests/fuzz/sim-corpus
out=build/fuzz
rm -rf "$out/smoke-corpus"
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
# Without address randomization (setarch -R, where the system allows it):
# libFuzzer learns values the kernel compares, addresses among them, and
# those would make the same seed a different run.
same=
setarch -R true 2>/dev/null && same="setarch -R"
# shellcheck disable=SC2086 # $same: a command, or nothing
timeout 600 $same build/bin/baton-fuzz -runs="$runs" -seed="$seed" \
    -len_control=0 -max_len=2048 -print_final_stats=1 -artifact_prefix="$out/" \
    "$out/smoke-corpus" "$corpus" >"$out/smoke.log" 2>&1
rc=$?
grep -aE '^(INFO: Seed:|#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::new_units_added)' "$out/smoke.log"
if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL fuzzing $runs runs from seed $seed (exit $rc; FUZZ_SEED=$seed sh tests/fuzz/sim.sh repeats it):"
    grep -aE 'INVARIANT|ERROR|SUMMARY|Test unit written' "$out/smoke.log" | head -8
    # The input itself, for a machine whose build/ is gone (CI):
    # `base64 -d >FILE`, then replay FILE as above.
    crash=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$out/smoke.log" | head -1)
    if [ -n "$crash" ] && [ -f "$crash" ]; then
        echo "  $crash, base64:"
        base64 "$crash" | sed 's/^/    /'
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
