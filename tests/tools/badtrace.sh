#!/bin/sh
# badtrace.sh IN OUT - a damaged copy of the trace IN, for the tests of what
# the dump and the viewer report (issue 12, items 9, 10, 14): IN, then a
# frame of an unknown version (2), then IN again without its 6th frame (a
# sequence gap) and with the ESC \ of its 8th frame lost (the text after
# it swallowed, up to the next frame). Shell only: the CRC is computed here.
set -u
in=$1
out=$2
crc16() {   # crc16 BYTE...: CRC-16/CCITT-FALSE, as 4 hex digits
    c=65535
    for b in "$@"; do
        c=$((c ^ (b << 8)))
        for _ in 1 2 3 4 5 6 7 8; do
            if [ $((c & 32768)) -ne 0 ]; then c=$(((c << 1 ^ 4129) & 65535)); else c=$((c << 1 & 65535)); fi
        done
    done
    printf '%04x' "$c"
}
# ESC _ B base64(H=0x20 seq=0x00 CRC) ESC \: version 2, type 0.
c=$(crc16 32 0)
frame=$(printf "\\040\\000\\$(printf '%03o' $((0x${c%??})))\\$(printf '%03o' $((0x${c#??})))" | base64 | tr -d '=\n')
{
    cat "$in"
    printf '\033_B%s\033\\' "$frame"
    # Frames numbered from 1 by their ESC _ B: drop the 6th, cut the 8th's end.
    awk 'BEGIN { RS = "\033_B"; ORS = "" }
         NR == 1 { print; next }
         NR == 7 { sub(/^[^\033]*\033\\/, ""); print; next }
         NR == 9 { sub(/\033\\/, ""); print "\033_B" $0; next }
         { print "\033_B" $0 }' "$in"
} >"$out"
