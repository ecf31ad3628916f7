#!/bin/sh
# bench-sim.sh [ARCH...] - the simulator's benchmarks, on the host's wall
# clock (make bench runs it after the QEMU figures):
#     bench host sim_ipc_roundtrips_<mech> <value> roundtrips/s
#     bench host sim_ipc_roundtrips_cpu_<mech> <value> roundtrips/s
#     bench host sim_vs_qemu_<arch>_<mech> <ratio> x
# <mech> is how the simulator keeps address spaces apart on this host, as
# baton-sim --verbose says: pku (x86 protection keys) or nopku (software
# keys only: no PKU, or BATON_SIM_PKU=0), so that figures from hosts with
# and without PKU are never confused.
# The program is the round-trip pair b_rt_server and b_rt_client (RT_COUNT
# ipc_call + ipc_reply round trips), the same sources under baton-sim-fast
# and, for the ratio, under QEMU without -icount: QEMU's wall time divided
# by the simulator's, the best of BENCH_RUNS runs (3) of each (of
# BENCH_SIM_RUNS, 5, for the simulator alone: its runs are short, and the
# best of more is less at the mercy of a loaded host). A figure,
# never a verdict: nothing here fails because something is slow.
set -u
cd "$(dirname "$0")/.." || exit 2
runs=${BENCH_RUNS:-3}
progs="b_rt_server b_rt_client"
count=$(sed -n 's/^#define RT_COUNT *\([0-9]*\).*/\1/p' tests/qemu/progs/b_rt_client.c)
status=0

now_ns() { date +%s%N; }

# cpu_us FILE: the CPU time (user + system) of the shell's children, in
# microseconds, from what "times" wrote to FILE (its second line, as
# 0m0.040000s 0m0.010000s). "times" must run in the shell that waited for
# the command, not in a pipe's or a $(...)'s subshell.
cpu_us() {
    awk 'NR == 2 { s = 0
        for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] }
        printf "%.0f\n", s * 1e6 }' "$1"
}

# best_of N CMD...: run it N times; print the shortest wall time, in
# nanoseconds, and the least CPU time, in microseconds, or nothing if a
# run failed or did not finish its round trips.
best_of() {
    n=$1
    shift
    best=
    best_cpu=
    i=0
    while [ $i -lt "$n" ]; do
        times >build/bench-sim.times0
        t0=$(now_ns)
        "$@" </dev/null >build/bench-sim.out 2>&1
        rc=$?
        t1=$(now_ns)
        times >build/bench-sim.times1
        tr -d '\r' <build/bench-sim.out | grep -q "^rt: $count round trips" && [ $rc -eq 0 ] ||
            { echo "bench-sim: $1 failed (exit $rc, see build/bench-sim.out)" >&2; return 1; }
        t=$((t1 - t0))
        [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
        c=$(($(cpu_us build/bench-sim.times1) - $(cpu_us build/bench-sim.times0)))
        [ -z "$best_cpu" ] || [ "$c" -lt "$best_cpu" ] && best_cpu=$c
        i=$((i + 1))
    done
    echo "$best $best_cpu"
}

make -s build/bin/baton-sim-fast || exit 1
mech=$(build/bin/baton-sim-fast --verbose --quiet --task "hi hello 3" 2>&1 >/dev/null |
    sed -n 's/^baton-sim: address spaces: \([a-z]*\):.*/\1/p')
[ -n "$mech" ] || { echo "bench-sim: baton-sim-fast --verbose names no mechanism" >&2; exit 1; }
both=$(best_of "${BENCH_SIM_RUNS:-5}" build/bin/baton-sim-fast --quiet --task "b_rt_server b_rt_server 3" \
      --task "b_rt_client b_rt_client 3") || exit 1
sim=${both% *}
awk -v n="$count" -v t="$sim" -v m="$mech" 'BEGIN { printf "bench host sim_ipc_roundtrips_%s %.0f roundtrips/s\n", m, n / (t / 1e9) }'
# Per second of CPU time (user + system, to the scheduler's tick): what the
# simulator costs whatever else the host runs, where the wall time above
# also counts the waits for a CPU on a busy one.
awk -v n="$count" -v c="${both#* }" -v m="$mech" \
    'BEGIN { if (c > 0) printf "bench host sim_ipc_roundtrips_cpu_%s %.0f roundtrips/s\n", m, n / (c / 1e6) }'

for arch in ${*:-rv32 i386}; do
    make -s ARCH="$arch" PROGS="$progs" image >build/bench-sim.build 2>&1 ||
        { cat build/bench-sim.build; status=1; continue; }
    q=$(BATON_TIMEOUT=300 best_of "$runs" sh scripts/qemu.sh "$arch" "build/$arch/img/custom.elf") ||
        { status=1; continue; }
    q=${q% *}
    awk -v q="$q" -v s="$sim" -v a="$arch" -v m="$mech" \
        'BEGIN { printf "bench host sim_vs_qemu_%s_%s %.2f x\n", a, m, q / s }'
done
exit $status
