#!/bin/sh
# bench-sim.sh [ARCH...] - the simulator's benchmarks, on the host's wall
# clock (make bench runs it after the QEMU figures):
#     bench host sim_ipc_roundtrips <value> roundtrips/s
#     bench host sim_vs_qemu_<arch> <ratio> x
# The program is the round-trip pair b_rt_server and b_rt_client (RT_COUNT
# ipc_call + ipc_reply round trips), the same sources under baton-sim-fast
# and, for the ratio, under QEMU without -icount: QEMU's wall time divided
# by the simulator's, the best of BENCH_RUNS runs (3) of each. A figure,
# never a verdict: nothing here fails because something is slow.
set -u
cd "$(dirname "$0")/.." || exit 2
runs=${BENCH_RUNS:-3}
progs="b_rt_server b_rt_client"
count=$(sed -n 's/^#define RT_COUNT *\([0-9]*\).*/\1/p' tests/qemu/progs/b_rt_client.c)
status=0

now_ns() { date +%s%N; }

# best_of CMD...: run it $runs times; print the shortest wall time, in
# nanoseconds, or nothing if a run failed or did not finish its round trips.
best_of() {
    best=
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(now_ns)
        "$@" </dev/null >build/bench-sim.out 2>&1
        rc=$?
        t1=$(now_ns)
        tr -d '\r' <build/bench-sim.out | grep -q "^rt: $count round trips" && [ $rc -eq 0 ] ||
            { echo "bench-sim: $1 failed (exit $rc, see build/bench-sim.out)" >&2; return 1; }
        t=$((t1 - t0))
        [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
        i=$((i + 1))
    done
    echo "$best"
}

make -s build/bin/baton-sim-fast || exit 1
sim=$(best_of build/bin/baton-sim-fast --quiet --task "b_rt_server b_rt_server 3" \
      --task "b_rt_client b_rt_client 3") || exit 1
awk -v n="$count" -v t="$sim" 'BEGIN { printf "bench host sim_ipc_roundtrips %.0f roundtrips/s\n", n / (t / 1e9) }'

for arch in ${*:-rv32 i386}; do
    make -s ARCH="$arch" PROGS="$progs" image >build/bench-sim.build 2>&1 ||
        { cat build/bench-sim.build; status=1; continue; }
    q=$(BATON_TIMEOUT=300 best_of sh scripts/qemu.sh "$arch" "build/$arch/img/custom.elf") ||
        { status=1; continue; }
    awk -v q="$q" -v s="$sim" -v a="$arch" \
        'BEGIN { printf "bench host sim_vs_qemu_%s %.2f x\n", a, q / s }'
done
exit $status
