#!/bin/sh
# gdb.sh ARCH IMAGE [GDB OPTIONS...] - start QEMU halted with a GDB stub on a
# free port of this user's, and attach gdb-multiarch with the kernel's
# symbols (scripts/baton.gdb adds Baton's settings, scripts/baton-ARCH.gdb
# the commands sysno and sysargs). QEMU stops with GDB.
set -u
arch=$1
image=$2
shift 2
port=$(sh scripts/freeport.sh)
case $arch in
rv32) gdbarch=riscv:rv32 ;;
i386) gdbarch=i386 ;;
*) echo "gdb.sh: unknown ARCH '$arch'" >&2; exit 2 ;;
esac
log=build/$arch/qemu-gdb.log
BATON_TIMEOUT=${BATON_TIMEOUT:-3600} sh scripts/qemu.sh "$arch" "$image" \
    -S -gdb "tcp:127.0.0.1:$port" </dev/null >"$log" 2>&1 &
qemu=$!
trap 'kill $qemu 2>/dev/null' EXIT INT TERM
echo "gdb.sh: QEMU is halted at reset, GDB stub on port $port; console output in $log"
gdb-multiarch -q -nx -ex "set architecture $gdbarch" -x scripts/baton.gdb \
    -x "scripts/baton-$arch.gdb" \
    -ex "target remote 127.0.0.1:$port" "$@" "$image"
