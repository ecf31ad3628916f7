#!/bin/sh
# run.sh FUZZER SECONDS - what `make test` does with a libFuzzer target:
# replay every input of the saved corpus once, then fuzz for SECONDS on a
# scratch copy (new inputs are not saved). Ends with "N passed, N failed".
set -u
fuzzer=$1
seconds=$2
cd "$(dirname "$0")/../.." || exit 2
corpus=tests/fuzz/trace-corpus
scratch=build/fuzz/trace-smoke
passed=0
failed=0
mkdir -p build/fuzz

if "$fuzzer" -artifact_prefix=build/fuzz/ "$corpus"/* >build/fuzz/replay.log 2>&1; then
    passed=$((passed + 1))
    echo "replay: $(ls "$corpus" | wc -l) inputs, no crash"
else
    failed=$((failed + 1))
    echo "FAIL replay of $corpus:"
    tail -n 30 build/fuzz/replay.log
fi

rm -rf "$scratch" && mkdir -p "$scratch"
if "$fuzzer" -artifact_prefix=build/fuzz/ -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$scratch" "$corpus" >build/fuzz/smoke.log 2>&1; then
    passed=$((passed + 1))
    grep -E '^stat::number_of_executed_units|^Done' build/fuzz/smoke.log | sed 's/^/fuzz: /'
else
    failed=$((failed + 1))
    echo "FAIL fuzzing found a crash (the input is in build/fuzz/crash-*):"
    tail -n 40 build/fuzz/smoke.log
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
