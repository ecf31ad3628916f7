# check.sh - how the console output of one test run is judged, sourced by
# tests/qemu/run.sh and tests/sim/run.sh, so that QEMU and the simulator
# judge the same test the same way.
#
# Every "PASS x" line a test program prints counts as one passed check,
# every "FAIL x" line as a failed one; each line of the test's .expect file
# (found in the output, in order) and the run's exit status count as one
# check more. The caller sets passed=0 failed=0 and prints the total.

# check_expect LABEL OUT EXPECT: "ok" per expect line found after the
# previous match, or a FAIL line for the first one missing.
check_expect() {
    awk -v out="$2" -v name="$1" '
        /^#/ || /^$/ { next }
        {
            want = $0
            while ((getline line < out) > 0)
                if (index(line, want)) { print "ok"; next }
            print "FAIL " name ": expected, in order: " want
            exit
        }' "$3"
}

# check_run LABEL RUNNER OUT STATUS [EXPECT]: judge one run whose console
# output is in OUT and whose exit status (RUNNER's) is STATUS.
check_run() {
    label=$1 runner=$2 out=$3 rc=$4 expect=${5:-}
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $label: $runner exited with status $rc"
    fi
    p=$(grep -c '^PASS ' "$out")
    f=$(grep -c '^FAIL ' "$out")
    grep '^FAIL ' "$out" | sed "s|^|$label: |"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ -n "$expect" ] && [ -f "$expect" ]; then
        r=$(check_expect "$label" "$out" "$expect")
        passed=$((passed + $(printf '%s\n' "$r" | grep -c '^ok$')))
        bad=$(printf '%s\n' "$r" | grep '^FAIL')
        if [ -n "$bad" ]; then
            echo "$bad"
            failed=$((failed + 1))
        fi
    fi
    echo "$label: done (exit $rc, $p PASS lines, $f FAIL lines; log $out)"
}
