#!/bin/sh
# run.sh - the viewer's real ncurses screen, driven in tmux (a private tmux
# server, 160x48): keys go in with send-keys, the screen comes back with
# capture-pane, and the checks read it as a person would. On recorded
# traces (tests/viewer/*.bin): task states, a queue depth, time travel,
# filters, help, views, resize, a deadlock alert, ASCII and monochrome, the
# SDL2 window beside the screen (SDL's dummy video driver); on
# a live QEMU run: the demo boots in the viewer, keys typed reach the
# guest; on the simulator; with a script's panel; no program's stderr on
# the screen, and Ctrl-L putting it back. Screens are kept in
# build/viewer-tests/. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
out=build/viewer-tests
mkdir -p "$out"
sock=baton-viewer-$$
passed=0
failed=0
export LC_ALL=C.UTF-8
# The viewer under ASan and UBSan: a memory error ends it, and the checks
# of its exit status ("EXIT 0") fail.
tv=build/bin/baton-trace-asan
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT

if ! make -s ARCH=rv32 build/rv32/img/demo.elf build/bin/baton-trace-asan build/bin/baton-sim \
        >"$out/build.log" 2>&1; then
    cat "$out/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi

# start NAME COMMAND: a session running COMMAND; its exit status shows after it.
start() {
    tm new-session -d -s "$1" -x 160 -y 48 "$2; echo EXIT \$?; sleep 600"
}
screen() { tm capture-pane -t "$1" -p >"$out/$1.screen"; }
keys() { n=$1; shift; tm send-keys -t "$n" "$@"; sleep 0.15; }
text() { n=$1; shift; tm send-keys -t "$n" -l "$@"; sleep 0.15; }
# wait_for NAME PATTERN [SECONDS]: until a line of the screen matches.
wait_for() {
    limit=$(( ${3:-5} * 10 ))
    i=0
    while [ $i -lt "$limit" ]; do
        screen "$1"
        grep -Eq -- "$2" "$out/$1.screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# expect NAME DESCRIPTION PATTERN [SECONDS]
expect() {
    if wait_for "$1" "$3" "${4:-5}"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL viewer/$1: $2 (no /$3/ on the screen):"
        sed 's/^/    /' "$out/$1.screen"
    fi
}
# expect_not NAME DESCRIPTION PATTERN: the screen, as it is now, lacks it.
expect_not() {
    screen "$1"
    if grep -Eq -- "$3" "$out/$1.screen"; then
        failed=$((failed + 1))
        echo "FAIL viewer/$1: $2 (/$3/ is on the screen)"
    else
        passed=$((passed + 1))
    fi
}

# ---- a recorded trace: the demo in QEMU rv32 ----
v=demo
start $v "TERM=tmux-256color $tv tests/viewer/demo-rv32.bin"
expect $v "every event read" ' events 324  '
expect $v "following the live end" ' LIVE '
expect $v "task states" '│ +1 echo +blocked +recv ← any +5 '
expect $v "a dead task" '│ +5 consumer +dead '
expect $v "a queue: depth 0, high-water mark 16, full twice" '│ producer +consumer +0 +16 +2 '
expect $v "a channel, its whole name" '│ +1 chan_client>chan_server +- '
expect $v "the console in its pane" '│ chan_client: answer "THIS REQUEST IS LONGER THAN 16 BYTES" '
expect $v "lanes on the timeline" '│ seed_client +blocked +[─◆]'
# Time travel: to event 62 (the queue has just filled), then back one by one.
keys $v / ; text $v '#62' ; keys $v Enter
expect $v "the cursor went back" ' HISTORY .* #62 '
expect $v "the queue at the cursor" '│ producer +consumer +16 +16 +1 '
expect $v "a task at the cursor, with a pending notification" \
    '│ +5 consumer +blocked +call → producer +4 0x4 +producer '
for i in $(seq 31); do keys $v , ; done
expect $v "31 events earlier" ' #31 '
expect $v "the queue then" '│ producer +consumer +1 +1 +0 '
keys $v f
expect $v "f follows live again" ' LIVE .* #324 '
expect $v "the queue now" '│ producer +consumer +0 +16 +2 '
# The event list, filtered.
keys $v 4 ; keys $v '\' ; text $v async-full ; keys $v Enter
expect $v "a filtered event list" 'Events.*  filter: async-full \(2\) '
if [ "$(grep -Ec ' async-full +-> consumer depth 16' "$out/$v.screen")" -eq 2 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL viewer/$v: the filter shows 2 async-full events"
fi
# Prompts start empty, as in less: a new filter replaces the old one, Ctrl-U
# clears the line, Enter on an empty filter takes it off (issue 12, item 5).
keys $v '\' ; text $v chan-xfer ; keys $v Enter
expect $v "a new filter replaces the old one" 'Events.*  filter: chan-xfer \([0-9]+\) '
keys $v '\' ; text $v abc ; keys $v C-u ; text $v async-full ; keys $v Enter
expect $v "Ctrl-U clears the prompt" 'Events.*  filter: async-full \(2\) '
keys $v '\'
expect $v "the empty prompt says what Enter does" 'filter: _ +Enter: no filter \(Up edits "async-full"\)'
keys $v Up ; keys $v BSpace BSpace BSpace BSpace ; text $v xfer ; keys $v Enter
expect $v "Up recalls the last text to edit" 'Events.*  filter: async-xfer \(0\) '
keys $v '\' ; keys $v Enter
expect $v "the filter taken off" '│ +322 .* switch +-> idle '
# Metadata snapshots (one a second) stay out of the list until S (item 1).
expect_not $v "no snapshots in the list by default" '│ +[0-9]+ .* snapshot +'
keys $v S
expect $v "S shows them" '│ +324 .* snapshot '
keys $v S
keys $v '?'
expect $v "help" 'quit \(stops a program the viewer started\)'
keys $v x
expect_not $v "help closed by a key" 'quit \(stops a program'
keys $v 3 ; keys $v +
expect $v "the timeline view, zoomed in" 'Timeline from .*/column   '
# The ruler reads the clock of the title and the status line (item 8): its
# first label is the title's "from".
from=$(sed -n 's/.*Timeline from \(+[0-9.]*[a-z]*\),.*/\1/p' "$out/$v.screen" | head -1)
if [ -n "$from" ] && grep -Eq -- "│ .{21}\\|\\$from " "$out/$v.screen"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL viewer/$v: the ruler starts at the title's time ($from)"
fi
keys $v 6
expect $v "the console view" '─ Console '
keys $v 1
tm resize-window -t $v -x 100 -y 30
expect $v "a smaller terminal" ' events 324 '
tm resize-window -t $v -x 160 -y 48
expect $v "back to full size" '─ Tasks ─.*─ Async queues ─'
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- a deadlock refused (tests/qemu/ipc_deadlock.manifest) ----
v=deadlock
start $v "$tv tests/viewer/deadlock-rv32.bin"
expect $v "the alert bar" 'DEADLOCK #27 .* refused: a -> b -> a +\(5 alerts'
keys $v 7
expect $v "the alerts view" '│ DEADLOCK #6 .* refused: a -> b -> a'
keys $v Enter ; keys $v 1
expect $v "Enter goes to the alert" ' HISTORY .* #6 '
expect $v "who blocks whom then" '│ +2 b +blocked +send → a '
expect $v "the alert at the cursor" 'DEADLOCK #6 .*\(1 alert:'
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- a fault (tests/qemu/ipc_fault.manifest, recorded in baton-sim) ----
v=fault
start $v "$tv tests/viewer/fault-sim.bin"
expect $v "the fault alert names who waited on the task" \
    'FAULT #90 .* server faulted: pc 0x[0-9a-f]+ address 0x45000000; waiting on it: sender, caller'
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- a damaged trace with two runs: the status line counts it all ----
v=damaged
sh tests/tools/badtrace.sh tests/viewer/fault-sim.bin "$out/bad.bin"
start $v "$tv $out/bad.bin"
expect $v "frames missing, of unknown versions, bytes dropped, a restart" \
    ' corrupt 1  frames missing 2  unknown frames 1  dropped bytes [0-9]+  restarts 1 '
keys $v 4 ; keys $v / ; text $v restart ; keys $v Enter
expect $v "the restart in the event list" ' restart +the kernel started again \(run 2'
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- no program's stderr on the screen (item 6) ----
# boxed NAME WORD: every line of the screen with WORD has it inside a box
# (the console pane's "│ WORD... │"), none has it as stray text the
# terminal put where its cursor was.
boxed() {
    screen "$1"
    if grep -F -- "$2" "$out/$1.screen" | grep -Evq -- "│ $2[^│]*│\$"; then
        failed=$((failed + 1))
        echo "FAIL viewer/$1: $2 landed on the screen outside the console pane:"
        sed 's/^/    /' "$out/$1.screen"
    else
        passed=$((passed + 1))
    fi
}
# Started by the viewer (baton-trace -- COMMAND), a program's stderr goes
# to the console pane, however much and whenever it writes.
v=stderr
start $v "$tv -- sh -c 'cat tests/viewer/fault-sim.bin; for i in 1 2 3 4 5 6; do echo FROM-STDERR-\$i >&2; sleep 0.3; done; sleep 600'"
expect $v "a program's stderr in the console pane, inside its box" '│ FROM-STDERR-6 +│'
boxed $v FROM-STDERR
keys $v q
expect $v "q quits" '^EXIT 0'
# The viewer's own stderr (here a script's io.stderr) while curses owns the
# terminal: into the console pane too, not onto the screen.
v=own-stderr
printf 'local n = 0\nfunction on_event(e)\n  n = n + 1\n  if n %% 50 == 0 then io.stderr:write("VIEWER-STDERR-" .. n .. "\\n") end\nend\n' \
    >"$out/stderr.lua"
start $v "$tv --script $out/stderr.lua tests/viewer/fault-sim.bin"
expect $v "the viewer's stderr in the console pane" '│ VIEWER-STDERR-150 +│'
boxed $v VIEWER-STDERR
keys $v q
expect $v "q quits" '^EXIT 0'
# The documented shell pipe: the simulator's stderr to a file.
v=sim-pipe
start $v "build/bin/baton-sim --trace all tests/qemu/fanin.manifest 2>$out/sim.err | $tv -"
expect $v "the simulator's run in the viewer" '\[end of the stream\]'
if [ -s "$out/sim.err" ] && ! grep -Fq "$(head -c 30 "$out/sim.err")" "$out/$v.screen"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL viewer/$v: the simulator's stderr ($out/sim.err) is on the screen or empty"
fi
keys $v q
# A pipe whose writer has its stderr on the terminal: the viewer cannot
# stop it scribbling, so it says so (and how to avoid it); Ctrl-L repairs.
v=ctrl-l
start $v "{ cat tests/viewer/fault-sim.bin; sleep 2; echo SCRIBBLE-SCRIBBLE >&2; sleep 600; } | $tv -"
expect $v "the viewer says the writer's stderr is the terminal's" "the writer's stderr is this terminal: use 2>FILE or baton-trace -- CMD"
expect $v "the scribble landed on the screen" 'SCRIBBLE-SCRIBBLE' 8
keys $v C-l
expect_not $v "Ctrl-L redraws the screen without it" 'SCRIBBLE-SCRIBBLE'
expect $v "the screen is whole again" '─ Tasks ─'
keys $v q
# Ctrl-L puts back the very screen: garbage written to the terminal (with
# newlines, so that it scrolls) is gone and every line is as before.
v=ctrl-l-tty
start $v "$tv tests/viewer/fault-sim.bin"
expect $v "every event read" ' events 152 '
sleep 1.2                                   # the rate on the status line settles to 0
screen $v; cp "$out/$v.screen" "$out/$v.before"
tty=$(tm display-message -p -t $v '#{pane_tty}')
printf '\033[5;10HGARBAGE-ON-THE-TTY\n\n\nGARBAGE-2\n\n\n\n' >"$tty"
expect $v "the garbage is on the screen" 'GARBAGE-2'
keys $v C-l
sleep 0.3
screen $v
if cmp -s "$out/$v.before" "$out/$v.screen"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL viewer/$v: Ctrl-L did not restore the screen:"
    diff "$out/$v.before" "$out/$v.screen" | sed 's/^/    /'
fi
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- laid out for 80x24 first (item 7) ----
v=small
tm new-session -d -s $v -x 80 -y 24 "TERM=tmux-256color $tv tests/viewer/demo-rv32.bin; echo EXIT \$?; sleep 600"
expect $v "the cursor and its time first on the status line" '^ baton-trace rv32  LIVE  #324 \+1\.998877s'
expect $v "every task, the last one too" '│ +7 seed_client +blocked '
expect $v "PRIO and PENDING" '│ +ID NAME +STATE +WAITING ON +PRIO PENDING'
keys $v / ; text $v '#62' ; keys $v Enter
expect $v "a pending notification and its sender" '│ +5 consumer .* 4 0x4 +producer'
expect $v "the queue's depth" '│ FROM +TO +DEPTH '
expect $v "a channel's whole name" '│ +1 chan_client>chan_server '
keys $v '?'
expect $v "the help's last line" 'a word matches an event name \(call\), a task name, or the details'
keys $v x ; keys $v q
expect $v "q quits" '^EXIT 0'

# Today's demo has nine tasks (the uart driver is the ninth): at 80x24 the
# overview shows every one of them, the last one too, and the latest events.
v=small9
make -s ARCH=rv32 trace-record TRACE_SECONDS=3 TRACE_OUT=$out/demo9.bin >"$out/demo9.log" 2>&1
tm new-session -d -s $v -x 80 -y 24 "TERM=tmux-256color $tv $out/demo9.bin; echo EXIT \$?; sleep 600"
expect $v "every task of nine, the last one too" '│ +8 uart +blocked '
expect $v "the latest events below them" '│ +[0-9]+ \+[0-9.]+s +[a-z_-]+ +[a-z-]+ '
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- no colours, no UTF-8: TERM=vt100 in the C locale; and --ascii ----
v=ascii
start $v "LC_ALL=C TERM=vt100 $tv tests/viewer/demo-rv32.bin"
expect $v "ASCII boxes" '^\+- Tasks -+\+\+- Async queues -'
expect $v "ASCII arrows" '\| +1 echo +blocked +recv <- any '
expect_not $v "no line drawing" '│|─'
keys $v q
expect $v "q quits" '^EXIT 0'
v=ascii2
start $v "$tv --ascii --mono tests/viewer/deadlock-rv32.bin"
expect $v "--ascii in a UTF-8 locale" '^\+- Timeline from '
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- a script's panel, and its verdict on quitting ----
v=script
start $v "$tv --script tracer/scripts/no_deadlock.lua tests/viewer/deadlock-rv32.bin"
keys $v 8
expect $v "the script's panel" 'deadlocks refused: 5'
expect $v "its failures" 'no_deadlock.lua: event #6: a.s operation refused'
keys $v q
expect $v "the verdict when the viewer quits" 'verdict: fail \(5 failures\)'
expect $v "and the exit status" '^EXIT 1'

# ---- the window view beside the screen, on SDL's dummy video driver ----
# Its keys (typed by BATON_WINDOW_KEYS once the file is read: two events
# back, save a PNG) move the cursor the two views share; W closes it.
# (The dummy driver, not offscreen: offscreen probes EGL libraries that
# leave allocations LeakSanitizer reports; the dummy one leaks nothing.)
v=window
rm -f "$out"/baton-window-*.png
start $v "cd $out && SDL_VIDEODRIVER=dummy BATON_WINDOW_KEYS=',,s' TERM=tmux-256color ../../$tv --with-window ../../tests/viewer/demo-rv32.bin"
expect $v "the window opened beside the screen" 'window opened: it shares the cursor'
expect $v "the window's keys moved the shared cursor" ' HISTORY .* #323 '
# The keys are taken one by one: let the window save its PNG before W
# closes it (up to 10 s), or the close can overtake the s.
n=0
while [ ! -f "$out/baton-window-1.png" ] && [ $n -lt 100 ]; do
    sleep 0.1
    n=$((n + 1))
done
keys $v W
expect $v "W closes it" 'window closed'
keys $v q
expect $v "q quits" '^EXIT 0'
if [ -f "$out/baton-window-1.png" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL viewer/$v: the window's s saved no PNG"
fi

# ---- the simulator under the viewer ----
v=sim
start $v "$tv -- build/bin/baton-sim --trace all tests/qemu/ipc_deadlock.manifest"
expect $v "the simulator's trace" '^ baton-trace sim ' 10
expect $v "its deadlock alert" 'DEADLOCK #.* refused: a -> b -> a'
expect $v "its console" '\[baton\] all tasks finished' 10
expect $v "times in cycles, said so (item 8)" 'Events.*\(times in cycles, c: no clock yet\)'
expect $v "the program's end" ' exited: build/bin/baton-sim '
keys $v q
expect $v "q quits" '^EXIT 0'

# ---- live: QEMU started by the viewer, keys typed into the guest ----
v=live
start $v "BATON_TIMEOUT=60 $tv -- sh scripts/qemu.sh rv32 build/rv32/img/demo.elf -append trace=all"
expect $v "the demo boots in the viewer" '│ \[7\] received a async message! ' 20
expect $v "QEMU runs" ' running: sh scripts/qemu.sh rv32 '
expect $v "live task states" '│ +7 seed_client +blocked +recv ← any ' 10
expect $v "a live queue" '│ producer +consumer +[0-9]+ +16 +[0-9]+ ' 10
# A living demo: after 5 s the live timeline follows the last 5 s (item 1).
keys $v 3
expect $v "the live timeline follows the last 5 s" 'Timeline from .*\(live: the last 5 s; z: all\)' 30
keys $v 1
expect_not $v "no snapshots in the live event list" ' snapshot +[a-z_]+ (running|ready|blocked)'
keys $v i ; text $v hello ; keys $v Enter ; keys $v C-]
expect $v "typed keys reach the guest" 'echo: you typed "hello"' 10
# The list moves on quickly in a living demo: the driver's events, filtered.
keys $v '\' ; text $v 'uart notify-deliver' ; keys $v Enter
expect $v "the UART driver's interrupt, traced" 'uart +notify-deliver +from kernel bits 0x2'
keys $v '\' ; keys $v Enter
keys $v '\' ; text $v 'uart reply' ; keys $v Enter
expect $v "the driver answers echo's read" 'uart +reply +-> echo'
keys $v '\' ; keys $v Enter
keys $v g
expect $v "time travel on a live run" ' HISTORY .* #1 '
expect $v "the state at the first event" '│ +1 echo +ready '
keys $v f
expect $v "back to live" ' LIVE '
keys $v q
expect $v "q stops QEMU and quits" '^EXIT 0' 10

# ---- attached to QEMU's serial socket, late, tracing off: T turns it on ----
v=socket
port=$(sh scripts/freeport.sh)
# QEMU under timeout directly (timeout passes our kill on to QEMU).
timeout 30 qemu-system-riscv32 -machine virt -bios none -m 128M -display none \
    -monitor none -kernel build/rv32/img/demo.elf -serial "tcp::$port,server=on,wait=off" \
    </dev/null >"$out/socket-qemu.log" 2>&1 &
qemu=$!
sleep 2
start $v "$tv --connect localhost:$port"
expect $v "attached, nothing traced yet" " events 0 .*localhost:$port"
keys $v T
# The living demo's events scroll the list on: the host's, filtered.
expect $v "events flow" ' events [1-9]' 10
keys $v '\' ; text $v mask ; keys $v Enter
expect $v "the host command switched tracing on" '│ +1 +[+.0-9a-z]+ +host +mask +0x1ff' 10
keys $v '\' ; keys $v Enter
expect $v "names learnt from the metadata" '│ +7 seed_client +blocked +recv ← any ' 10
keys $v q
expect $v "q quits" '^EXIT 0'
kill "$qemu" 2>/dev/null
wait "$qemu" 2>/dev/null

echo "viewer: screens in $out/*.screen"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
