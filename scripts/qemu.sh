#!/bin/sh
# qemu.sh ARCH IMAGE [QEMU OPTIONS...] - boot a Baton kernel image in QEMU
# (on i386, IMAGE may also be a bootable .iso).
#
# The console is this terminal (Ctrl-A X quits). The exit status is the
# kernel's: 0 when every task finished, non-zero after a panic. With
# BATON_TIMEOUT=SECONDS set, QEMU is stopped after that long (status 124).
# BATON_QEMU_OPTS, if set, is added to every run, split at spaces: how
# tests/boot/matrix.sh runs whole suites on another machine
# (BATON_QEMU_OPTS="-icount shift=8" sh tests/qemu/run.sh rv32).
set -u
arch=$1
image=$2
shift 2
[ -r "$image" ] || { echo "qemu.sh: no kernel image $image (run make ARCH=$arch)" >&2; exit 2; }

case $arch in
rv32) set -- qemu-system-riscv32 -machine virt -bios none -m 128M \
          -nographic -kernel "$image" "$@" ;;
i386) # A kernel ELF boots through QEMU's own multiboot loader; an ISO image
      # (tests/boot/grub-iso.sh) through the BIOS and GRUB.
      case $image in *.iso) boot="-cdrom $image" ;; *) boot="-kernel $image" ;; esac
      # shellcheck disable=SC2086
      set -- qemu-system-i386 -m 128M -display none -vga none \
          -serial mon:stdio -no-reboot \
          -device isa-debug-exit,iobase=0xf4,iosize=0x04 $boot "$@" ;;
*) echo "qemu.sh: unknown ARCH '$arch' (rv32 or i386)" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
set -- "$@" ${BATON_QEMU_OPTS:-}

if [ -n "${BATON_TIMEOUT:-}" ]; then
    timeout -k 5 "$BATON_TIMEOUT" "$@"
else
    "$@"
fi
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "qemu.sh: timed out after ${BATON_TIMEOUT}s" >&2
    exit 124
fi
# isa-debug-exit makes QEMU exit with (value << 1) | 1: undo that, so that
# both ports report the kernel's own status.
if [ "$arch" = i386 ] && [ $((rc % 2)) -eq 1 ]; then
    rc=$(( (rc - 1) / 2 ))
fi
exit $rc
