#!/bin/sh
# bench.sh [ARCH...] - run the benchmark image under qemu -icount shift=0, so
# the cycle counter counts guest instructions, and print its "bench" lines:
#     bench <arch> <name> <value> <unit>
# For each architecture it boots the image four ways: as built (tracing
# compiled in, switched off), with tracing on (-append trace=all), built
# with TRACE=none (in build/ARCH-notrace), built with TRACE_COUNT=1 (in
# build/ARCH-count), which counts the tracepoints a round trip passes, and
# built with FASTPATH=0 (in build/ARCH-slow: the IPC fast path's round
# trip without it). The tracepoint figures are the differences, and
# tracepoints_disabled_per_roundtrip should be at most
# tracepoints_per_roundtrip (one nop each):
# tracepoints_disabled_within_sites says whether it is (yes or no; a
# measurement, not a test); the same with "fast_roundtrip" and "_fast"
# for the fast path's round trip (ipc_call_replyrecv). With tracing on,
# the idle task never runs during the round-trip loop, so the ring
# overflows: that figure includes
# the overflow accounting (LOST records), as a busy system would see it.
# ARCH "host" is the host programs' figures (the trace decoder, the viewer).
# With "host" also come the simulator's wall-clock figures (bench-sim.sh).
set -u
cd "$(dirname "$0")/.." || exit 2
status=0

# boot IMAGE OUT [QEMU OPTIONS...]: run it, keep its "bench" lines in OUT.
# Trace frames (ESC _ ... ESC \) are taken out of the console text first.
boot() {
    image=$1 out=$2
    shift 2
    BATON_TIMEOUT=120 sh scripts/qemu.sh "$arch" "$image" -icount shift=0 "$@" \
        </dev/null >"$out.raw" 2>&1 || status=1
    tr -d '\r' <"$out.raw" | sed 's/\x1b_[^\x1b]*\x1b\\//g' | grep '^bench ' >"$out" ||
        { echo "bench: no figures from $arch (see $out.raw)" >&2; status=1; }
}

# fig FILE NAME: the value of one figure.
fig() { awk -v n="$2" '$3 == n { print $4 }' "$1"; }

# tracepoint_cost ROUNDTRIP WHICH SUFFIX: what the disabled tracepoints of
# the round trip ROUNDTRIP cost (compiled in and off, minus compiled out:
# tracepoints_disabled_per_WHICH), the bound (one instruction for each
# tracepoint it passes, as a kernel built with TRACE_COUNT=1 counts them,
# b_ipc_client.c: tracepoints_per_WHICH), and whether the cost is within
# it (tracepoints_disabled_within_sitesSUFFIX: yes or no, with the two
# figures; a measurement, not a test: make test does not look at it).
tracepoint_cost() {
    rt=$(fig "$b/bench.out" "$1")
    rt_none=$(fig "$b/bench-notrace.out" "$1")
    sites=$(fig "$b/bench-count.out" "tracepoints_per_$2")
    if [ -z "$rt" ] || [ -z "$rt_none" ] || [ -z "$sites" ]; then
        echo "bench: no $1 or tracepoints_per_$2 figure from $arch (see $b/*.raw)" >&2
        status=1
        return
    fi
    cost=$((rt - rt_none))
    echo "bench $arch tracepoints_disabled_per_$2 $cost instructions"
    echo "bench $arch tracepoints_per_$2 $sites sites"
    ok=no
    [ "$cost" -le "$sites" ] && ok=yes
    echo "bench $arch tracepoints_disabled_within_sites$3 $ok $cost/$sites"
}

for arch in ${*:-rv32 i386 host}; do
    if [ "$arch" = host ]; then
        make -s build/bin/tracer-bench && build/bin/tracer-bench || status=1
        make -s build/bin/viewer-bench && build/bin/viewer-bench || status=1
        # The simulator: round trips per second, its speed against QEMU.
        sh scripts/bench-sim.sh rv32 i386 || status=1
        continue
    fi
    b=build/$arch
    make -s ARCH="$arch" MANIFEST=bench image || { status=1; continue; }
    make -s ARCH="$arch" MANIFEST=bench TRACE=none B="$b-notrace" image ||
        { status=1; continue; }
    make -s ARCH="$arch" MANIFEST=bench TRACE_COUNT=1 B="$b-count" image ||
        { status=1; continue; }
    make -s ARCH="$arch" MANIFEST=bench FASTPATH=0 B="$b-slow" image ||
        { status=1; continue; }
    boot "$b/img/bench.elf" "$b/bench.out"
    boot "$b/img/bench.elf" "$b/bench-traced.out" -append trace=all
    boot "$b-notrace/img/bench.elf" "$b/bench-notrace.out"
    boot "$b-count/img/bench.elf" "$b/bench-count.out"
    boot "$b-slow/img/bench.elf" "$b/bench-slow.out"
    grep -v ' trace_record_o[nf]f* ' "$b/bench.out"
    # An enabled tracepoint: the same record call, category on minus off.
    off=$(fig "$b/bench.out" trace_record_off)
    on=$(fig "$b/bench.out" trace_record_on)
    [ -n "$off" ] && [ -n "$on" ] &&
        echo "bench $arch tracepoint_enabled $((on - off)) instructions"
    # Disabled ones, all those on a round trip, on both round trips.
    tracepoint_cost ipc_call_reply roundtrip ""
    tracepoint_cost ipc_call_replyrecv fast_roundtrip _fast
    rt_none=$(fig "$b/bench-notrace.out" ipc_call_reply)
    echo "bench $arch ipc_call_reply_notrace $rt_none instructions"
    echo "bench $arch ipc_call_replyrecv_notrace $(fig "$b/bench-notrace.out" ipc_call_replyrecv) instructions"
    # The fast path's round trip (ipc_call_replyrecv, above) built without it.
    echo "bench $arch ipc_call_replyrecv_slow $(fig "$b/bench-slow.out" ipc_call_replyrecv_slow) instructions"
    echo "bench $arch ipc_call_reply_traced $(fig "$b/bench-traced.out" ipc_call_reply) instructions"
    # The demo on the wire: 5 s of it with every category on, decoded.
    make -s ARCH="$arch" MANIFEST=demo image build/bin/baton-trace || { status=1; continue; }
    BATON_TIMEOUT=5 sh scripts/qemu.sh "$arch" "$b/img/demo.elf" -icount shift=0 \
        -append trace=all </dev/null >"$b/demo.trace" 2>&1
    build/bin/baton-trace --dump "$b/demo.trace" |
        awk -v a="$arch" '/^# wire:/ { for (i = 1; i < NF - 1; i++)
            if ($(i + 1) == "bytes" && $(i + 2) == "per")
                print "bench " a " trace_bytes_per_event_demo " $i " bytes/event" }'
done
exit $status
