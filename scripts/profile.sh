#!/bin/sh
# profile.sh ARCH IMAGE [TOP] - where a run's guest instructions go.
#
# Boots IMAGE under QEMU with every translated block logged as it runs
# (-d exec,nochain,in_asm), then counts, per kernel function, the
# instructions executed, using each block's length from the in_asm listing
# and the image's symbols (llvm-nm). User code is counted as "(user)", the
# firmware that runs before the kernel (the BIOS on i386) as "(firmware)".
# Prints the TOP (default 25) functions, most instructions first, with
# their share. Slow (QEMU logs every block): give it a short program that
# ends by itself; BATON_TIMEOUT (default 120 s) bounds the run anyway.
set -u
arch=$1
image=$2
top=${3:-25}
cd "$(dirname "$0")/.." || exit 2
[ -r "$image" ] || { echo "profile.sh: no image $image" >&2; exit 2; }
log=build/$arch/profile.log
# Code symbols, and __kernel_end (the end of the image) as the last one.
llvm-nm -n --defined-only "$image" |
    awk '($2 ~ /^[tTwW]$/ && $3 !~ /^\.L/) || $3 == "__kernel_end"' >"$log.syms"
BATON_TIMEOUT=${BATON_TIMEOUT:-120} sh scripts/qemu.sh "$arch" "$image" \
    -icount shift=0 -d exec,nochain,in_asm -D "$log" </dev/null >/dev/null
# Pass 1 (in_asm): the instruction count of the block at each address.
# Pass 2 (exec):   add that count to the function holding the block, found
# by binary search in the sorted symbols, every time the block runs.
gawk -v symfile="$log.syms" '
    BEGIN {
        n = 0
        while ((getline l < symfile) > 0) {
            split(l, f, " "); addr[n] = strtonum("0x" f[1]); name[n++] = f[3]
        }
    }
    function owner(pc,   lo, hi, mid) {
        if (pc >= 0x40000000 && pc < 0x50000000) return "(user)"
        if (n == 0 || pc < addr[0] || pc >= addr[n - 1]) return "(firmware)"
        lo = 0; hi = n - 1
        while (lo < hi) {
            mid = int((lo + hi + 1) / 2)
            if (addr[mid] <= pc) lo = mid; else hi = mid - 1
        }
        return name[lo]
    }
    /^IN:/          { inblk = 1; pc = ""; k = 0; next }
    inblk && /^0x/  { a = $1; sub(/:$/, "", a); if (pc == "") pc = a; k++; next }
    inblk && /^$/   { if (pc != "") len[strtonum(pc)] = k; inblk = 0; next }
    /^Trace /       {
        split($0, f, "/"); pc = strtonum("0x" f[2])
        if (!(pc in len)) next
        if (!(pc in fn)) fn[pc] = owner(pc)
        cnt[fn[pc]] += len[pc]; total += len[pc]
    }
    END {
        for (s in cnt) printf "%d %s\n", cnt[s], s
        printf "%d TOTAL\n", total > "/dev/stderr"
    }' "$log" 2>"$log.total" | sort -rn >"$log.counts"
total=$(cut -d" " -f1 "$log.total")
head -n "$top" "$log.counts" |
    awk -v t="$total" '{ printf "%12d %5.1f%%  %s\n", $1, 100 * $1 / t, $2 }'
echo "total: $total instructions"
