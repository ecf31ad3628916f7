#!/bin/sh
# run.sh ARCH - Baton's GDB commands tested in batch mode against QEMU.
# Each scenario boots a manifest under scripts/gdb.sh, runs a script of
# tests/gdb/ (or the sessions of docs/gdb.md) that stops at a known point,
# and the output must say what the kernel state must be there: names,
# states, edges, ports, bits. After each run, no QEMU of ours may be left
# (matched by the run's own GDB port), also after `make gdb` when GDB quits
# or dies. Ends with "N passed, N failed".
#
# GDB_PLANT=FILE sources FILE (GDB commands) at every `baton-test-stop` of
# the scripts: a planted wrong state, which must make checks fail.
set -u
arch=$1
cd "$(dirname "$0")/../.." || exit 2
outdir=build/$arch/test/gdb
mkdir -p "$outdir"
passed=0
failed=0
plant=${GDB_PLANT:-}

# session NAME MANIFEST SCRIPT: boot MANIFEST halted, run GDB SCRIPT on it;
# the output is $outdir/NAME.out. Then check that its QEMU is gone.
session() {
    out=$outdir/$1.out
    if ! make -s ARCH="$arch" MANIFEST="$2" image; then
        failed=$((failed + 1)); echo "FAIL gdb/$arch/$1: cannot build $2"; return
    fi
    hook=$outdir/$1.hook.gdb
    if [ -n "$plant" ]; then
        printf 'define baton-test-stop\n  source %s\nend\n' "$plant" >"$hook"
    else
        printf 'define baton-test-stop\nend\n' >"$hook"
    fi
    BATON_TIMEOUT=120 timeout 150 sh scripts/gdb.sh "$arch" "build/$arch/img/$2.elf" \
        -batch -x "$hook" -x "$3" >"$out" 2>&1
    echo "gdb exited with status $?" >>"$out"
    port=$(sed -n 's/.*GDB stub on port \([0-9]*\).*/\1/p' "$out" | head -1)
    if [ -n "$port" ] && pgrep -f "tcp:127.0.0.1:$port" >/dev/null; then
        failed=$((failed + 1))
        echo "FAIL gdb/$arch/$1: QEMU still runs after GDB (port $port)"
        pkill -f "tcp:127.0.0.1:$port"
    else
        passed=$((passed + 1))
    fi
    check "$1" "the script ran to its end" '^END-OF-SCRIPT$'
}

# check NAME DESCRIPTION PATTERN: NAME's output must match PATTERN (ERE).
check() {
    if grep -Eq -- "$3" "$outdir/$1.out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL gdb/$arch/$1: $2 (no /$3/ in $outdir/$1.out)"
    fi
}
# count NAME DESCRIPTION N PATTERN: exactly N lines match.
count() {
    n=$(grep -Ec -- "$4" "$outdir/$1.out")
    if [ "$n" -eq "$3" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL gdb/$arch/$1: $2 ($n lines, not $3, match /$4/)"
    fi
}

case $arch in
rv32) entry=trap_entry ;;
i386) entry=syscall_stub ;;
*) echo "run.sh: unknown ARCH '$arch'"; exit 2 ;;
esac

# The syscall entry, from the kernel's side (gdb.manifest).
session syscall gdb tests/gdb/syscall.gdb
check syscall "stopped at the syscall entry" '^(Thread [0-9]+ hit )?Breakpoint 1, trap_syscall'
check syscall "backtrace shows trap_syscall" '^#0 +trap_syscall'
check syscall "backtrace reaches the arch trap handler" '^#1 .* (trap|trap_handler|handle_trap|trap_dispatch|trap_entry)'
check syscall "the first syscall is SYS_CONSOLE_WRITE (1)" '^syscall number = 1$'
check syscall "the second stop is SYS_TASK_SELF (5)" '^syscall number = 5$'
check syscall "the kernel's task name is known" '^current task = "gdbprobe"'
check syscall "help baton lists the commands" '^  break-user TASK FUNC '
check syscall "GDB detached cleanly" 'gdb exited with status 0'

# ipc_deadlock: b blocked sending to a; break-user in a; a planted cycle.
session deadlock ipc_deadlock tests/gdb/deadlock.gdb
check deadlock "break-user stopped in a, not in b (which ran ipc_send first); task_current read in user mode" '^stopped in task = "a"$'
count deadlock "break-user stopped once" 1 '^(Thread [0-9]+ hit )?Breakpoint 2, ipc_send'
check deadlock "tasks: a running" '^  1  a +2  running$'
check deadlock "tasks: b blocked sending to a" '^  2  b +3  blocked sending to a$'
check deadlock "waits: the edge b -> a" '^b -> a \(send\)$'
check deadlock "waits: no cycle in a correct kernel" '^no cycle$'
check deadlock "task: b queued on a" '^  senders queued on it: b \(send\)$'
check deadlock "task: b's enums as names" 'TASK_BLOCKED, block BLOCK_SEND'
check deadlock "task: b's message copied in" 'message \(copied in\): type 16, words 0xb1 '
check deadlock "task: b's saved registers" '^\$[0-9]+ = \{.*(sepc|eip) = 0x4'
check deadlock "step-syscall reached the syscall entry (ipc_send, by register: SYS_IPC_REGS with IPC_SEND, 271)" "^step-syscall: in the kernel's syscall entry \\($entry\\), syscall number [a-z0-9]+ = 271,"
check deadlock "bt at the entry" "^#0 +$entry \\(\\)"
[ "$arch" = rv32 ] && check deadlock "bt shows the user frame below the entry" '^#1 .* in a \(\) at tests/qemu/progs/c_dl2.c'
check deadlock "step-syscall stayed in a" '^after step-syscall, task = "a"$'
check deadlock "waits names a planted cycle" '^cycle: a -> b -> a \(deadlock\)$'

# ipc_fault: the server faults with every kind of wait on it.
session fault ipc_fault tests/gdb/fault.gdb
check fault "stopped at the server's fault" '^faulting task = "server"$'
check fault "tasks: sender" '^  4  sender +3  blocked sending to server$'
check fault "tasks: caller" '^  5  caller +3  blocked calling server$'
check fault "tasks: receiver" '^  6  receiver +3  receiving from server$'
check fault "tasks: any" '^  7  any +3  receiving from any$'
check fault "tasks: chansend" '^  8  chansend +3  in a channel on port 5$'
check fault "tasks: caller2" '^ 10  caller2 +3  awaiting reply from server$'
check fault "tasks: calib has exited: dead" '^  2  calib +7  dead$'
check fault "waits: call edge" '^caller -> server \(call\)$'
check fault "waits: reply edge" '^caller2 -> server \(reply\)$'
check fault "waits: channel edges" '^chanrecv -> server \(channel port 6\)$'
check fault "waits: open receive" '^any -> any \(recv\)$'
check fault "chans: port 5" '^port 5: send end chansend \(handle 1\), receive end server \(handle 1\); waiting: chansend \(sending 8 bytes\); last transfer: none$'
check fault "chans: port 6" '^port 6: send end server \(handle 2\), receive end chanrecv \(handle 1\); waiting: chanrecv \(receiving, buffer 8 bytes\)'
check fault "task server: its queue in order" '^  senders queued on it: sender \(send\) caller \(call\)$'
check fault "task server: its handles" '^  channel handles: 1=port 5 receive 2=port 6 send$'
check fault "next-ipc: the death wakes the first queued sender" '^next-ipc: wake with error -[0-9]+: sender was blocked sending to server$'

# chan_basic: tx blocked in port 1 before rx receives; then the rendezvous.
session chan chan_basic tests/gdb/chan.gdb
check chan "break-user stopped in rx" '^stopped in task = "rx"$'
check chan "tasks: tx in the channel" '^  1  tx +4  in a channel on port 1$'
check chan "waits: tx -> rx on port 1" '^tx -> rx \(channel port 1\)$'
check chan "chans: before" '^port 1: send end tx \(handle 1\), receive end rx \(handle 1\); waiting: tx \(sending 3 bytes\); last transfer: none$'
check chan "next-ipc: the rendezvous" '^next-ipc: rendezvous on port 1: rx wakes tx, which was in the channel$'
check chan "chans: after, fast" '^port 1: .*waiting: nobody; last transfer: 3 bytes, fast$'

# ipc_notify: notifications before the wait; the timer's, from an interrupt.
session notify ipc_notify tests/gdb/notify.gdb
check notify "break-user stopped in n" '^stopped in task = "n"$'
check notify "pending: bits and senders" '^  n: 0x300 user from a, 0x408 signal user from b$'
check notify "tasks: the same in brackets" '^  1  n +2  running  \[notified: 0x300 user from a, 0x408 signal user from b\]$'
check notify "tasks: helpers wait for orders" '^  2  a +3  receiving from n$'
check notify "next-ipc: delivered in the receive" '^next-ipc: notification delivered to n in its receive: 0x300 user from a, 0x408 signal user from b$'
check notify "next-ipc: n blocks in an open receive" '^next-ipc: n blocks: receiving from any$'
check notify "pending: the timer armed" '^  n: fires at tick [0-9]+$'
check notify "next-ipc: the timer's notification" '^next-ipc: notification delivered to n .*0x1 timer'
check notify "bt: it came from the timer interrupt" '^#[0-9]+ .*trap_timer \(\) at kernel/irq.c'

# ipc_async: producer2's queue full, the consumer asleep.
session async ipc_async tests/gdb/async.gdb
check async "break-user stopped in producer2" '^stopped in task = "producer2"$'
check async "queue: 16 messages to the consumer" '^  to consumer: 16 queued \(head 0\), types( 16){16}$'
check async "queue: the consumer's own queues are empty" '^  all empty$'
check async "pending: the async bit from producer2" '^  consumer: 0x4 async from producer2'
check async "tasks: the consumer sleeps, notified" '^  1  consumer +3  sleeping until tick [0-9]+  \[notified: 0x4 async from producer2'

# ipc_irq: a line acquired.
session irq ipc_irq tests/gdb/irq.gdb
check irq "break-user stopped in rival" '^stopped in task = "rival"$'
check irq "pending: the UART line and its holder" '^  irq 0 \(uart\): acquired by driver$'

# smoke: both transfer modes, as the last transfer of each port.
session exit smoke tests/gdb/exit.gdb
check exit "stopped at the first exit" '^exiting task = "(ping|pong)"$'
check exit "chans: port 1 shared" '^port 1: send end ping \(handle 1\), receive end pong \(handle 1\); waiting: nobody; last transfer: 4096 bytes, shared$'
check exit "chans: port 2 fast" '^port 2: send end ping \(handle 2\), receive end pong \(handle 2\); waiting: nobody; last transfer: 5 bytes, fast$'

# Interactive GDB (not batch): commands on its standard input, then quit.
# QEMU must end with it too.
out=$outdir/interactive.out
printf 'break sched_start\ncontinue\ntasks\nquit\n' | BATON_TIMEOUT=120 timeout 150 sh scripts/gdb.sh "$arch" "build/$arch/img/gdb.elf" >"$out" 2>&1
port=$(sed -n 's/.*GDB stub on port \([0-9]*\).*/\1/p' "$out" | head -1)
check interactive "gdb.sh says its port" 'GDB stub on port [0-9]+'
check interactive "tasks ran at the prompt" 'gdbprobe'
if [ -n "$port" ] && ! pgrep -f "tcp:127.0.0.1:$port" >/dev/null; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL gdb/$arch/interactive: QEMU still runs after quit (port $port)"
fi

# make gdb, as a student runs it (the demo image, scripts/gdb.sh by make):
# once GDB quits (its commands on standard input, as a batch: GDB detaches
# and leaves QEMU to gdb.sh), and once when GDB dies without a word (killed:
# a crash), no QEMU of that run may be left. QEMU is matched by the run's
# own GDB port in its command line; every wait is bounded.
port_of() { sed -n 's/.*GDB stub on port \([0-9]*\).*/\1/p' "$1" | head -1; }
# until_gone TEST...: poll (0.2 s) until TEST fails, for up to 20 s.
until_gone() {
    n=0
    while "$@"; do
        n=$((n + 1))
        [ $n -gt 100 ] && return 1
        sleep 0.2
    done
}
make_gdb() {    # make_gdb NAME HOW: HOW is quit or killed
    out=$outdir/$1.out
    if [ "$2" = quit ]; then
        printf 'break sched_start\ncontinue\ntasks\nquit\n' |
            BATON_TIMEOUT=120 timeout 150 make -s ARCH="$arch" gdb >"$out" 2>&1
    else
        # The job in a process group of its own; GDB waits at its prompt.
        BATON_TIMEOUT=120 setsid sh -c "(printf 'break sched_start\\ncontinue\\n'; sleep 150) |
            make -s ARCH=$arch gdb" >"$out" 2>&1 &
        job=$!
        n=0
        until grep -q '^Breakpoint 1, ' "$out" || [ $n -gt 300 ]; do
            sleep 0.2; n=$((n + 1))
        done
        p=$(port_of "$out")
        [ -n "$p" ] && pkill -KILL -f "gdb-multiarch .*127.0.0.1:$p"
    fi
    port=$(port_of "$out")
    check "$1" "make gdb said its port" 'GDB stub on port [0-9]+'
    check "$1" "GDB stopped at the breakpoint" '^Breakpoint 1, '
    if [ -n "$port" ] && until_gone pgrep -f "tcp:127.0.0.1:$port" >/dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL gdb/$arch/$1: QEMU still runs after GDB ended ($2; port $port)"
        [ -n "$port" ] && pkill -f "tcp:127.0.0.1:$port"
    fi
    if [ "$2" != quit ]; then
        # The rest of the job (its input's sleep). dash's kill takes no "--".
        kill -TERM "-$job" 2>/dev/null
        wait "$job" 2>/dev/null
    fi
}
# They check scripts/gdb.sh and make, the same on every machine: the boot
# matrix (tests/boot/matrix.sh, which sets BATON_QEMU_OPTS) leaves them to
# make test's own run.
if [ -z "${BATON_QEMU_OPTS:-}" ]; then
    make_gdb make-gdb-quit quit
    check make-gdb-quit "tasks ran at GDB's prompt" '^ +2 +chan_server '
    make_gdb make-gdb-killed killed
fi

# docs/gdb.md: every session on the page, as written.
for doc in smoke chan_basic ipc_notify; do
    script=$outdir/doc-$doc.gdb
    awk -v want="$doc" '
        /^```gdb session=/ { split($2, kv, "="); on = kv[2] == want; next }
        /^```/ { on = 0; next }
        on && /^\(gdb\) / { sub(/^\(gdb\) /, ""); sub(/ +#.*/, ""); print }
    ' docs/gdb.md >"$script"
    printf 'echo END-OF-SCRIPT\\n\nkill\n' >>"$script"
    session "doc-$doc" "$doc" "$script"
    # Each output line the page shows must appear (a line "..." skips).
    awk -v want="$doc" '
        /^```gdb session=/ { split($2, kv, "="); on = kv[2] == want; next }
        /^```/ { on = 0; next }
        on && !/^\(gdb\) / && $0 != "..." { print }
    ' docs/gdb.md | while IFS= read -r line; do
        if grep -Fxq -- "$line" "$outdir/doc-$doc.out"; then echo ok; else echo "missing: $line"; fi
    done >"$outdir/doc-$doc.lines"
    passed=$((passed + $(grep -c '^ok$' "$outdir/doc-$doc.lines")))
    failed=$((failed + $(grep -c '^missing: ' "$outdir/doc-$doc.lines")))
    sed -n "s|^missing: |FAIL gdb/$arch/doc-$doc: docs/gdb.md shows a line GDB did not print: |p" "$outdir/doc-$doc.lines"
done

# No QEMU of this suite is left: every port it used is free of QEMU.
left=0
for o in "$outdir"/*.out; do
    p=$(sed -n 's/.*GDB stub on port \([0-9]*\).*/\1/p' "$o" | head -1)
    [ -n "$p" ] && pgrep -f "tcp:127.0.0.1:$p" >/dev/null && left=$((left + 1))
done
if [ $left -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL gdb/$arch: $left QEMU processes left"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
