#!/bin/sh
# run.sh - the labs' grader graded (docs/labs.md, "The grader's own
# test"). For every lab of tests/labs/expected, a folder of sample
# submissions is made in build/labs-test/samples/LAB/: the reference (a
# directory), the skeleton (labs/skeleton.sh, as a tarball), the reference
# with the lab's planted bug (tests/labs/bugs/LAB.patch, as a git bundle);
# for the first lab also one that edits a test (refused), one that edits
# README.md (graded, the change noted), one whose kernel never
# ends a send, one that does not compile. Each folder is graded by
# `labs/grade -j 2` (simulator; the timeouts of limits() below) and checked:
#   - each grades.csv row has the expected score and status;
#   - the reference has full marks, the skeleton and the bug less, and the
#     skeleton's grade points at the missing functions (TODO lines);
#   - each results.json is Gradescope's format (jq): a number score equal
#     to the sum of its tests', every test with name, score, max_score,
#     output, visibility.
# `sh tests/labs/run.sh LAB...`: those labs only. Ends with "N passed, N
# failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/labs-test
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "pass  $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; }
mkdir -p "$out/samples" || exit 2
if ! make -s build/bin/baton-sim build/bin/baton-trace >"$out/build.log" 2>&1; then
    cat "$out/build.log"; echo "0 passed, 1 failed"; exit 1
fi
ref() { mkdir -p "$1" && tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C "$1"; }

# samples LAB: the sample folder of LAB.
samples() {
    s=$out/samples/$1 tmp=$out/tmp/$1
    rm -rf "$s" "$tmp" "$out/grade/$1"
    mkdir -p "$s" "$tmp"
    ref "$s/reference"
    sh labs/skeleton.sh "$1" "$tmp/skeleton" >/dev/null && tar -czf "$s/skeleton.tar.gz" -C "$tmp" skeleton
    ref "$tmp/bug" && patch -s -d "$tmp/bug" -p1 <"tests/labs/bugs/$1.patch" &&
        (cd "$tmp/bug" && git init -q && git add -A && git -c user.name=s -c user.email=s@x commit -qm bug &&
         git bundle create -q ../bug.bundle HEAD 2>/dev/null) && mv "$tmp/bug.bundle" "$s/"
    [ "$1" = "$first" ] || return 0
    sh labs/skeleton.sh "$1" "$s/edits-test" >/dev/null && sed -i "\$d" "$s/edits-test/tests/qemu/ipc_rendezvous.expect"
    sh labs/skeleton.sh "$1" "$s/edits-readme" >/dev/null && echo "my notes" >>"$s/edits-readme/README.md"
    ref "$s/never-ends" && sed -i 's|^    if (ipc_accepts(dst, me->id)) {            /\* the receiver waits for us \*/|    for (;;) {}\n&|' "$s/never-ends/kernel/ipc.c"
    sh labs/skeleton.sh "$1" "$tmp/no-build" >/dev/null && echo 'this is not C' >>"$tmp/no-build/kernel/sendq.c" &&
        tar -cf "$s/no-build.tar" -C "$tmp/no-build" .
}

# check_json FILE: Gradescope's results.json.
check_json() {
    jq -e '(.score | type == "number") and (.tests | type == "array") and
           ([.tests[] | (.name | type == "string") and (.score | type == "number") and
                        (.max_score | type == "number") and (.output | type == "string") and
                        (.visibility | IN("visible", "hidden", "after_due_date", "after_published"))] | all) and
           (.score == ([.tests[].score] | add))' "$1" >/dev/null 2>&1
}

# limits LAB: the first lab has the sample that never ends: short runs
# there (3 s: its 5 looping runs cost 15 s, and every run ends), long
# ones elsewhere (ipc_async takes seconds under ASan on a loaded machine).
limits() { if [ "$1" = "$first" ]; then echo "-t 3 -T 120"; else echo "-t 60 -T 240"; fi; }

first=$(grep -v '^#' tests/labs/expected | awk 'NR == 1 { print $1 }')
for lab in ${*:-$(grep -v '^#' tests/labs/expected | awk '{ print $1 }' | uniq)}; do
    samples "$lab"
    sh labs/grade -j 2 $(limits "$lab") -o "$out/grade/$lab" "$lab" "$out/samples/$lab" >"$out/$lab.log" 2>&1
    csv=$out/grade/$lab/grades.csv
    [ -f "$csv" ] || { fail "$lab: labs/grade wrote no grades.csv ($out/$lab.log)"; continue; }
    echo "$passed $failed" >"$out/counts"     # the loop below runs in a subshell
    grep -v '^#' tests/labs/expected | awk -v l="$lab" '$1 == l' | while read -r _ sub score status; do
        row=$(grep "^$sub," "$csv" | cut -d, -f2-4)
        if [ "$row" = "$score,$(grep "^$sub," "$csv" | cut -d, -f3),$status" ]; then pass "$lab/$sub: $row"
        else fail "$lab/$sub: got '${row:-no row}', want score $score, status $status ($out/grade/$lab/subs/$sub/grade.txt)"; fi
        echo "$passed $failed" >"$out/counts"
    done
    read -r passed failed <"$out/counts"
    max=$(awk -F, 'NR == 2 { print $3 }' "$csv")
    grep -q "^reference,$max,$max,ok," "$csv" && pass "$lab: the reference has full marks ($max)" || fail "$lab: the reference lacks full marks"
    if [ "$lab" = "$first" ] && ! grep -q "^edits-readme,.*ignored: README.md" "$csv"; then
        fail "$lab/edits-readme: the change outside the lab's files is not noted"
    fi
    if grep -q 'still a TODO' "$out/grade/$lab/subs/skeleton/grade.txt"; then pass "$lab: the skeleton's grade points at the TODOs"
    else fail "$lab: the skeleton's grade names no TODO"; fi
    for j in "$out/grade/$lab"/subs/*/results.json; do
        n=$(basename "$(dirname "$j")")
        if check_json "$j"; then pass "$lab/$n: results.json is Gradescope's format"
        else fail "$lab/$n: results.json is not Gradescope's format: $j"; fi
    done
done
# The first lab's extra checks, when it was run.
echo " ${*:-$first} " | grep -q " $first " || { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

# The time of one submission: the sample that never ends, alone, stopped
# after 10 s whatever it was running.
rm -rf "$out/grade/stopped" "$out/grade/hidden"
sh labs/grade -t 60 -T 10 -o "$out/grade/stopped" "$first" "$out/samples/$first/never-ends" >"$out/stopped.log" 2>&1
if grep -q "^never-ends,[0-9]*,100,timeout,\"stopped after 10 s" "$out/grade/stopped/grades.csv" 2>/dev/null &&
   check_json "$out/grade/stopped/subs/never-ends/results.json"; then
    pass "$first/never-ends: stopped by its own timeout (-T 10)"
else
    fail "$first/never-ends under -T 10: $(tail -n 1 "$out/grade/stopped/grades.csv" 2>/dev/null)"
fi

# Hidden tests: added by -H, graded, "after_published" in results.json,
# never in the handout.
lab=$first
sh labs/grade -H tests/labs/hidden.conf -o "$out/grade/hidden" "$lab" "$out/samples/$lab/reference" >"$out/hidden.log" 2>&1
j=$out/grade/hidden/subs/reference/results.json
if grep -q "^reference,110,110,ok," "$out/grade/hidden/grades.csv" 2>/dev/null &&
   jq -e '[.tests[] | select(.name == "ipc_call")][0] | .visibility == "after_published" and .score == 10' "$j" >/dev/null 2>&1; then
    pass "$lab: a hidden test (-H) is graded and hidden (110/110)"
else
    fail "$lab: the hidden test: $(cat "$out/grade/hidden/grades.csv" 2>/dev/null | tail -n 1) ($j)"
fi
if tar -tzf "$out/samples/$lab/skeleton.tar.gz" | grep -q "hidden"; then fail "$lab: the handout holds hidden files"
else pass "$lab: the handout holds no hidden file"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
