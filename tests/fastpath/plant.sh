#!/bin/sh
# plant.sh DIR - a copy of the tree (without build/ and .git) in DIR whose
# IPC fast path (kernel/fastpath.c) delivers a wrong src, and nothing else
# wrong: the differential checks must catch it (tests/fastpath/run.sh and
# tests/fuzz/fastpath.sh, with BATON_FASTPATH_PLANT=1). Run from the top.
set -u
dir=$1
rm -rf "$dir" && mkdir -p "$dir" &&
    tar --exclude=./build --exclude=./.git -cf - . | (cd "$dir" && tar xf -) || exit 1
sed -i 's/arch_frame_set(tf, 1, (uint32_t)from->id);/arch_frame_set(tf, 1, (uint32_t)from->id + 1);/; s/m->src = from->id;/m->src = from->id + 1;/' \
    "$dir/kernel/fastpath.c"
# The plant must have taken: a changed fast path, or the check shows nothing.
! cmp -s kernel/fastpath.c "$dir/kernel/fastpath.c"
