#!/bin/sh
# run.sh [sim] [rv32] [i386] - the IPC fast path against the slow path
# (kernel/fastpath.c, docs/ipc.md "The fast path"). Every conformance test
# (tests/qemu/NAME.manifest, as tests/sim/run.sh and tests/qemu/run.sh pick
# them) runs twice with every trace category on: built as usual, and built
# with FASTPATH=0. The two runs must print the same lines and decode to the
# same logical trace events (baton-trace --dump without its time column).
#
# In the simulator time is virtual and counts syscalls and switches, which
# both paths make alike, so every test must match exactly. Under QEMU
# (-icount shift=0: time is instructions) the fast path takes fewer
# instructions, so a timer tick can fall elsewhere; a test whose tasks the
# clock can preempt or wake (tests/fastpath/timed.txt) must match in its
# output only. So must one whose trace ring overflowed (a LOST event):
# which events were lost depends on when the idle task drained the ring.
# The tests compared by results only are listed at the end. Ends with "N passed, N failed".
#
# BATON_FASTPATH_PLANT=1 builds the fast run from a copy of the tree whose
# fast path delivers a wrong src: the check must then fail (it does).
set -u
cd "$(dirname "$0")/../.." || exit 2
passed=0
failed=0
results_only=
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL fastpath/$*"; }

# The tests of a kind: every manifest but bench, gdb and trace_* (run with
# their own settings elsewhere), and those the simulator skips.
names() {
    for m in tests/qemu/*.manifest; do
        n=${m##*/}; n=${n%.manifest}
        case $n in bench|gdb|trace_*) continue ;; esac
        if [ "$1" = sim ] && awk -v n="$n" '$1 == n { f = 1 } END { exit !f }' tests/sim/skip.txt; then
            continue
        fi
        echo "$n"
    done
}
timed() { awk -v n="$1" '$1 == n { f = 1 } END { exit !f }' tests/fastpath/timed.txt; }

# logical ARCH FILE: the decoded events without their times, and the
# console. The boot banner's free memory is the RAM less the kernel's
# image, which the fast path makes larger: it is not compared. In the
# simulator user code is host code linked beside the kernel, so its
# addresses move with the kernel's size: a fault's pc (and an address
# equal to it) is not compared there.
logical() {
    build/bin/baton-trace --dump "$2" 2>&1 |
        awk '/^console:/ { sub(/: [0-9]+ KiB free/, ": N KiB free"); print; next }
             /^#/ { next } { $1 = ""; print }' |
        if [ "$1" = sim ]; then sed -E -f tests/fastpath/sim-pc.sed; else cat; fi
}

# compare ARCH NAME ON OFF: the two runs' outputs, then their traces.
compare() {
    a=$1 n=$2 on=$3 off=$4
    logical "$a" "$on" >"$on.dump"
    logical "$a" "$off" >"$off.dump"
    grep -a -E '^(PASS|FAIL) ' "$on" | tr -d '\r' >"$on.res"
    grep -a -E '^(PASS|FAIL) ' "$off" | tr -d '\r' >"$off.res"
    if ! cmp -s "$on.res" "$off.res"; then
        fail "$a/$n: the fast and slow runs print different results: diff $on.res $off.res"
    elif ! grep -q . "$on.dump"; then
        fail "$a/$n: no trace decoded from $on"
    elif [ "$a" != sim ] && { timed "$n" || grep -q ' lost [0-9]* events' "$on.dump" "$off.dump"; }; then
        results_only="$results_only $a/$n"; pass
    elif cmp -s "$on.dump" "$off.dump"; then
        pass
    else
        fail "$a/$n: the logical traces differ: diff $on.dump $off.dump"
    fi
}

# A tree whose fast path is wrong on purpose, to show the check catches it.
plant_tree() {
    sh tests/fastpath/plant.sh build/fastpath-plant
}

make -s build/bin/baton-trace || { echo "0 passed, 1 failed"; exit 1; }
src=.
# The fast build's directories; a planted one's apart: its objects are newer
# than the tree's sources, so make would take one build for the other.
fastdir=fast
if [ "${BATON_FASTPATH_PLANT:-0}" = 1 ]; then
    plant_tree || { echo "0 passed, 1 failed"; exit 1; }
    src=build/fastpath-plant
    fastdir=fast-plant
fi
for arch in ${*:-sim rv32 i386}; do
    out=build/fastpath/$arch
    mkdir -p "$out"
    if [ "$arch" = sim ]; then
        make -s -C "$src" BIN="$PWD/$out/$fastdir" SIM_B="$PWD/$out/sim-$fastdir" "$PWD/$out/$fastdir/baton-sim-fast" &&
            make -s FASTPATH=0 BIN="$out/off" SIM_B="$out/sim-off" "$out/off/baton-sim-fast" ||
            { fail "$arch: build"; continue; }
    fi
    for n in $(names "$arch"); do
        if [ "$arch" != sim ] && [ -f "tests/qemu/$n.input" ]; then
            continue    # typed input needs tests/qemu/run.sh's timing; the simulator runs it
        fi
        for mode in on off; do
            f=$out/$n.$mode
            d=$mode; [ $mode = on ] && d=$fastdir
            set --
            [ -f "tests/qemu/$n.input" ] && grep -v '^#' "tests/qemu/$n.input" >"$out/$n.input" &&
                set -- --input-file "$out/$n.input"
            if [ "$arch" = sim ]; then
                timeout 120 "$out/$d/baton-sim-fast" --trace all "$@" "tests/qemu/$n.manifest" \
                    </dev/null >"$f" 2>/dev/null
            else
                b=$PWD/build/fastpath/$arch-$d
                dir=.; fp=1
                [ $mode = on ] && dir=$src
                [ $mode = off ] && fp=0
                make -s -C "$dir" ARCH="$arch" B="$b" FASTPATH=$fp MANIFEST="$n" image >/dev/null ||
                    { fail "$arch/$n: build ($mode)"; continue 2; }
                BATON_TIMEOUT=60 sh scripts/qemu.sh "$arch" "$b/img/$n.elf" -icount shift=0 \
                    -append trace=all </dev/null >"$f" 2>&1
            fi
        done
        compare "$arch" "$n" "$out/$n.on" "$out/$n.off"
    done
done
[ -n "${results_only:-}" ] && echo "fastpath: compared by results only (time-dependent traces):$results_only"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
