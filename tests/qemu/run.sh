#!/bin/sh
# run.sh ARCH [TEST...] - boot each QEMU test image and check what it prints.
#
# A test is tests/qemu/NAME.manifest (the tasks) plus NAME.expect (lines the
# console must show, in order), and NAME.append if the kernel is to be
# booted with a command line (-append: its lines but # ones), judged by
# tests/check.sh (PASS and FAIL
# lines, expect lines, the exit status), as tests/sim/run.sh judges it in
# the simulator. Output of each run is kept in build/ARCH/test/NAME.out.
# Ends with "N passed, N failed".
#
# Environment, for tests/boot/: BATON_TEST_OUT, where the outputs go
# instead; BATON_TEST_IMAGE, one image booted for every test instead of its
# own (the harness's own test boots a broken kernel so). scripts/qemu.sh
# adds BATON_QEMU_OPTS to every run (the boot matrix's machines).
set -u
arch=$1
shift
cd "$(dirname "$0")/../.." || exit 2
# Every manifest but bench (make bench runs it under -icount) and trace_*
# (tests/trace/run.sh boots those with tracing on).
names=${*:-$(ls tests/qemu/*.manifest | sed "s|.*/||; s|\.manifest$||" | grep -v -e "^bench$" -e "^trace_")}
outdir=${BATON_TEST_OUT:-build/$arch/test}
image_of() { echo "${BATON_TEST_IMAGE:-build/$arch/img/$1.elf}"; }
mkdir -p "$outdir"
passed=0
failed=0

. tests/check.sh
. tests/qemu/input.sh

fail() { failed=$((failed + 1)); echo "FAIL $arch/$name: $*"; }

# run_with_input FILE: boot the image with FILE typed into the console
# (tests/qemu/input.sh says how). Returns QEMU's status.
run_with_input() {
    fifo=$outdir/$name.fifo
    rm -f "$fifo" && mkfifo "$fifo" || return 2
    # The output first, then the fifo: the open of the fifo below returns
    # once QEMU's side has it, so by then the output is this run's, and
    # type_input cannot find "ready for input" in a previous run's.
    BATON_TIMEOUT=${BATON_TIMEOUT:-60} sh scripts/qemu.sh "$arch" \
        "$(image_of "$name")" >"$out" 2>&1 <"$fifo" &
    qpid=$!
    exec 3>"$fifo"                 # held open: QEMU never sees end of input
    type_input "$1"
    wait "$qpid"; st=$?
    exec 3>&-
    rm -f "$fifo"
    return $st
}

for name in $names; do
    if [ -z "${BATON_TEST_IMAGE:-}" ] &&
       ! make -s ARCH="$arch" MANIFEST="$name" image >"$outdir/$name.build" 2>&1; then
        cat "$outdir/$name.build"
        fail "build failed"
        continue
    fi
    out=$outdir/$name.out
    if [ -f "tests/qemu/$name.input" ]; then
        run_with_input "tests/qemu/$name.input"
    elif [ -f "tests/qemu/$name.append" ]; then
        BATON_TIMEOUT=${BATON_TIMEOUT:-60} sh scripts/qemu.sh "$arch" \
            "$(image_of "$name")" -append "$(grep -v '^#' "tests/qemu/$name.append")" \
            </dev/null >"$out" 2>&1
    else
        BATON_TIMEOUT=${BATON_TIMEOUT:-60} sh scripts/qemu.sh "$arch" \
            "$(image_of "$name")" </dev/null >"$out" 2>&1
    fi
    rc=$?
    tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
    check_run "$arch/$name" QEMU "$out" $rc "tests/qemu/$name.expect"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
