#!/bin/sh
# faults.sh [ARCH...] - the kernel under conditions that only a debugger
# can set up in QEMU: each tests/boot/gdb/NAME.gdb script drives GDB
# against the smoke image booting halted, then lets it run; the console
# must end the way the table below says, with the exit status it says.
#   dirty_entry  (i386) EFLAGS.NT and DF set, .bss garbage: a clean end
#   stack_guard  (i386) boot stack into its guard page: double-fault panic
#   stack_gone   (i386) esp at unmapped memory: double-fault panic
#   kstack_guard (i386) a task's kernel stack into its guard page: the same
#   panic_twice  (both) a fault inside panic(): one line, status 1
# Output in build/ARCH/boot/NAME.out. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
passed=0
failed=0
. tests/check.sh

# run_case ARCH NAME: boot the smoke image under GDB and tests/boot/gdb/NAME.gdb;
# the console goes to $out, QEMU's exit status is returned.
run_case() {
    arch=$1 name=$2
    dir=build/$arch/boot
    out=$dir/$name.out
    port=$(sh scripts/freeport.sh)
    BATON_TIMEOUT=30 sh scripts/qemu.sh "$arch" "build/$arch/img/smoke.elf" \
        -S -gdb "tcp:127.0.0.1:$port" </dev/null >"$out" 2>&1 &
    qemu=$!
    case $arch in rv32) ga=riscv:rv32 ;; *) ga=i386 ;; esac
    timeout 40 gdb-multiarch -q -nx -batch -ex "set architecture $ga" \
        -x scripts/baton.gdb -ex "set \$bss_file = \"$dir/bss.fill\"" \
        -ex "target remote 127.0.0.1:$port" -x "tests/boot/gdb/$name.gdb" \
        "build/$arch/img/smoke.elf" >"$dir/$name.gdb.log" 2>&1
    wait "$qemu"
    st=$?
    tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
    return $st
}

# case ARCH NAME END EXIT: one case, judged by check_run.
case_() {
    run_case "$1" "$2"
    check_run "boot/$1/$2" QEMU "build/$1/boot/$2.out" $? "" "$3" "$4"
}

archs=${*:-rv32 i386}
for arch in $archs; do
    mkdir -p "build/$arch/boot"
    if ! make -s ARCH="$arch" MANIFEST=smoke image >"build/$arch/boot/build.log" 2>&1; then
        cat "build/$arch/boot/build.log"; failed=$((failed + 1)); continue
    fi
    if [ "$arch" = i386 ]; then
        # A file of 0xa5 bytes as long as .bss, for dirty_entry.gdb.
        size=$(llvm-nm build/i386/img/smoke.elf |
               awk '/ __bss_start$/ { s = $1 } / __bss_end$/ { e = $1 }
                    END { print strtonum("0x" e) - strtonum("0x" s) }')
        head -c "$size" /dev/zero | tr '\0' '\245' >build/i386/boot/bss.fill
        case_ i386 dirty_entry "$CHECK_END_MARKER" 0
        case_ i386 stack_guard "the boot stack overflowed into its guard page" 1
        case_ i386 stack_gone "PANIC: i386: double fault" 1
        case_ i386 kstack_guard "the kernel stack of task " 1
    fi
    case_ "$arch" panic_twice "PANIC: panic() itself faulted (a second panic); halting" 1
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
