#!/bin/sh
# gdb-samples.sh PAGE... - the GDB samples of docs/ pages, run as written: every
# `(gdb) ` line of a page, in order, in one batch session against the image
# the page debugs (its `make gdb` line: ARCH and MANIFEST; the arch of an
# arch-ARCH.md page; rv32 and the demo otherwise), or under the host's GDB
# when the page starts one with `gdb --args`. What the page shows is
# checked against what GDB printed:
#   - no command fails (no symbol, no such command, no source file...);
#   - `break FILE:LINE` sets its breakpoint at that very line;
#   - a comment that starts with a value (`p/x $cr0  # 0x80010011: ...`)
#     is the value printed, `NAME = 0xN` in a comment of `info registers`
#     the register's value, a comment naming a kernel function after
#     `continue` or `finish` the place GDB stopped in;
#   - the output lines the page shows after a command (`...` skips) are in
#     its output (a frame's address is not compared, its place is).
# Prints "FAIL docs/PAGE: ..." lines and ends with "N passed, N failed".
# docs/gdb.md is not here: tests/gdb/run.sh runs its sessions. Blocks
# listed in tests/docs/unchecked.txt are left out, and said to be.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/docs-tests/gdb
mkdir -p "$out"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $page: $1"; }

# split PAGE: $w.cmds (K<TAB>command<TAB>comment), $w.shown (K<TAB>line
# shown after command K), and per session S its commands, each after a
# marker ($w.gdb.S) and the line that starts it ($w.start.S: `make [VAR=...] gdb
# ...` or `gdb --args ...`; the page's first such line when a block has
# none). A block with such a line starts a session; one without goes on
# with the one before.
split_page() {
    awk -v w="$w" -v page="$1" -v out="$out" '
        BEGIN { startre = "^(make( [A-Z_]+=(\"[^\"]*\"|[^ ]+))* gdb|gdb --args)"; FS = "\t"; while ((getline l <"tests/docs/unchecked.txt") > 0) if (l !~ /^#/) { split(l, f, "\t"); if (f[1] == page) why[f[2]] = f[3] } FS = " " }
        function flush(   i, l, c, first_cmd) {
            if (!g) return
            for (i = 1; i <= n && first_cmd == ""; i++) if (b[i] ~ /^\(gdb\) /) { first_cmd = substr(b[i], 7); sub(/  +#.*/, "", first_cmd) }
            if (first_cmd in why) { printf "NOT CHECKED %s, the block of `%s`: %s\n", page, first_cmd, why[first_cmd] >(w ".unchecked"); return }
            if (st != "" || s == 0) {
                s++
                print (st != "" ? st : first) >(w ".start." s)
            }
            for (i = 1; i <= n; i++) {
                l = b[i]
                if (l ~ /^\(gdb\) /) {
                    k++; after = 1
                    l = substr(l, 7); c = ""
                    if (match(l, /  +# /)) { c = substr(l, RSTART + RLENGTH); l = substr(l, 1, RSTART - 1) }
                    sub(/ +$/, "", l)
                    printf "%d\t%s\t%s\n", k, l, c >(w ".cmds")
                    printf "echo \\n@@@ %d\\n\n%s\n", k, l >(w ".gdb." s)
                } else if (after && l != "..." && l != "" && l !~ startre)
                    printf "%d\t%s\n", k, l >(w ".shown")
            }
        }
        $0 ~ startre && first == "" { first = $0 }
        /^```/ {
            if (on) { flush(); on = 0 } else { on = 1; n = 0; g = 0; st = ""; after = 0 }
            next
        }
        on {
            b[++n] = $0
            if ($0 ~ /^\(gdb\) /) g = 1
            if ($0 ~ startre) { l = $0; sub(/  +#.*/, "", l); st = l }
        }
        END { for (i = 1; i <= s; i++) printf "echo \\n@@@ end\\n\n" >>(w ".gdb." i) }
    ' "$1"
}

# The output of command K: $w.out.K (from the sessions' outputs, in order)
split_output() {
    cat "$w".out.s* | awk -v w="$w" '/^@@@ / { f = w ".out." $2; printf "" >f; next } f { print >f }'
}

# run_session S: session S's commands under GDB; output in $w.out.sS.
run_session() {
    start=$(cat "$w.start.$1")
    o=$w.out.s$1
    case $start in
    gdb\ --args\ *)
        host=1
        # shellcheck disable=SC2086 # the page's own words
        eval "timeout 150 gdb-multiarch -nx -batch -x $w.gdb.$1 ${start#gdb }" >"$o" 2>&1
        return ;;
    esac
    arch=$(printf '%s\n' "$start" | sed -n 's/.*ARCH=\([a-z0-9]*\).*/\1/p')
    man=$(printf '%s\n' "$start" | sed -n 's/.*MANIFEST=\([a-z0-9_]*\).*/\1/p')
    case $page in *arch-i386.md) arch=i386 ;; *arch-rv32.md) arch=rv32 ;; esac
    arch=${arch:-rv32}
    man=${man:-demo}
    progs=$(printf '%s\n' "$start" | sed -n 's/.*PROGS="\([^"]*\)".*/\1/p')
    img=build/$arch/img/$man.elf
    [ -n "$progs" ] && img=build/$arch/img/custom.elf   # make PROGS="..." image
    if ! { if [ -n "$progs" ]; then make -s ARCH="$arch" PROGS="$progs" image
           else make -s ARCH="$arch" MANIFEST="$man" image; fi; } >"$w.build" 2>&1; then
        fail "cannot build $arch $man ($w.build)"; return
    fi
    BATON_TIMEOUT=120 timeout 150 sh scripts/gdb.sh "$arch" "$img" \
        -batch -x "$w.gdb.$1" >"$o" 2>&1
    # No QEMU of this session left.
    port=$(sed -n 's/.*GDB stub on port \([0-9]*\).*/\1/p' "$o" | head -1)
    if [ -n "$port" ] && pgrep -f "tcp:127.0.0.1:$port" >/dev/null; then
        fail "QEMU still runs after GDB (port $port)"; pkill -f "tcp:127.0.0.1:$port"
    fi
}

# norm: squeeze blanks; addresses off where a symbol follows or a frame
# starts ("#1  0x80002fcc in f (f=0x800d7f70 <kstacks+16>)" -> "#1 in f (f=<kstacks+16>)").
norm() { sed -E 's/[[:space:]]+/ /g; s/^ //; s/ $//; s/^(#[0-9]+) 0x[0-9a-f]+ in /\1 in /; s/0x[0-9a-f]+ </</g'; }

# check_command K COMMAND COMMENT: what the page says of command K.
check_command() {
    o=$w.out.$1
    if [ ! -f "$o" ]; then fail "GDB never ran \`$2\` (an earlier command ended the session; $w.out)"; return; fi
    case $2:$3 in
    "finish:Value returned is "*)       # the value, up to "..." or ":"
        v=${3#Value returned is \$* = }; v=${v%%...*}; v=${v%%:*}; v=${v% }
        if grep -Fq " = $v" "$o" && grep -q '^Value returned' "$o"; then ok; else
            fail "\`$2\`: the page says it returns $v, GDB printed: $(grep -m1 '^Value returned' "$o")"
        fi ;;
    esac
    e=$(grep -m1 -E '^(No symbol|Undefined command|No source file|Function ".*" not defined|Cannot access memory|A syntax error|There is no member|Invalid |No frame)' "$o")
    if [ -n "$e" ]; then fail "\`$2\`: $e"; else ok; fi
    case $2 in
    break\ *:[0-9]* | tbreak\ *:[0-9]* | b\ *:[0-9]*)
        loc=${2#* }
        if grep -q "file ${loc%:*}, line ${loc##*:}\.$" "$o"; then ok; else
            fail "\`$2\`: GDB put it elsewhere: $(grep -m1 '^\(Temporary b\|B\)reakpoint' "$o")"
        fi ;;
    p\ * | p/*\ * | print\ * | print/*\ *)
        v=${3%% *}; v=${v%[:,]}
        case $v in
        \{*) v=${3%%...*}; v=${v%, } ;;
        0x[0-9a-f]* | [0-9]* | -[0-9]* | \"*\" | true | false) ;;
        *) v= ;;
        esac
        if [ -n "$v" ]; then
            if grep -Fq "= $v" "$o"; then ok; else fail "\`$2\`: the page says $v, GDB printed: $(grep -m1 '= ' "$o")"; fi
        fi
        sym=$(printf '%s\n' "$3" | grep -Eo '<[a-z_]+\+[0-9]+>' | head -1)
        if [ -n "$sym" ]; then
            if grep -Fq "$sym" "$o"; then ok; else fail "\`$2\`: the page says $sym, GDB printed: $(grep -m1 '= ' "$o")"; fi
        fi ;;
    info\ registers*)
        printf '%s\n' "$3" | grep -Eo '[a-z0-9]+ = 0x[0-9a-f]+' | while read -r r _ v; do
            if grep -Eq "^$r +$v( |$)" "$o"; then echo ok; else echo "fail \`$2\`: the page says $r = $v, GDB printed: $(grep -m1 "^$r " "$o")"; fi
        done >"$w.regs"
        passed=$((passed + $(grep -c '^ok$' "$w.regs")))
        while read -r _ msg; do [ -n "$msg" ] && fail "$msg"; done <<EOR
$(grep '^fail ' "$w.regs")
EOR
        ;;
    c | continue | finish | run | next* | step*)
        f=${3%% *}; f=${f%:}
        if [ -n "$f" ] && grep -qx "$f" "$w.syms"; then
            if grep -Eq "(^|[ ,])$f \(" "$o"; then ok; else fail "\`$2\` # $3: GDB stopped elsewhere: $(grep -m1 -E '^(Run till exit|Breakpoint|Temporary breakpoint|0x|[a-z_]+ \()' "$o")"; fi
        fi ;;
    esac
}

# check_shown: each output line the page shows after a command is in its output.
check_shown() {
    while IFS='	' read -r k line; do
        want=$(printf '%s\n' "$line" | norm)
        if [ -f "$w.out.$k" ] && norm <"$w.out.$k" | grep -Fxq -- "$want"; then ok; else
            fail "after \`$(awk -F'\t' -v k="$k" '$1 == k { print $2 }' "$w.cmds")\` the page shows a line GDB did not print: $line"
        fi
    done <"$w.shown"
}

for page in "$@"; do
    w=$out/$(basename "$page" .md)
    rm -f "$w".*
    split_page "$page"
    [ -s "$w.cmds" ] || continue
    : >"$w.syms"
    for st in "$w".start.*; do
        s=${st##*.}
        host=
        run_session "$s"
        # The functions GDB may stop in, for comments that name one.
        if [ -n "$host" ]; then nm build/bin/baton-sim; else llvm-nm "$img"; fi 2>/dev/null |
            awk '$2 ~ /^[tTwW]$/ { print $3 }' >>"$w.syms"
    done
    split_output
    touch "$w.shown"
    while IFS='	' read -r k cmd comment; do
        check_command "$k" "$cmd" "$comment"
    done <"$w.cmds"
    check_shown
    [ -f "$w.unchecked" ] && cat "$w.unchecked"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
