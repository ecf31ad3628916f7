#!/bin/sh
# deps.sh - install the Debian packages Baton needs, and nothing when all are
# there. Says what it installs. Needs root (or sudo) only when something is
# missing. (grub-pc-bin, grub-common, xorriso and mtools: the boot matrix
# boots the i386 kernel from a GRUB rescue ISO, tests/boot/grub-iso.sh.)
set -eu
need="clang lld llvm qemu-system-x86 qemu-system-misc gdb-multiarch
libcriterion-dev liblua5.4-dev libncurses-dev libsdl2-dev zlib1g-dev pkg-config tmux
libclang-rt-14-dev make gawk jq
grub-pc-bin grub-common xorriso mtools"

missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
