#!/bin/sh
# fastpath.sh - the kernel fuzzer with the IPC fast path and without
# (make fuzz-fastpath-test; docs/sim.md, "The fast path, fuzzed"). The
# same inputs, the saved corpus (tests/fuzz/sim-corpus/) and FUZZ_FRESH
# (300) random ones made now, are replayed by build/bin/baton-fuzz and by
# build/bin/baton-fuzz-slow, the same fuzzer over a kernel built with
# FASTPATH=0. Each replay prints every operation, its result (what every
# receive got, and how), the console and the tasks left at the end
# (BATON_FUZZ_VERBOSE=1). Per input, the two must print the same, but for
# what may differ: the fast path's own count, the kernel stack's depth,
# libFuzzer's timing, and the host address (pc) of user code, which moves
# with the kernel's size; and neither may break an invariant. One check
# per input; and one that the fast path was taken at all (and never in
# the slow build): the comparison would prove nothing otherwise.
#
# BATON_FASTPATH_PLANT=1 builds the fast fuzzer from a copy of the tree
# whose fast path delivers a wrong src (tests/fastpath/plant.sh): the
# check must then fail (it does). The inputs that differ are kept in
# build/fuzz/fastpath/ with both logs. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/fuzz/fastpath
fresh=${FUZZ_FRESH:-300}
rm -rf "$out" && mkdir -p "$out/fresh" "$out/on" "$out/off" || exit 2
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL fuzz-fastpath: $*"; }
# A fresh input that failed is printed (the first two), base64, as it is
# random and lost with build/: `base64 -d >FILE` gives it back to replay.
shown=0
show_input() {
    case $1 in "$out"/fresh/*) ;; *) return ;; esac
    [ $shown -ge 2 ] && return
    shown=$((shown + 1))
    echo "  $1, base64:"; base64 "$1" | sed 's/^/    /'
}

fast=build/bin/baton-fuzz
if [ "${BATON_FASTPATH_PLANT:-0}" = 1 ]; then
    fast=build/fuzz-plant/bin/baton-fuzz
    { sh tests/fastpath/plant.sh build/fuzz-plant &&
        make -s -C build/fuzz-plant BIN=bin bin/baton-fuzz; } >"$out/build.log" 2>&1 ||
        { cat "$out/build.log"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! make -s build/bin/baton-fuzz build/bin/baton-fuzz-slow >>"$out/build.log" 2>&1; then
    cat "$out/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi

# Fresh inputs: random bytes, a third each of 256, 1024 and 2048 (a run of
# 2 to 6 tasks takes up to about 1,500; a short one ends early).
for size in 256 1024 2048; do
    head -c $((fresh / 3 * size)) /dev/urandom | split -a 4 -b "$size" - "$out/fresh/$size-"
done
total=$(( $(ls tests/fuzz/sim-corpus | wc -l) + fresh / 3 * 3 ))

# replay BINARY LOG: every input, verbose; a broken invariant stops the
# fuzzer (it aborts), so it goes on with the inputs after that one. Then
# what may differ between the two builds (above) is left out: libFuzzer's
# banner and timings, the kernel stack's depth, the fast path's count
# (kept apart in LOG.taken); and of the console, what the tasks wrote:
# any of their memory, pointers into host code among it, which move with
# the kernel's size. The kernel's own lines ("[baton] ...") stay.
replay() {
    bin=$1 log=$2
    : >"$log.raw"
    set -- tests/fuzz/sim-corpus/* "$out"/fresh/*
    while [ $# -gt 0 ]; do
        BATON_FUZZ_VERBOSE=1 timeout 300 "$bin" -detect_leaks=0 -artifact_prefix="$out/" "$@" \
            >>"$log.raw" 2>&1 && break
        last=$(grep -a '^Running: ' "$log.raw" | tail -1 | cut -d' ' -f2)
        while [ $# -gt 0 ] && [ "$1" != "$last" ]; do shift; done
        [ $# -gt 0 ] && shift
    done
    LC_ALL=C awk -v taken="$log.taken" '/^Running: / { on = 1 }
            /IPC fast path taken/ { n += $6; next }
            /^---- console/ { con = 1; print; next }
            /^---- end of console/ { con = 0 }
            con { if (match($0, /\[baton\].*/)) print substr($0, RSTART)
                  else if (/^Baton /) print
                  next }
            on && !/^Executed / && !/deepest kernel stack use/ { print }
            END { print n + 0 > taken }' "$log.raw" |
        sed -E -f tests/fastpath/sim-pc.sed >"$log"
}
replay "$fast" "$out/on.log"
replay build/bin/baton-fuzz-slow "$out/off.log"

# Per input (its "Running: FILE" line and what follows), the two logs:
# "same FILE", or "differ FILE N" and both parts in $out/on/N, $out/off/N
# ("broken FILE N" if both broke an invariant or a sanitizer stopped both:
# the same bug in both paths is a bug all the same); "missing FILE" for an
# input one build did not reach (it stopped).
awk -v out="$out" '
    FNR == 1 { f++ }
    /^Running: / { key = $2; if (!((f, key) in text)) order[f, ++n[f]] = key }
    { text[f, key] = text[f, key] $0 "\n" }
    END {
        for (i = 1; i <= n[1] || i <= n[2]; i++) {
            k = (1, i) in order ? order[1, i] : order[2, i]
            if (!((1, k) in text) || !((2, k) in text)) { print "missing", k; continue }
            same = text[1, k] == text[2, k]
            if (same && text[1, k] !~ /INVARIANT BROKEN|ERROR: |runtime error:/) {
                print "same", k
                continue
            }
            printf "%s", text[1, k] > (out "/on/" i); close(out "/on/" i)
            printf "%s", text[2, k] > (out "/off/" i); close(out "/off/" i)
            print same ? "broken" : "differ", k, i
        }
    }' "$out/on.log" "$out/off.log" >"$out/verdicts"
while read -r verdict input i; do
    case $verdict in
    same) pass ;;
    missing) fail "$input: replayed by one build only: $out/on.log.raw, $out/off.log.raw"
       show_input "$input" ;;
    broken) fail "$input: both builds stopped alike: $out/on/$i"
       grep -a -m 1 -e INVARIANT -e 'ERROR: ' -e 'runtime error:' "$out/on/$i"
       show_input "$input" ;;
    *) fail "$input: the runs differ: diff $out/off/$i $out/on/$i"
       grep -a -m 1 INVARIANT "$out/on/$i" "$out/off/$i" ||
           diff "$out/off/$i" "$out/on/$i" | head -4
       show_input "$input" ;;
    esac
done <"$out/verdicts"
n=$(wc -l <"$out/verdicts")
[ "$n" -eq "$total" ] || fail "$n of $total inputs replayed: see $out/on.log, $out/off.log"
on=$(cat "$out/on.log.taken")
off=$(cat "$out/off.log.taken")
echo "fuzz-fastpath: $n inputs; the IPC fast path taken $on times (slow build: $off)"
if [ "$on" -gt 0 ] && [ "$off" -eq 0 ]; then pass; else fail "fast path taken $on and $off times"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
