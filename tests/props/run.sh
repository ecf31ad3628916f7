#!/bin/sh
# run.sh - the trace property checks (tracer/scripts/, docs/tracer.md "The
# property checks") over real runs, and over traces of broken kernels that
# they must fail:
#   1. the simulator with every category traced (baton-sim --trace all) on
#      the IPC manifests of tests/qemu/ and the scenarios of sim/scenarios/,
#      and some again under --preempt (other interleavings, other orders);
#      QEMU rv32 and i386 (-append trace=all) on a few; the recorded traces
#      of tests/viewer/. Every check runs over every trace: each is a
#      property of the IPC model, true of any run of a correct kernel.
#   2. the hand-made traces of tests/props/cases/ (# check, # expect,
#      # reason, # env lines): most are kernels that break a property, and
#      the check must fail with the reason given; the others are correct
#      runs in an order Baton's kernel does not use, which every check
#      must pass.
#   3. recorded runs edited (tests/props/to_text.lua, sed, mktrace) into
#      broken ones, which the check must fail.
# One line per (trace, check), logs in build/props/: "n/a" when the trace
# gives the check nothing to judge (no call, no async queue...), not
# counted. Ends with "N passed, N failed"; exits 1 on any failure.
# PROPS_QEMU=no skips QEMU; PROPS_SEEDS="$(seq 1 60)" tries more seeds of
# --preempt than the default three.
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/props
mkdir -p "$out/logs"
checks="calls_replied fifo_service notify_not_lost async_bounds deadlock_refused irq_masked"
# What each check counts when it has something to judge: a trace without
# any (no call, no queued sender...) is "n/a" for it, not a pass.
key_calls_replied="calls"
key_fifo_service="(senders queued|services judged in FIFO order)"
key_notify_not_lost="notifications sent"
key_async_bounds="messages queued"
key_deadlock_refused="(deadlocks refused|blocks checked)"
key_irq_masked="interrupts masked"
trace=build/bin/baton-trace
passed=0
failed=0

pass() { passed=$((passed + 1)); printf 'pass  %-30s %s\n' "$1" "$2"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %-30s %s\n' "$1" "$2"; }

if ! make -s sim build/bin/baton-trace >"$out/build.log" 2>&1 ||
   ! cc -std=c11 -Wall -Wextra -O1 -Iinclude -o "$out/mktrace" tests/props/mktrace.c \
        lib/error.c >>"$out/build.log" 2>&1; then
    cat "$out/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi

# check_all NAME FILE [VAR=VALUE...]: every check over one trace, in one
# batch run, with those variables in the environment (BATON_FIFO_ANY: the
# receivers whose order of service fifo_service.lua judges); a line per
# check, the first failure of each shown.
check_all() {
    log=$out/logs/$(echo "$1" | tr / _).log
    name=$1
    file=$2
    shift 2
    args=
    for c in $checks; do args="$args --script tracer/scripts/$c.lua"; done
    # shellcheck disable=SC2086
    env "$@" $trace --batch $args "$file" >"$log" 2>&1
    rc=$?
    set -- "$name" "$file"
    if grep -Eq "^verdict: .*[(].* 0 events[)]" "$log"; then
        fail "$1" "no events in $2: the run was not recorded"
        return
    fi
    for c in $checks; do
        first=$(grep -m1 "^FAIL $c.lua: " "$log" | cut -c1-160)
        if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
            fail "$1" "$c.lua: baton-trace exited with $rc: $(grep -m1 -i error "$log" | cut -c1-140)"
        elif [ -n "$first" ]; then
            fail "$1" "$first"
        else
            eval "key=\$key_$c"
            judged=$(grep -E "^counter $key [0-9]" "$log" | sed "s/^counter //" | paste -sd, - | sed "s/,/, /g")
            if [ -n "$judged" ]; then
                pass "$1" "$c.lua ($judged)"
            else
                printf "n/a   %-30s %s\n" "$1" "$c.lua: nothing to judge"
            fi
        fi
    done
}

# check_one NAME FILE CHECK EXPECT REASON [VAR=VALUE...]: one check, which
# must pass, or fail (exit status 1) with a failure matching REASON (an
# extended regex).
check_one() {
    log=$out/logs/$(echo "$1" | tr / _).log
    env ${6:+"$6"} $trace --batch --script "tracer/scripts/$3" "$2" >"$log" 2>&1
    rc=$?
    if [ "$4" = pass ]; then
        if [ $rc -eq 0 ]; then pass "$1" "$3 passes"
        else fail "$1" "$3 should pass: $(grep -m1 '^FAIL' "$log" | cut -c1-140)"; fi
    elif [ $rc -eq 1 ] && grep -Eq "^FAIL $3: .*$5" "$log"; then
        pass "$1" "$3 fails, as it must"
    else
        fail "$1" "$3 should fail (status $rc) with /$5/: $(grep -m1 '^FAIL' "$log" | cut -c1-100)"
    fi
}

# ---- 1. real runs ----

# The receivers whose every ipc_recv is from IPC_ANY, by test: the order in
# which they serve queued senders is judged (fifo_service.lua).
fifo_any() {
    case $1 in
    ipc_queue) echo BATON_FIFO_ANY=server ;;
    prodcons) echo BATON_FIFO_ANY=buffer ;;
    any_fifo) echo BATON_FIFO_ANY=receiver ;;
    esac
}

# The simulator: IPC manifests (with console input where the test types
# some) and the scenarios.
sim_run() {     # NAME ARGS...: record build/props/NAME.trace
    name=$1
    shift
    timeout 60 build/bin/baton-sim --trace all "$@" >"$out/$name.trace" 2>"$out/logs/$name.sim"
}
for m in ipc_call ipc_queue ipc_rendezvous ipc_noblock ipc_errors ipc_notify ipc_fault \
         ipc_deadlock ipc_deadlock3 ipc_deadlock5 ipc_async ipc_irq fanin prodcons \
         chan_basic chan_close chan_deadlock chan_errors; do
    set -- "tests/qemu/$m.manifest"
    if [ -f "tests/qemu/$m.input" ]; then
        grep -v '^#' "tests/qemu/$m.input" >"$out/$m.input"
        set -- --input-file "$out/$m.input" "$@"
    fi
    sim_run "sim-$m" "$@"
    check_all "sim/$m" "$out/sim-$m.trace" $(fifo_any $m)
done
for s in sim/scenarios/*.lua; do
    n=$(basename "$s" .lua)
    sim_run "scn-$n" "$s"
    check_all "scenario/$n" "$out/scn-$n.trace" $(fifo_any $n)
done

# The same under --preempt: other interleavings of the same kernel, so
# events in other orders; a few seeds of the tests that queue the most.
for m in prodcons ipc_queue fanin ipc_fault ipc_deadlock5; do
    for seed in ${PROPS_SEEDS:-2 7 11}; do
        sim_run "pre-$m-$seed" --preempt --seed $seed "tests/qemu/$m.manifest"
        check_all "sim-preempt/$m/$seed" "$out/pre-$m-$seed.trace" $(fifo_any $m)
    done
done

# QEMU: the same kernel on real ports, a few images each.
qemu_run() {    # ARCH MANIFEST
    img=build/$1/img/$2.elf
    if ! command -v "qemu-system-$([ "$1" = rv32 ] && echo riscv32 || echo i386)" >/dev/null; then
        echo "skip  qemu/$1/$2 (no QEMU)"
        return
    fi
    if ! make -s ARCH="$1" MANIFEST="$2" image >"$out/logs/qemu-$1-$2.build" 2>&1; then
        fail "qemu/$1/$2" "the image does not build: $out/logs/qemu-$1-$2.build"
        return
    fi
    BATON_TIMEOUT=30 sh scripts/qemu.sh "$1" "$img" -append trace=all \
        </dev/null >"$out/qemu-$1-$2.trace" 2>&1
    check_all "qemu/$1/$2" "$out/qemu-$1-$2.trace" $(fifo_any $2)
}
if [ "${PROPS_QEMU:-yes}" != no ]; then
    for m in ipc_queue ipc_fault ipc_notify; do qemu_run rv32 $m; done
    for m in ipc_fault ipc_deadlock3; do qemu_run i386 $m; done
fi

# The recorded traces the viewer's tests use.
for f in tests/viewer/*.bin; do
    check_all "viewer/$(basename "$f" .bin)" "$f"
done

# ---- 2. hand-made traces ----

for f in tests/props/cases/*.txt; do
    n=$(basename "$f" .txt)
    if ! "$out/mktrace" "$f" >"$out/case-$n.trace" 2>"$out/logs/case-$n.mktrace"; then
        fail "case/$n" "mktrace: $(cat "$out/logs/case-$n.mktrace")"
        continue
    fi
    expect=$(sed -n 's/^# expect: *//p' "$f")
    reason=$(sed -n 's/^# reason: *//p' "$f")
    env=$(sed -n 's/^# env: *//p' "$f")
    for c in $(sed -n 's/^# check: *//p' "$f"); do
        check_one "case/$n" "$out/case-$n.trace" "$c" "$expect" "$reason" "$env"
    done
done

# ---- 3. recorded runs, edited into broken ones ----

# edit NAME FROM SED CHECK REASON [VAR=VALUE]: the events of trace FROM as
# text, edited by the sed program SED, written back; CHECK must fail with
# REASON.
edit() {
    text=$out/edit-$1.txt
    { echo "meta arch sim"; echo "meta mask 0x1ff"
      $trace --batch --script tests/props/to_text.lua "$2" | sed -n 's/^ev //p'; } >"$text.orig"
    sed "$3" "$text.orig" >"$text"
    if cmp -s "$text" "$text.orig"; then
        fail "edit/$1" "the edit changed nothing: $3"
        return
    fi
    "$out/mktrace" "$text" >"$out/edit-$1.trace" &&
        check_one "edit/$1" "$out/edit-$1.trace" "$4" fail "$5" "${6:-}"
}
# The ERR_ABORTED of every caller of the faulting server and of the exiting
# quitter taken out: they go on as if answered.
edit calls_no_abort "$out/sim-ipc_fault.trace" '/^error .* ERR_ABORTED$/d' \
    calls_replied.lua "no reply and no error"
# The server takes client2's call before client4's send, queued earlier.
edit fifo_swapped "$out/sim-ipc_queue.trace" \
    's/^send 4 1$/SWAP/; s/^call 2 1$/send 4 1/; s/^SWAP$/call 2 1/' \
    fifo_service.lua "not FIFO" BATON_FIFO_ANY=server
# n's first delivery of a's notifications taken out: they were never handed over.
edit notify_undelivered "$out/sim-ipc_notify.trace" '0,/^deliver 1 2 /{/^deliver 1 2 /d}' \
    notify_not_lost.lua "lost|no longer pending"
# The receiver's first pull answered without the message leaving the queue.
edit async_not_dequeued "$out/sim-fanin.trace" '0,/^async-deliver /{/^async-deliver /d}' \
    async_bounds.lua "went from"
# a's first refused send blocks instead, closing a -> b -> a.
edit deadlock_unrefused "$out/sim-ipc_deadlock.trace" \
    '0,/^deadlock 1 2$/s//send-block 1 2/' deadlock_refused.lua "closes the cycle"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
