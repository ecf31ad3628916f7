#!/bin/sh
# grade-tree.sh [-a ARCH] [-t SECS] [-r RESULTS] LAB - grade this tree on
# lab LAB, as `make grade LAB=...` does: builds, runs each test of
# labs/LAB/lab.conf (and labs/LAB/hidden.conf, the instructor's hidden
# tests, when there is one), prints one line per test with its points and
# the total (docs/labs.md).
#   -a sim|rv32|i386  where the tests run: the simulator (default) or QEMU
#                     (a test that types console input runs in the
#                     simulator there too)
#   -t SECS           the timeout of one run (default 30)
#   -r RESULTS        also write one line per test, tab-separated: name,
#                     score, max, visibility, file of its output (labs/grade
#                     reads it)
# A test's points: in proportion to its checks passed (tests/check.sh: PASS
# lines, expect lines, the end of the run), out of the reference's number
# of checks; full points only with no check failed. A trace check: all or
# nothing. Exit status 0 for full marks, 1 otherwise, 2 for a usage error.
set -u
cd "$(dirname "$0")/.." || exit 2
arch=sim tmo=30 results=/dev/null
while getopts a:t:r: o; do
    case $o in
    a) arch=$OPTARG ;;
    t) tmo=$OPTARG ;;
    r) results=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: labs/grade-tree.sh [-a sim|rv32|i386] [-t SECS] [-r RESULTS] LAB" >&2; exit 2; }
lab=$1
case $arch in sim|rv32|i386) ;; *) echo "grade: -a sim, rv32 or i386" >&2; exit 2 ;; esac
[ -f "labs/$lab/lab.conf" ] || { echo "grade: no lab '$lab' (labs/$lab/lab.conf)" >&2; exit 2; }
gdir=build/grade/$lab
rm -rf "$gdir" && mkdir -p "$gdir" || exit 2
: >"$results"
. tests/check.sh
total=0 max=0

# report NAME SCORE MAX VISIBILITY OUTFILE: the line and the results.
report() {
    verdict=OK
    [ "$2" -lt "$3" ] && verdict=FAIL
    printf '%-44s %-4s %3d/%d\n' "$1 $(printf '%.44s' '............................................')" \
        "$verdict" "$2" "$3" | sed 's/^\(.\{44\}\)[^ ]* /\1 /'
    [ "$2" -lt "$3" ] && grep -v '^  *$' "$5" | head -n 6 | sed 's/^/    /' | cut -c1-150
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$results"
    total=$((total + $2)) max=$((max + $3))
}

# The tests, as lines "KIND ARGS... VISIBILITY".
tests() {
    awk '$1 == "test" || $1 == "trace" { print $0, "visible" }' "labs/$lab/lab.conf" | sed 's/#.*visible$/visible/'
    [ -f "labs/$lab/hidden.conf" ] &&
        awk '$1 == "test" || $1 == "trace" { print $0, "after_published" }' "labs/$lab/hidden.conf" |
        sed 's/#.*after_published$/after_published/'
}

# ---- the build ----
echo "== lab $lab, in $([ "$arch" = sim ] && echo the simulator || echo "QEMU $arch")"
built=yes
# FASTPATH=0: the lab grades the slow path (kernel/ipc.c), which the fast
# path (kernel/fastpath.c) would otherwise bypass for a round trip.
if ! make -s FASTPATH=0 build/bin/baton-sim >"$gdir/build.log" 2>&1; then built=no; fi
[ -x build/bin/baton-trace ] || make -s build/bin/baton-trace >>"$gdir/build.log" 2>&1 || built=no
if [ "$built" = no ]; then
    { echo "the tree does not build (make -s build/bin/baton-sim):"; grep -E 'error|Error' "$gdir/build.log" | head -n 8; } >"$gdir/build.out"
fi

# run NAME OUT [--trace all]: NAME's run, console (or trace) in OUT; its status.
run() {
    name=$1 o=$2 traced=no
    shift 2
    [ $# -gt 0 ] && traced=yes
    mf=tests/qemu/$name.manifest
    if [ "$arch" = sim ] || [ -f "tests/qemu/$name.input" ]; then
        set -- "$@" "$mf"
        if [ -f "tests/qemu/$name.input" ]; then
            grep -v '^#' "tests/qemu/$name.input" >"$o.input"
            set -- --input-file "$o.input" "$@"
        fi
        timeout -k 2 "$tmo" build/bin/baton-sim "$@" </dev/null >"$o" 2>"$o.err"
        rc=$?
        [ $traced = yes ] || cat "$o.err" >>"$o"
        return $rc
    fi
    make -s ARCH="$arch" FASTPATH=0 MANIFEST="$name" image >"$o.build" 2>&1 || { cat "$o.build" >"$o"; return 125; }
    [ $traced = yes ] && set -- -append trace=all
    BATON_TIMEOUT=$tmo sh scripts/qemu.sh "$arch" "build/$arch/img/$name.elf" "$@" </dev/null >"$o" 2>&1
}

# test NAME POINTS CHECKS VISIBILITY: a conformance test, judged as
# tests/qemu/run.sh judges it.
test_run() {
    o=$gdir/$1.out
    if [ "$built" = no ]; then report "$1" 0 "$2" "$4" "$gdir/build.out"; return; fi
    run "$1" "$o"
    rc=$?
    passed=0 failed=0
    check_run "$arch/$1" baton "$o" $rc "tests/qemu/$1.expect" >"$o.judge"
    [ $rc -eq 124 ] && echo "timed out after $tmo s" >>"$o.judge"
    if [ "$failed" -eq 0 ] && [ "$passed" -ge "$3" ]; then s=$2
    else
        [ "$passed" -ge "$3" ] && passed=$(($3 - 1))
        s=$(($2 * passed / $3))
    fi
    { grep -v ': done (exit' "$o.judge"; echo "$passed of $3 checks passed, $failed failed (console: $o)"; } >"$o.why"
    report "$1" "$s" "$2" "$4" "$o.why"
}

# trace NAME SCRIPT POINTS COUNTER [VAR=VALUE...] VISIBILITY: a trace check.
trace_run() {
    name=$1 script=$2 pts=$3 counter=$4
    shift 4
    label="trace $script on $name"
    eval "vis=\${$#}"
    o=$gdir/$name.$script; t=$gdir/$name.trace
    if [ "$built" = no ]; then report "$label" 0 "$pts" "$vis" "$gdir/build.out"; return; fi
    lua=tracer/scripts/$script.lua
    [ -f "labs/$lab/$script.lua" ] && lua=labs/$lab/$script.lua
    # One traced run of NAME serves every check of it.
    if [ -f "$t" ]; then runrc=$(cat "$t.rc"); else run "$name" "$t" --trace all; runrc=$?; echo $runrc >"$t.rc"; fi
    vars=
    while [ $# -gt 1 ]; do vars="$vars $1"; shift; done
    # shellcheck disable=SC2086
    env $vars build/bin/baton-trace --batch --script "$lua" "$t" >"$o.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -Eq "^counter ($counter) [1-9]" "$o.log"; then s=$pts
    else s=0; fi
    { grep -E '^FAIL|^verdict|^counter' "$o.log" | head -n 8
      [ $runrc -eq 124 ] && echo "timed out after $tmo s"
      [ $rc -eq 0 ] && [ $s -eq 0 ] && echo "nothing to judge: the run never did what $script.lua checks ($counter)"
      echo "(trace: $t; baton-trace --batch --script $lua $t)"; } >"$o.why"
    report "$label" "$s" "$pts" "$vis" "$o.why"
}

tests >"$gdir/tests"
while read -r kind rest; do
    # shellcheck disable=SC2086
    case $kind in
    test) set -- $rest; test_run "$1" "$2" "$3" "${4:-visible}" ;;
    trace) set -- $rest; trace_run "$@" ;;
    esac
done <"$gdir/tests"

# Where the missing pieces are: the TODOs of the lab still in the tree.
todo=$(for f in $(awk '$1 == "files" { for (i = 2; i <= NF && $i !~ /^#/; i++) print $i }' "labs/$lab/lab.conf"); do
    awk -v lab="$lab" '/^[a-z].*\(/ { fn = $0; sub(/\(.*/, "", fn); sub(/.* \**/, "", fn) }
        index($0, "TODO(lab " lab ")") { print "    " FILENAME ":" FNR ": " fn "() is still a TODO" }' "$f"
done)
[ -n "$todo" ] && printf 'still to write (labs/%s/README.md):\n%s\n' "$lab" "$todo"
echo "Score: $total/$max"
[ "$total" -eq "$max" ]
