#!/bin/sh
# tests/specdec/run.sh: compare specdec (a decoder written from
# docs/trace-format.md alone) with baton-trace (tests/specdec/canon.lua and
# the summary of --dump) on a set of traces: recorded ones, simulator runs,
# QEMU recordings if built, and damaged or crafted variants.
# One ok/FAIL line per trace, then "N passed, N failed"; exit 1 on a failure.
cd "$(dirname "$0")/../.." || exit 2

TRACE=build/bin/baton-trace
SIM=build/bin/baton-sim
OUT=build/specdec
DEC=$OUT/specdec
W=$OUT/work
for b in "$TRACE" "$SIM"; do
    [ -x "$b" ] || { echo "run.sh: $b is missing (make build/bin/baton-trace; make sim)"; exit 2; }
done
mkdir -p "$OUT" "$W" || exit 2
rm -f "$W"/*.trace "$W"/*.out
${HOSTCC:-clang} -std=c11 -O1 -Wall -Wextra -Werror -o "$DEC" tests/specdec/specdec.c || exit 2

pass=0
fail=0
nevents=0

# the D line from the summary of baton-trace --dump
dumpd='
function num(s, re,   m) { if (match(s, "[0-9]+ " re)) { m = substr(s, RSTART, RLENGTH); sub(/ .*/, "", m); return m } return "?" }
/^# events / { ef = num($0, "event frames?"); mf = num($0, "metadata frames?"); con = num($0, "bytes of console") }
/^# frames: / { mfr = num($0, "missing"); unk = num($0, "of unknown"); bs = num($0, "metadata sets? broken"); dr = num($0, "bytes dropped"); rs = num($0, "restarts?"); tb = num($0, "events? timed before") }
/^# wire: / { ew = num($0, "bytes of event"); mw = num($0, "bytes of metadata") }
END { printf "D event_frames=%s meta_frames=%s console=%s missing_frames=%s unknown=%s broken_sets=%s dropped=%s restarts=%s time_back=%s event_wire=%s meta_wire=%s\n", ef, mf, con, mfr, unk, bs, dr, rs, tb, ew, mw }'

check() {   # check NAME FILE
    a=$W/$1.specdec.out
    b=$W/$1.baton.out
    "$DEC" "$2" > "$a" 2>&1
    { "$TRACE" --batch --script tests/specdec/canon.lua "$2" 2>&1 | grep -v '^verdict: '
      "$TRACE" --dump "$2" 2>&1 | awk "$dumpd"; } > "$b"
    if cmp -s "$a" "$b"; then
        n=$(grep -c '^E ' "$a")
        nevents=$((nevents + n))
        pass=$((pass + 1))
        echo "ok   $1 ($n events)"
    else
        fail=$((fail + 1))
        echo "FAIL $1"
        diff "$a" "$b" | head -n 12 | sed 's/^/     /'
    fi
}

# offsets (from 0) of the frames' ESC _ B in FILE
frames() {
    od -An -v -tu1 "$1" | awk '{ for (i = 1; i <= NF; i++) { if (p2 == 27 && p1 == 95 && $i == 66) print n - 2; p2 = p1; p1 = $i; n++ } }'
}
# the Nth (from 1) frame offset of FILE
nth() { frames "$1" | sed -n "${2}p"; }
nframes() { frames "$1" | wc -l | tr -d ' '; }
# bytes [FROM, TO) of FILE
slice() { dd if="$1" bs=1 skip="$2" count=$(($3 - $2)) 2>/dev/null; }
# bytes [FROM, end) of FILE
tailfrom() { dd if="$1" bs=1 skip="$2" 2>/dev/null; }
size() { wc -c < "$1" | tr -d ' '; }
# overwrite the byte at OFF of FILE with the octal byte OCT
poke() { printf "\\$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }

# 1. recorded traces in the repository (real trace streams only)
for f in $(find tests -name '*.trace' -o -name '*.bin' | sort); do
    if [ "$(nframes "$f")" -gt 0 ]; then
        check "$(echo "$f" | tr / _)" "$f"
    fi
done

# 2. the simulator, every category traced
for m in tests/qemu/*.manifest sim/scenarios/*.lua; do
    n=sim_$(basename "$m" | tr . _)
    in=
    [ -f "${m%.manifest}.input" ] && in="--input-file ${m%.manifest}.input"
    # shellcheck disable=SC2086
    "$SIM" --quiet --max-steps 20000 $in --trace all "$m" > "$W/$n.trace" 2>/dev/null
    check "$n" "$W/$n.trace"
done

# 3. QEMU recordings, if built
for a in rv32 i386; do
    [ -f build/$a/demo.trace ] && check "qemu_${a}_demo" build/$a/demo.trace
done

# 4. damaged and concatenated variants
S=$W/sim_fanin_manifest.trace           # boot frame, many frames
R=tests/viewer/chans-sim.bin             # recorded before boot frames
[ -f "$R" ] || R=$S
cat "$S" "$S" > "$W/cat_boot.trace"
check cat_boot "$W/cat_boot.trace"
cat "$R" "$R" "$R" > "$W/cat_noboot.trace"
check cat_noboot "$W/cat_noboot.trace"
cat "$W/sim_chan_basic_manifest.trace" "$R" "$W/sim_ipc_call_manifest.trace" > "$W/cat_mixed.trace"
check cat_mixed "$W/cat_mixed.trace"

nf=$(nframes "$S")
mid=$(nth "$S" $((nf / 2)))
slice "$S" 0 $((mid + 20)) > "$W/trunc_mid_frame.trace"
check trunc_mid_frame "$W/trunc_mid_frame.trace"
slice "$S" 0 $((mid + 2)) > "$W/trunc_after_esc_us.trace"
check trunc_after_esc_us "$W/trunc_after_esc_us.trace"
# truncated, then the whole trace again (a cut frame, then a restart)
{ slice "$S" 0 $((mid + 20)); cat "$S"; } > "$W/trunc_then_restart.trace"
check trunc_then_restart "$W/trunc_then_restart.trace"

# bytes flipped inside bodies: a base64 character for another (CRC),
# a newline (damage, skip), a '=' (damage)
cp "$S" "$W/flip.trace"
for k in 3 7 11 15; do
    o=$(nth "$S" $((nf * k / 20)))
    case $k in
        3) poke "$W/flip.trace" $((o + 9)) 101 ;;    # 'A'
        7) poke "$W/flip.trace" $((o + 5)) 012 ;;    # '\n'
        11) poke "$W/flip.trace" $((o + 12)) 075 ;;  # '='
        15) poke "$W/flip.trace" $((o + 4)) 172 ;;   # 'z'
    esac
done
check flip "$W/flip.trace"

# bytes deleted: inside a body, a frame's ESC \ (the console text after it
# is swallowed), a whole frame, a span across frames
o1=$(nth "$S" $((nf / 5))); o1n=$(nth "$S" $((nf / 5 + 1)))
o2=$(nth "$S" $((nf * 2 / 5))); o2n=$(nth "$S" $((nf * 2 / 5 + 1)))
o3=$(nth "$S" $((nf * 3 / 5))); o3n=$(nth "$S" $((nf * 3 / 5 + 1)))
o4=$(nth "$S" $((nf * 4 / 5)))
{ slice "$S" 0 $((o1 + 8)); slice "$S" $((o1 + 11)) $((o2n - 2))
  slice "$S" "$o2n" "$o3"; slice "$S" "$o3n" $((o4 + 30)); tailfrom "$S" $((o4 + 400)); } > "$W/delete.trace"
check delete "$W/delete.trace"

# a frame's ESC \ lost where console text follows: pick the first frame
# followed by a byte that is not ESC
R2=$W/sim_ipc_errors_manifest.trace
od -An -v -tu1 "$R2" | awk '{ for (i = 1; i <= NF; i++) { if (p == 27 && $i == 92) e[++ne] = n - 1; p = $i; n++ } } END { for (j = 1; j <= ne; j++) print e[j] }' > "$W/ends"
cnt=0
: > "$W/noend.trace"
prev=0
while read -r e; do
    nx=$(slice "$R2" $((e + 2)) $((e + 3)) | od -An -tu1 | tr -d ' ')
    if [ -n "$nx" ] && [ "$nx" != 27 ] && [ $cnt -lt 3 ]; then
        slice "$R2" "$prev" "$e" >> "$W/noend.trace"
        prev=$((e + 2))
        cnt=$((cnt + 1))
    fi
done < "$W/ends"
tailfrom "$R2" "$prev" >> "$W/noend.trace"
check lost_frame_end "$W/noend.trace"

# 5. crafted frames (specdec --encode: hex bytes a frame, CRC added;
# "#text" console text, "!hex" raw bytes)
rm -f "$W"/*.txt
awk -v dir="$W" '/^=== / { f = dir "/" $2 ".txt"; print f; next } f { print > f }' tests/specdec/crafted.txt |
while read -r f; do
    n=$(basename "$f" .txt)
    "$DEC" --encode < "$f" > "$W/$n.trace"
    echo "$n"
done > "$W/crafted.list"
while read -r n; do
    check "$n" "$W/$n.trace"
done < "$W/crafted.list"

echo "($nevents events compared in the traces that passed)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
