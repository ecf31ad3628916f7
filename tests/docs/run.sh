#!/bin/sh
# run.sh - the commands of docs/*.md and README.md, so that the pages cannot
# go stale. Every command of a ```sh block (continued lines joined) is:
#   run      when it ends by itself without a screen: the simulator,
#            baton-trace --batch/--dump/--export-*, a bounded QEMU run,
#            GDB in batch mode (scripts/gdb.sh ... -batch); in a scratch
#            folder, a block's commands in order (a later one reads what an
#            earlier one wrote), each bounded by a timeout;
#   dry-run  make's: `make -n` must know every target, manifest and
#            program named (a renamed target or a missing manifest fails);
#   checked  the rest (the viewer on a terminal, loops, QEMU in the
#            background, test suites, placeholders): every file it names
#            exists or is one make can build, every --option of baton-trace
#            and baton-sim is one the program's --help lists, every test
#            named to tests/qemu/run.sh has its manifest. These are listed,
#            with the reason they are not run.
# Then the GDB samples of the pages (tests/docs/gdb-samples.sh; docs/gdb.md's
# sessions are run by tests/gdb/run.sh). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/docs-tests
mkdir -p "$out"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $where: \`$cmd\`: $1"; }

if ! make -s build/bin/baton-trace build/bin/baton-sim >"$out/build.log" 2>&1 ||
    ! make -s ARCH=rv32 trace-record TRACE_SECONDS=5 >>"$out/build.log" 2>&1; then
    cat "$out/build.log"; echo "0 passed, 1 failed"; exit 1
fi
build/bin/baton-trace --help >"$out/trace.help" 2>&1
build/bin/baton-sim --help >"$out/sim.help" 2>&1

# The commands: "page:line<TAB>block number<TAB>command", a comment after
# " # " off, (gdb) lines left to gdb-samples.sh; and in shown.txt
# ("page:line<TAB>line") the output a page shows in a plain block right
# after the block of a command (its last one), for run_cmd to compare.
pages="docs/*.md README.md"
: >"$out/shown.txt"
# shellcheck disable=SC2086 # the glob
awk -v shown="$out/shown.txt" '
     FNR == 1 { on = 0; pend = ""; sh_out = 0 }
     sh_out && /^```/ { sh_out = 0; pend = ""; next }
     sh_out { if ($0 != "...") printf "%s\t%s\n", pend, $0 >shown; next }
     pend != "" && /^```$/ { sh_out = 1; next }
     pend != "" && !/^$/ { pend = "" }
     /^```sh/ { on = 1; blk++; next }
     on && /^```/ { on = 0; pend = last; next }
     /^```/ { next }
     !on || /^\(gdb\) / { next }
     {   l = $0
         if (c != "") { sub(/^ +/, "", l); l = c " " l } else start = FNR
         if (l ~ /\\$/) { sub(/ *\\$/, "", l); c = l; next }
         if (l ~ /^for / && l !~ /(^|[; ])done$/) { c = l; next }  # a loop: to its done
         c = ""
         sub(/ +# [^\x27"]*$/, "", l)
         last = FILENAME ":" start
         print last "\t" blk "\t" l }' $pages >"$out/commands.txt"

# how CMD: "run", "make", or "check REASON" (why it is not run).
how() {
    case $1 in
    *'<'*'>'* | *' TRACE' | *' TRACE '* | *my_lab* | *mylab* | *submissions/* | *alice.tar*)
        echo "check a placeholder stands for your own file or folder" ;;
    'for '*) echo "check a shell loop over many runs" ;;
    '('*) echo "check types into QEMU's console over seconds" ;;
    make\ *) echo make ;;
    *'| less'*) echo "check paged for a person to read" ;;
    *' &') echo "check QEMU in the background, for a viewer to attach to" ;;
    *'baton-trace --connect'*) echo "check attaches to that QEMU (tests/viewer/run.sh does)" ;;
    *'baton-trace --window'*) echo "check opens a window (tests/window does it headless)" ;;
    *'baton-trace -')  echo "check the viewer needs a terminal (tests/viewer/run.sh drives it in tmux)" ;;
    build/bin/baton-trace\ --batch* | build/bin/baton-trace\ --dump* | build/bin/baton-trace\ --export-* | \
    [A-Z_]*=*\ build/bin/baton-trace\ --batch* | build/bin/baton-sim\ *) echo run ;;
    *build/bin/baton-trace\ *) echo "check the viewer needs a terminal (tests/viewer/run.sh drives it in tmux)" ;;
    *baton-fuzz*) echo "check the fuzzer runs until stopped (make fuzz-sim-test runs it briefly)" ;;
    'sh scripts/gdb.sh '*' -batch '*) echo run ;;
    BATON_TIMEOUT=*' sh scripts/qemu.sh '*) echo run ;;
    *'sh tests/'*) echo "check a test suite (make test runs it)" ;;
    'sh scripts/profile.sh '*) echo "check profiles a whole QEMU run (make bench does)" ;;
    labs/*) echo "check grades students' work (tests/labs/run.sh runs the grader)" ;;
    'gdb --args '*) echo "check GDB on the simulator: its (gdb) lines are run by gdb-samples.sh" ;;
    *) echo "check no rule here runs it" ;;
    esac
}

# run_cmd: CMD in the scratch folder of its block (everything of the tree
# linked in), within 120 s; exit 0 (4 from the simulator: --max-steps hit;
# 124 from qemu.sh when the page bounds it with BATON_TIMEOUT).
run_cmd() {
    d=$out/run/b$blk
    if [ ! -d "$d" ]; then
        mkdir -p "$d"
        for f in *; do ln -sfn "$PWD/$f" "$d/$f"; done
    fi
    (cd "$d" && BATON_TIMEOUT=100 timeout 120 sh -c "$cmd") >"$out/cmd.log" 2>&1 </dev/null
    rc=$?
    if [ $rc -eq 4 ] && case $cmd in *--max-steps*) true ;; *) false ;; esac; then rc=0; fi
    # the page bounds a run that never ends on purpose (qemu.sh: 124)
    if [ $rc -eq 124 ] && case $cmd in BATON_TIMEOUT=*) true ;; *) false ;; esac; then rc=0; fi
    if [ $rc -eq 0 ] && ! grep -Eq '^(No symbol|Undefined command|No source file|Function ".*" not defined)' "$out/cmd.log"; then
        ok
    else
        fail "exit $rc: $(grep -Em1 '^(No symbol|Undefined command|No source file|Function)' "$out/cmd.log" ||
            tail -n 2 "$out/cmd.log" | tr '\n' ' ')"
    fi
    # The output the page shows after it: every line, blanks squeezed.
    grep "^$where	" "$out/shown.txt" | cut -f2- | while IFS= read -r line; do
        want=$(printf '%s\n' "$line" | tr -s ' \t' '  ' | sed 's/^ //; s/ $//')
        if tr -s ' \t' '  ' <"$out/cmd.log" | sed 's/^ //; s/ $//' | grep -Fxq -- "$want"; then echo ok; else
            echo "FAIL $where: \`$cmd\`: the page shows a line it did not print: $line"
        fi
    done >"$out/shown.check"
    passed=$((passed + $(grep -c '^ok$' "$out/shown.check")))
    failed=$((failed + $(grep -c '^FAIL' "$out/shown.check")))
    grep '^FAIL' "$out/shown.check"
}

# make_cmd: make -n with the page's words: every target and file known.
# `make ... image` is run (an image is harmless to build, and a later
# command of the block may debug it).
make_cmd() {
    n=-n
    case $cmd in *' image') n=-s ;; esac
    if timeout 300 sh -c "make $n ${cmd#make }" >"$out/cmd.log" 2>&1 </dev/null; then ok; else
        fail "make -n: $(grep -m1 -E 'No rule|\*\*\*|rror' "$out/cmd.log")"
    fi
}

# names: the problems of CMD's words, one a line: a file that is neither
# in the tree nor one make builds, an option the program's --help lacks,
# a test of tests/qemu/run.sh without its manifest. Quotes are dropped;
# a word after `|`, `;` or `--` starts another program.
names() {
    prog='' after_redirect='' qemu_run=''
    set -f
    # shellcheck disable=SC2086 # words, as a shell would split them
    for w in $(printf '%s\n' "$cmd" | tr -d "\"'" | sed 's/;/ ; /g'); do
        if [ -n "$after_redirect" ]; then after_redirect=; continue; fi
        case $w in
        '>' | '2>' | '>>') after_redirect=1; continue ;;
        '|' | ';' | '--' | '&&' | do | then) prog='' qemu_run=''; continue ;;
        '>'* | '2>'* | *'$'* | for | in | done | '&') continue ;;
        *my_lab* | *mylab* | TRACE | *'<'* | submissions/ | alice* | bob.* | carol/) continue ;;
        [A-Z_]*=*) continue ;;
        esac
        if [ -z "$prog" ]; then prog=$w; fi
        case $w in
        --*=*) w=${w%%=*} ;;
        esac
        case $prog:$w in
        build/bin/baton-trace:--* | build/bin/baton-sim:--*)
            h=$out/trace.help; [ "$prog" = build/bin/baton-sim ] && h=$out/sim.help
            grep -q -- "$w\\b" "$h" || echo "$prog has no option $w (not in its --help)"
            continue ;;
        esac
        if [ -n "$qemu_run" ]; then
            [ "$qemu_run" = arch ] && { qemu_run=name; continue; }
            [ -r "tests/qemu/$w.manifest" ] || echo "tests/qemu/run.sh: no test $w (tests/qemu/$w.manifest)"
            continue
        fi
        [ "$w" = tests/qemu/run.sh ] && qemu_run=arch
        case $w in
        -* | /tmp/* | *[!A-Za-z0-9_./-]* | */ | build/*/img/custom.elf) ;;
        build/bin/*) make -n "$w" >/dev/null 2>&1 || echo "make cannot build $w" ;;
        build/rv32/*.elf | build/i386/*.elf)
            a=${w#build/}; a=${a%%/*}
            make -n ARCH="$a" "$w" >/dev/null 2>&1 || echo "make cannot build $w" ;;
        build/*) ;;
        */* | *.manifest | *.lua | *.txt | *.bin | *.sh)
            [ -e "$w" ] || echo "no file $w" ;;
        esac
    done
    set +f
}

: >"$out/not-run.txt"
while IFS='	' read -r where blk cmd; do
    problems=$(names)
    if [ -z "$problems" ]; then ok; else
        printf '%s\n' "$problems" | while IFS= read -r p; do echo "FAIL $where: \`$cmd\`: $p"; done
        failed=$((failed + 1))
    fi
    h=$(how "$cmd")
    case $h in
    run) run_cmd ;;
    make) make_cmd ;;
    check*) echo "$where: ${h#check }: \`$cmd\`" >>"$out/not-run.txt" ;;
    esac
done <"$out/commands.txt"
n=$(wc -l <"$out/commands.txt")
if [ "$n" -ge 80 ]; then ok; else fail "only $n commands found in $pages"; fi
echo "Not run, their names and options checked ($(wc -l <"$out/not-run.txt") of $n):"
sed 's/^/    /' "$out/not-run.txt"

# The GDB samples (all pages with (gdb) lines but gdb.md).
# shellcheck disable=SC2046 # page names have no blanks
sh tests/docs/gdb-samples.sh $(grep -l '^(gdb) ' docs/*.md | grep -v '^docs/gdb.md$') >"$out/gdb.log" 2>&1
grep -v '^[0-9]* passed, [0-9]* failed$' "$out/gdb.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/gdb.log" | tail -n 1)
if [ -n "$line" ]; then
    passed=$((passed + ${line%% passed*}))
    f=${line#*, }; failed=$((failed + ${f%% failed*}))
else
    where=tests/docs/gdb-samples.sh cmd=; fail "no summary line"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
