# check.sh - how the console output of one test run is judged, sourced by
# tests/qemu/run.sh, tests/sim/run.sh and tests/boot/*.sh, so that QEMU and
# the simulator judge the same test the same way.
#
# Every "PASS x" line a test program prints counts as one passed check,
# every "FAIL x" line as a failed one; each line of the test's .expect file
# (found in the output, in order) counts as one check more, and so does the
# end of the run: the kernel's own end marker in the output and the exit
# status expected with it. A run that exits 0 without the marker never
# reached its end (it died, or was never there), and fails.
#
# An .expect file may change the end it waits for, and group lines whose
# order the IPC model does not fix:
#   %end TEXT     the marker (default: "[baton] all tasks finished")
#   %exit N       the exit status (default 0)
#   %any          the lines up to "%end-any" may appear in any order, all
#   %end-any      after the line before the group and before the line after
# The caller sets passed=0 failed=0 and prints the total.

CHECK_END_MARKER='[baton] all tasks finished'

# check_expect LABEL OUT EXPECT: "ok" per expect line found, or a FAIL line
# for the first one missing. An ordered line must come after every line
# matched before it; a line of a %any group only after the lines before
# the group.
check_expect() {
    awk -v out="$2" -v name="$1" '
        function load(   l) { while ((getline l < out) > 0) line[++n] = l }
        function find(want, from,   i) {
            for (i = from + 1; i <= n; i++)
                if (index(line[i], want)) return i
            return 0
        }
        BEGIN { load(); at = 0; grp = 0 }
        /^%any$/     { grp = 1; base = at; top = at; next }
        /^%end-any$/ { grp = 0; at = top; next }
        /^#/ || /^%/ || /^$/ { next }
        {
            i = find($0, grp ? base : at)
            if (!i) {
                print "FAIL " name ": expected" (grp ? ", in any order" : ", in order") ": " $0
                exit
            }
            print "ok"
            if (grp) { if (i > top) top = i } else at = i
        }' "$3"
}

# check_directive EXPECT WORD DEFAULT: the value of "%WORD value" in the
# expect file, or DEFAULT.
check_directive() {
    v=
    [ -n "$1" ] && [ -f "$1" ] && v=$(sed -n "s/^%$2 //p" "$1" | tail -n 1)
    printf '%s\n' "${v:-$3}"
}

# check_end LABEL RUNNER OUT STATUS END EXIT: one check, the end of the run.
check_end() {
    if ! grep -qF -- "$5" "$3"; then
        failed=$((failed + 1))
        echo "FAIL $1: the kernel never reached its end: no \"$5\" in the output ($2 exited with status $4)"
    elif [ "$4" -ne "$6" ]; then
        failed=$((failed + 1))
        echo "FAIL $1: $2 exited with status $4, expected $6"
    else
        passed=$((passed + 1))
    fi
}

# check_run LABEL RUNNER OUT STATUS [EXPECT [END [EXIT]]]: judge one run
# whose console output is in OUT and whose exit status (RUNNER's) is
# STATUS. END and EXIT override the expect file's (or the defaults).
check_run() {
    label=$1 runner=$2 out=$3 rc=$4 expect=${5:-}
    end=${6:-$(check_directive "$expect" end "$CHECK_END_MARKER")}
    want_rc=${7:-$(check_directive "$expect" exit 0)}
    check_end "$label" "$runner" "$out" "$rc" "$end" "$want_rc"
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
