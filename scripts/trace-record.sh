#!/bin/sh
# trace-record.sh ARCH IMAGE OUT SECONDS [QEMU OPTIONS...] - boot IMAGE in
# QEMU with tracing on from boot (the boot argument trace=all, or
# $TRACE_BOOTARGS), for at most SECONDS, and save the raw serial bytes (the
# console text and the trace frames, as they came) to OUT; QEMU's own
# messages go to OUT.log. A run stopped by the time limit is a normal end
# (the demo never finishes). Prints the trace's counts at the end.
set -u
arch=$1
image=$2
out=$3
seconds=$4
shift 4
mkdir -p "$(dirname "$out")"
BATON_TIMEOUT=$seconds sh scripts/qemu.sh "$arch" "$image" \
    -append "${TRACE_BOOTARGS:-trace=all}" "$@" </dev/null >"$out" 2>"$out.log"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 124 ]; then
    echo "trace-record: QEMU ended with status $rc (see $out.log)" >&2
    exit 1
fi
build/bin/baton-trace --dump "$out" --events-only | tail -n 3
echo "trace-record: $out, $(wc -c <"$out") bytes ($([ $rc -eq 124 ] && echo "stopped after ${seconds}s" || echo "every task finished"))"
