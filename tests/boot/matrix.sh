#!/bin/sh
# matrix.sh [--long] - the machines Baton claims, and those it refuses: the
# smoke image (tests/qemu/smoke.manifest) booted on each configuration of
# the table below, one line of result each. A supported machine must reach
# the kernel's end marker with status 0; an unsupported one must print its
# "[baton] refused: ..." line and exit with status 3 (BOOT_REFUSED). Judged
# by tests/check.sh like every QEMU test. Writes the results as a Markdown
# table to build/boot-matrix.md (docs/build.md shows a copy).
# --long then runs, through BATON_QEMU_OPTS (scripts/qemu.sh), the QEMU
# suite of both ports under -icount shift=8 (so that no expectation
# depends on the host's speed), and the QEMU suite, the trace test and the
# GDB test on every supported machine of the table but QEMU's defaults
# (which make test covers) and GRUB (one image only). Ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
long=${1:-}
passed=0
failed=0
. tests/check.sh
table=build/boot-matrix.md
mkdir -p build/i386/boot build/rv32/boot
printf '| port | machine (QEMU options) | result | message |\n|---|---|---|---|\n' >"$table"

# The configurations: ARCH | LABEL | QEMU OPTIONS | the refusal to expect,
# or "-" for a machine Baton runs on. A label starting with "grub" boots
# the GRUB ISO instead of the ELF file.
configs() {
    cat <<'TABLE'
i386|-cpu 486|-cpu 486|[baton] refused: this CPU is a 486
i386|-cpu pentium|-cpu pentium|-
i386|-cpu pentium3|-cpu pentium3|-
i386|-cpu qemu32|-cpu qemu32|-
i386|-cpu max|-cpu max|-
i386|-m 16M|-m 16M|-
i386|-m 64M|-m 64M|-
i386|-m 512M|-m 512M|-
i386|grub: GRUB 2 rescue ISO (-cdrom)||-
rv32|-m 16M|-m 16M|-
rv32|-m 64M|-m 64M|-
rv32|-m 128M|-m 128M|-
rv32|-m 1G|-m 1G|-
rv32|-smp 4|-smp 4|-
rv32|-cpu rv32,pmp=false|-cpu rv32,pmp=false|-
rv32|-cpu rv32,mmu=false|-cpu rv32,mmu=false|[baton] refused: this CPU has no MMU
rv32|-machine virt,aia=aplic|-machine virt,aia=aplic|[baton] refused: the device tree lists no PLIC
rv32|-cpu rv32,m=false|-cpu rv32,m=false|[baton] refused: this CPU has no M extension
TABLE
}

# row ARCH LABEL RESULT [MESSAGE]: a line of the Markdown table.
# shellcheck disable=SC2016
row() { printf '| %s | `%s` | %s | %s |\n' "$1" "$2" "$3" "${4:-}" >>"$table"; }

# one ARCH LABEL OPTS REFUSAL: boot the smoke image there, judge, report.
one() {
    # (cfg, not label: check_run sets label.)
    arch=$1 cfg=$2 opts=$3 refusal=$4
    image=build/$arch/img/smoke.elf
    case $cfg in grub*)
        if ! command -v grub-mkrescue >/dev/null || ! command -v xorriso >/dev/null; then
            echo "$arch $cfg: skipped (grub-mkrescue or xorriso not installed)"
            row "$arch" "$cfg" "not tried" "grub-mkrescue is not installed"
            return
        fi
        image=build/i386/boot/smoke.iso
        sh tests/boot/grub-iso.sh build/i386/img/smoke.elf "$image" || {
            failed=$((failed + 1)); echo "FAIL $arch $cfg: no ISO"; return; }
    esac
    out=build/$arch/boot/matrix-$(echo "$cfg" | tr -c 'a-zA-Z0-9\n' '_').out
    # shellcheck disable=SC2086
    BATON_TIMEOUT=30 sh scripts/qemu.sh "$arch" "$image" $opts </dev/null >"$out" 2>&1
    rc=$?
    tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
    f0=$failed
    if [ "$refusal" = - ]; then
        check_run "$arch $cfg" QEMU "$out" $rc "" "$CHECK_END_MARKER" 0 >"$out.judged"
    else
        check_run "$arch $cfg" QEMU "$out" $rc "" "$refusal" 3 >"$out.judged"
    fi
    if [ "$failed" -ne "$f0" ]; then
        echo "FAIL $arch $cfg: see $out"
        grep '^FAIL' "$out.judged"
        row "$arch" "$cfg" "**fails** (exit $rc)"
    elif [ "$refusal" = - ]; then
        echo "$arch $cfg: runs (all tasks finished, exit 0)"
        row "$arch" "$cfg" "runs"
    else
        msg=$(grep -F "$refusal" "$out" | head -n 1)
        echo "$arch $cfg: refused, exit $rc: $msg"
        row "$arch" "$cfg" "refused (exit 3)" "\`$msg\`"
    fi
}

for arch in rv32 i386; do
    make -s ARCH="$arch" MANIFEST=smoke image >"build/$arch/boot/matrix-build.log" 2>&1 ||
        { cat "build/$arch/boot/matrix-build.log"; failed=$((failed + 1)); }
done
configs >build/boot-matrix.list
while IFS='|' read -r arch label opts refusal; do
    one "$arch" "$label" "$opts" "$refusal"
done <build/boot-matrix.list
if command -v bochs >/dev/null; then
    echo "i386 bochs: not automated yet (see docs/build.md)"
else
    echo "i386 bochs: skipped (bochs not installed)"
fi
row i386 "bochs" "not tried" "Bochs is optional and not automated"

# suite ARCH LABEL OPTS SCRIPT...: one test script on one machine, as one
# check: it must end with "N passed, 0 failed".
suite() {
    s_arch=$1 s_label=$2
    tag=$(echo "$s_label" | tr -c 'a-zA-Z0-9\n' '_')
    log=build/$s_arch/boot/suite-$tag-$(basename "$(dirname "$4")").log
    BATON_TIMEOUT=${SUITE_TIMEOUT:-300} BATON_QEMU_OPTS=$3 \
        BATON_TEST_OUT=build/$s_arch/boot/suite-$tag sh "$4" "$s_arch" >"$log" 2>&1
    rc=$?
    sum=$(tail -n 1 "$log")
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); echo "$s_arch $s_label: $4: $sum"
    else
        failed=$((failed + 1)); echo "FAIL $s_arch $s_label: $4: $sum (log $log)"
        grep '^FAIL' "$log"
    fi
}
if [ "$long" = --long ]; then
    for arch in rv32 i386; do
        suite "$arch" "-icount shift=8" "-icount shift=8" tests/qemu/run.sh
    done
    # Every supported machine but the defaults (-cpu qemu32, -m 128M) and
    # GRUB. The loop runs in a subshell: it counts from 0 and reports.
    p0=$passed f0=$failed passed=0 failed=0
    grep '|-$' build/boot-matrix.list | grep -v -e '|-cpu qemu32|' -e '^rv32|-m 128M|' -e '^i386|grub' |
    while IFS='|' read -r arch cfg opts refusal; do
        for t in tests/qemu/run.sh tests/trace/run.sh tests/gdb/run.sh; do
            suite "$arch" "$cfg" "$opts" "$t"
        done
        echo "counts $passed $failed"
    done >build/boot-matrix-long.log
    grep -v '^counts ' build/boot-matrix-long.log
    last=$(grep '^counts ' build/boot-matrix-long.log | tail -n 1)
    # shellcheck disable=SC2086
    set -- $last
    passed=$((p0 + ${2:-0}))
    failed=$((f0 + ${3:-0}))
fi
echo "(table: $table)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
