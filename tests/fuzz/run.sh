#!/bin/sh
# run.sh FUZZER RUNS - what `make test` does with the trace decoder's
# libFuzzer target: replay every input of the saved corpus once, then
# fuzz RUNS new inputs on a scratch copy (not saved), from the random seed
# FUZZ_SEED (1 by default) without address randomization where the system
# allows it: the same run on every machine, so a failure in CI is one
# anyone can repeat (tests/fuzz/sim.sh does the same for the kernel
# fuzzer; FUZZ_SEED=0: a seed of libFuzzer's choosing, printed). A crash
# is left in build/fuzz/ and printed in base64. Ends with "N passed, N
# failed".
set -u
fuzzer=$1
runs=$2
seed=${FUZZ_SEED:-1}
cd "$(dirname "$0")/../.." || exit 2
corpus=tests/fuzz/trace-corpus
scratch=build/fuzz/trace-smoke
log=build/fuzz/trace
passed=0
failed=0
mkdir -p build/fuzz

if "$fuzzer" -artifact_prefix=build/fuzz/ "$corpus"/* >"$log-replay.log" 2>&1; then
    passed=$((passed + 1))
    echo "replay: $(ls "$corpus" | wc -l) inputs, no crash"
else
    failed=$((failed + 1))
    echo "FAIL replay of $corpus:"
    tail -n 30 "$log-replay.log"
fi

rm -rf "$scratch" && mkdir -p "$scratch"
same=
setarch -R true 2>/dev/null && same="setarch -R"
# shellcheck disable=SC2086 # $same: a command, or nothing
if timeout 600 $same "$fuzzer" -artifact_prefix=build/fuzz/ -runs="$runs" -seed="$seed" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$scratch" "$corpus" \
        >"$log-smoke.log" 2>&1; then
    passed=$((passed + 1))
    grep -E '^INFO: Seed:|^stat::number_of_executed_units|^Done' "$log-smoke.log" | sed 's/^/fuzz: /'
else
    failed=$((failed + 1))
    echo "FAIL fuzzing $runs runs from seed $seed found a crash:"
    tail -n 40 "$log-smoke.log"
    crash=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log-smoke.log" | head -1)
    if [ -n "$crash" ] && [ -f "$crash" ]; then
        echo "  $crash, base64 (base64 -d >FILE, then $fuzzer FILE):"
        base64 "$crash" | sed 's/^/    /'
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
