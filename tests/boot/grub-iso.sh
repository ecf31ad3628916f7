#!/bin/sh
# grub-iso.sh KERNEL ISO - a GRUB rescue CD that boots the multiboot
# KERNEL (an i386 Baton image) at once, its menu and messages on the serial
# line, as a lab machine booting Baton from a CD or USB stick would. Needs
# grub-mkrescue (Debian: grub-pc-bin, grub-common, xorriso, mtools).
set -eu
kernel=$1
iso=$2
dir=$iso.d
rm -rf "$dir"
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/baton.elf"
cat >"$dir/boot/grub/grub.cfg" <<'CFG'
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
set timeout=0
menuentry "Baton" {
    multiboot /boot/baton.elf
    boot
}
CFG
grub-mkrescue -o "$iso" "$dir" >"$iso.log" 2>&1 || { cat "$iso.log" >&2; exit 1; }
rm -rf "$dir"
