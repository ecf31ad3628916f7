#!/bin/sh
# linkprog.sh NAME OUT OBJECT... - one user program for the simulator: link
# the program with its own copy of the user library into one object (ld -r),
# its data in sections named after it (sim/prog-r.ld), every symbol made
# local except its entry, _start, renamed sim_prog_NAME. Two programs may
# then define the same names, and none clashes with the host's C library.
# The software keys' instrumentation (sim/sim.mk) makes one call that is
# not a check, __asan_handle_no_return: it goes to the simulator too.
set -eu
name=$1
out=$2
shift 2
sym=$(echo "$name" | tr -c 'A-Za-z0-9_\n' '_')
tmp=$out.r.o
ld -r -d -T sim/prog-r.ld -o "$tmp" "$@"
objcopy --rename-section sim_ro="sim_ro_$sym" \
        --rename-section sim_data="sim_data_$sym" \
        --rename-section sim_bss="sim_bss_$sym" \
        --redefine-sym _start="sim_prog_$sym" \
        --redefine-sym __asan_handle_no_return=sim_softkey_no_return \
        --keep-global-symbol="sim_prog_$sym" "$tmp" "$out"
rm -f "$tmp"

# User code may call the simulator (sim_*), nothing else outside itself:
# anything more would bind to the host's C library without a word.
undef=$(nm -u "$out" | awk '{ print $2 }' | grep -v '^sim_' || true)
if [ -n "$undef" ]; then
    echo "linkprog: program $name uses what the user library lacks:" $undef >&2
    rm -f "$out"
    exit 1
fi
# Nothing allocated outside its code and the three data sections.
other=$(objdump -h "$out" | awk '
    /^ *[0-9]+ / { name = $2; next }
    /ALLOC/ && name !~ /^(\.text|\.eh_frame|\.note|sim_)/ { print name }')
if [ -n "$other" ]; then
    echo "linkprog: program $name has sections the simulator cannot place:" $other >&2
    rm -f "$out"
    exit 1
fi
