# input.sh - typing a test's input into a running QEMU, sourced by
# tests/qemu/run.sh and tests/trace/run.sh. The caller has started QEMU
# (its pid in $qpid, its console output going to $out) with fd 3 open on
# the fifo QEMU reads.

# wait_for TEXT: until the output shows TEXT (or QEMU is gone).
wait_for() {
    while kill -0 "$qpid" 2>/dev/null && ! grep -qF -- "$1" "$out" 2>/dev/null; do
        sleep 0.1
    done
}

# type_input FILE: type FILE, minus its # lines, once the output shows
# "ready for input": sooner, the bytes would arrive before the task that
# waits for them. A line "#@ TEXT" waits until the output shows TEXT
# before the lines after it are typed: input in phases.
type_input() {
    wait_for 'ready for input'
    if ! grep -q '^#@ ' "$1"; then
        grep -v '^#' "$1" >&3 2>/dev/null
        return
    fi
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
        "#@ "*) wait_for "${line#"#@ "}" ;;
        "#"*) ;;
        *) kill -0 "$qpid" 2>/dev/null || return   # no reader: SIGPIPE
           printf '%s\n' "$line" >&3 ;;
        esac
    done <"$1"
}
