# baton.gdb - Baton's IPC commands for GDB, in GDB's own command language
# (no Python). scripts/gdb.sh loads this file, then baton-ARCH.gdb (the
# arch's half: saved registers, page-table walk, syscall entry, kernel view)
# and a generated file naming each task's program (break-user, queue).
# `help baton` lists the commands.
#
# These are white-box tools: they read the kernel's structures directly.
# Each concept is read in one helper below (baton-state, baton-waits-for,
# baton-handle, ...), so that a renamed field touches one place.
# Convenience variables starting $baton_ are the helpers' scratch space.
set pagination off
set confirm off
set print pretty on
# Memory is read afresh at every command: on rv32 the same address can mean
# the kernel's view or a user program's (baton-view).
set stack-cache off
set code-cache off
# Sizes of the kernel's tables, from its own symbols.
set $baton_task_max = sizeof(task_table) / sizeof(task_table[0])
set $baton_ports = sizeof(channels) / sizeof(channels[0])
set $baton_handles = sizeof(task_table[0].handles) / sizeof(task_table[0].handles[0])

define baton
  help baton
end
document baton
Baton's IPC commands (scripts/baton.gdb, docs/gdb.md):
  tasks                    every task: id, name, priority, state, notifications
  task N                   everything about task N: wait, IPC buffer, queue, registers
  waits                    the wait-for graph, one edge per blocked task; cycles named
  chans                    every channel port in use: holders, handles, who waits
  pending                  notifications pending per task, timers armed, IRQs held
  queue TASK               the async queues of TASK (in its own memory)
  break-user TASK FUNC     break at FUNC of TASK's program, in that task only
  step-syscall             from user mode, run into this task's next syscall entry
  next-ipc                 run to the next IPC step (rendezvous, block, delivery)
  baton-view user|kernel   rv32 in user mode: read the program's memory or the kernel's
  sysno, sysargs           in trap_syscall: the syscall number and its arguments
TASK is a task id or its name (unquoted: task client). Every command reads the
kernel's state whatever mode the CPU is stopped in. Type `help COMMAND`.
end

# ---- helpers: one place per concept -----------------------------------------

# baton-id TASK: $baton_id = the id of TASK, a number or a task's name
# (unquoted); -1 if no live task has that name.
define baton-id
  set $baton_s = "$arg0"
  set $baton_len = sizeof($baton_s) - 1
  set $baton_id = -1
  if $baton_s[0] >= '0' && $baton_s[0] <= '9'
    set $baton_id = 0
    set $baton_k = 0
    while $baton_k < $baton_len
      set $baton_id = $baton_id * 10 + ($baton_s[$baton_k] - '0')
      set $baton_k = $baton_k + 1
    end
  else
    set $baton_i = 1
    while $baton_i < $baton_task_max
      if task_table[$baton_i].state != TASK_UNUSED && $baton_len < sizeof(task_table[0].name) && task_table[$baton_i].name[$baton_len] == 0
        set $baton_same = 1
        set $baton_k = 0
        while $baton_k < $baton_len
          if task_table[$baton_i].name[$baton_k] != $baton_s[$baton_k]
            set $baton_same = 0
          end
          set $baton_k = $baton_k + 1
        end
        if $baton_same
          set $baton_id = $baton_i
        end
      end
      set $baton_i = $baton_i + 1
    end
  end
end
document baton-id
baton-id TASK: set $baton_id to the id of TASK (a number, or a name unquoted).
end
# baton-name ID: print task ID's name ("kernel" for 0) with no newline.
define baton-name
  if $arg0 == 0
    printf "kernel"
  else
    # An id is its slot (the low byte) plus a generation (docs/tasks.md).
    set $baton_slot = $arg0 & 255
    if $arg0 > 0 && $baton_slot < $baton_task_max && task_table[$baton_slot].id == $arg0 && task_table[$baton_slot].state != TASK_UNUSED && task_table[$baton_slot].state != TASK_DEAD
      printf "%s", task_table[$baton_slot].name
    else
      printf "task %d (gone)", $arg0
    end
  end
end
document baton-name
baton-name ID: print the name of task ID (kernel for 0), without a newline.
end

# baton-port T: $baton_port = the port of the channel task T is blocked on,
# or -1 (the index of .chan_blocked in channel.c's channels[]).
define baton-port
  if task_table[$arg0].chan_blocked
    set $baton_port = task_table[$arg0].chan_blocked - channels
  else
    set $baton_port = -1
  end
end
document baton-port
baton-port ID: set $baton_port to the port task ID is blocked on, or -1.
end

# baton-waits-for ID: the edge of the wait-for graph that leaves task ID:
# $baton_wf = the task it waits for (-1: none, 0 with $baton_wk == BLOCK_RECV:
# any task), $baton_wk = its block kind. The only reader of .block, .ipc.peer
# and the channel ends.
define baton-waits-for
  set $baton_wf = -1
  set $baton_wk = BLOCK_NONE
  if task_table[$arg0].state == TASK_BLOCKED
    set $baton_wk = task_table[$arg0].block
    if $baton_wk >= BLOCK_SEND && $baton_wk <= BLOCK_REPLY
      set $baton_wf = task_table[$arg0].ipc.peer
    end
    if $baton_wk == BLOCK_CHANNEL && task_table[$arg0].chan_blocked
      set $baton_ch = task_table[$arg0].chan_blocked
      if $baton_ch->end[0] == &task_table[$arg0]
        set $baton_other = $baton_ch->end[1]
      else
        set $baton_other = $baton_ch->end[0]
      end
      if $baton_other
        set $baton_wf = $baton_other->id
      end
    end
  end
end
document baton-waits-for
baton-waits-for ID: set $baton_wf (the task ID waits for, -1 none) and $baton_wk.
end

# baton-wait-words ID KIND: print, without a newline, the wait of kind KIND
# (enum task_block) that task ID is in, with what it waits for.
define baton-wait-words
  set $baton_ww = $arg1
  set $baton_peer = task_table[$arg0].ipc.peer
  if $baton_ww == BLOCK_SLEEP
    printf "sleeping until tick %llu", task_table[$arg0].wake_tick
  end
  if $baton_ww == BLOCK_CONSOLE
    printf "console input"
  end
  if $baton_ww == BLOCK_SEND
    printf "blocked sending to "
    baton-name $baton_peer
  end
  if $baton_ww == BLOCK_CALL
    printf "blocked calling "
    baton-name $baton_peer
  end
  if $baton_ww == BLOCK_RECV
    printf "receiving from "
    if $baton_peer == 0
      printf "any"
    else
      baton-name $baton_peer
    end
  end
  if $baton_ww == BLOCK_REPLY
    printf "awaiting reply from "
    baton-name $baton_peer
  end
  if $baton_ww == BLOCK_CHANNEL
    baton-port $arg0
    if $baton_port >= 0
      printf "in a channel on port %d", $baton_port
    else
      printf "in a channel (its wake under way)"
    end
  end
  if $baton_ww == BLOCK_NONE
    printf "blocked (no reason: BLOCK_NONE)"
  end
end
document baton-wait-words
baton-wait-words ID KIND: print the wait KIND (enum task_block) of task ID in words.
end

# baton-state ID: print task ID's state as words, without a newline.
define baton-state
  set $baton_t = &task_table[$arg0]
  if $baton_t->state == TASK_UNUSED
    printf "dead"
  end
  if $baton_t->state == TASK_DEAD
    printf "dead, its death not yet read by task %d", $baton_t->supervisor
  end
  if $baton_t == task_current && $baton_t->state == TASK_RUNNING
    printf "running"
  end
  if $baton_t != task_current && $baton_t->state == TASK_RUNNING
    printf "running (switching)"
  end
  if $baton_t->state == TASK_READY
    printf "ready"
  end
  if $baton_t->state == TASK_BLOCKED
    baton-wait-words $arg0 $baton_t->block
  end
end
document baton-state
baton-state ID: print what task ID is doing, as words, without a newline.
end

# baton-shared-port A B: $baton_port = a port whose two ends A and B hold,
# or -1 (a channel wake: the kernel has already cleared .chan_blocked).
define baton-shared-port
  set $baton_port = -1
  set $baton_p = 0
  while $baton_p < $baton_ports
    if (channels[$baton_p].end[0] == &task_table[$arg0] && channels[$baton_p].end[1] == &task_table[$arg1]) || (channels[$baton_p].end[1] == &task_table[$arg0] && channels[$baton_p].end[0] == &task_table[$arg1])
      if $baton_port < 0
        set $baton_port = $baton_p
      end
    end
    set $baton_p = $baton_p + 1
  end
end
document baton-shared-port
baton-shared-port A B: set $baton_port to a port whose two ends tasks A and B hold, or -1.
end

# baton-bits BITS: print notification bits by name, without a newline.
define baton-bits
  set $baton_b = (unsigned) $arg0
  printf "%#x", $baton_b
  if $baton_b & 1
    printf " timer"
  end
  if $baton_b & 2
    printf " irq"
  end
  if $baton_b & 4
    printf " async"
  end
  if $baton_b & 8
    printf " signal"
  end
  if $baton_b & 0xfffffff0
    printf " user"
  end
end
document baton-bits
baton-bits BITS: print notification bits with their names (timer irq async signal user).
end

# baton-notes ID: print task ID's pending notifications (bits from whom).
define baton-notes
  set $baton_s = task_table[$arg0].notify_senders
  if $baton_s == 0
    printf "-"
  end
  set $baton_j = 0
  while $baton_j < $baton_task_max
    if $baton_s & (1u << $baton_j)
      baton-bits task_table[$arg0].notify_from[$baton_j]
      printf " from "
      baton-name task_table[$baton_j].id
      if $baton_s >> ($baton_j + 1)
        printf ", "
      end
    end
    set $baton_j = $baton_j + 1
  end
end
document baton-notes
baton-notes ID: print task ID's pending notification bits and their senders.
end

# baton-handle ID PORT DIR: $baton_h = task ID's handle for that end, or 0.
define baton-handle
  set $baton_h = 0
  set $baton_k = 0
  while $baton_k < $baton_handles
    if task_table[$arg0].handles[$baton_k] == &channels[$arg1] && task_table[$arg0].handle_dir[$baton_k] == $arg2
      set $baton_h = $baton_k + 1
    end
    set $baton_k = $baton_k + 1
  end
end
document baton-handle
baton-handle ID PORT DIR: set $baton_h to task ID's handle for that channel end (0: none).
end

# ---- the commands -----------------------------------------------------------

define tasks
  baton-kernel-begin
  printf " id  name             prio  state  [pending notifications]\n"
  set $baton_n = 0
  while $baton_n < $baton_task_max
    # A freed slot keeps its name until a new task takes it: a dead task.
    if task_table[$baton_n].state == TASK_UNUSED && task_table[$baton_n].name[0] != 0
      printf "%3d  %-16s %4d  dead\n", task_table[$baton_n].id, task_table[$baton_n].name, task_table[$baton_n].priority
    end
    if task_table[$baton_n].state != TASK_UNUSED
      printf "%3d  %-16s %4d  ", task_table[$baton_n].id, task_table[$baton_n].name, task_table[$baton_n].priority
      baton-state $baton_n
      if task_table[$baton_n].notify_senders
        printf "  [notified: "
        baton-notes $baton_n
        printf "]"
      end
      printf "\n"
    end
    set $baton_n = $baton_n + 1
  end
  baton-kernel-end
end
document tasks
tasks: one line per live task, like ps: id, name, priority, and its state
in words: running, ready, blocked sending to X, blocked calling X (its
request not taken yet), receiving from X or any, awaiting reply from X,
in a channel on port P, sleeping until tick T, console input. Id 0 is the
idle task. Pending notifications follow in brackets: bits and from whom.
A task that has exited or faulted shows as dead until a new task takes
its slot.
end

define waits
  baton-kernel-begin
  set $baton_edges = 0
  set $baton_n = 1
  while $baton_n < $baton_task_max
    baton-waits-for $baton_n
    if $baton_wf >= 0
      baton-name $baton_n
      if $baton_wk == BLOCK_RECV && $baton_wf == 0
        printf " -> any (recv)\n"
      else
        printf " -> "
        baton-name $baton_wf
        if $baton_wk == BLOCK_SEND
          printf " (send)\n"
        end
        if $baton_wk == BLOCK_CALL
          printf " (call)\n"
        end
        if $baton_wk == BLOCK_RECV
          printf " (recv)\n"
        end
        if $baton_wk == BLOCK_REPLY
          printf " (reply)\n"
        end
        if $baton_wk == BLOCK_CHANNEL
          baton-port $baton_n
          printf " (channel port %d)\n", $baton_port
        end
      end
      set $baton_edges = $baton_edges + 1
    end
    if $baton_wf < 0 && $baton_wk == BLOCK_CHANNEL
      baton-name $baton_n
      baton-port $baton_n
      printf " -> nobody yet (channel port %d)\n", $baton_port
      set $baton_edges = $baton_edges + 1
    end
    set $baton_n = $baton_n + 1
  end
  if $baton_edges == 0
    printf "no task waits on another\n"
  end
  # A cycle: follow the edges from each task; report it from its lowest id.
  set $baton_cycles = 0
  set $baton_start = 1
  while $baton_start < $baton_task_max
    set $baton_cur = $baton_start
    set $baton_steps = 0
    set $baton_low = 1
    set $baton_found = 0
    while $baton_steps < $baton_task_max && $baton_found == 0 && $baton_cur > 0
      baton-waits-for $baton_cur
      set $baton_cur = $baton_wf
      if $baton_cur > 0 && $baton_cur < $baton_start
        set $baton_low = 0
      end
      if $baton_cur == $baton_start
        set $baton_found = 1
      end
      set $baton_steps = $baton_steps + 1
    end
    if $baton_found && $baton_low
      printf "cycle: "
      baton-name $baton_start
      set $baton_cur = $baton_start
      set $baton_found = 0
      while $baton_found == 0
        baton-waits-for $baton_cur
        set $baton_cur = $baton_wf
        printf " -> "
        baton-name $baton_cur
        if $baton_cur == $baton_start
          set $baton_found = 1
        end
      end
      printf " (deadlock)\n"
      set $baton_cycles = $baton_cycles + 1
    end
    set $baton_start = $baton_start + 1
  end
  if $baton_cycles == 0
    printf "no cycle\n"
  end
  baton-kernel-end
end
document waits
waits: the wait-for graph. One edge per blocked task that waits for a
particular task: `client -> server (call)` (request queued), `(send)`,
`(recv)` (receiving from that task), `(reply)` (awaiting its reply),
`(channel port P)` (the other end's holder). An open receive prints
`-> any (recv)`. Then every cycle, named `cycle: a -> b -> a (deadlock)`,
or `no cycle`. The kernel refuses the operation that would close a cycle
(ERR_DEADLOCK), so a cycle here means a broken kernel.
end

define chans
  baton-kernel-begin
  set $baton_used = 0
  set $baton_p = 0
  while $baton_p < $baton_ports
    set $baton_c = &channels[$baton_p]
    if $baton_c->end[0] || $baton_c->end[1]
      set $baton_used = $baton_used + 1
      printf "port %d: send end ", $baton_p
      if $baton_c->end[0]
        baton-name $baton_c->end[0]->id
        baton-handle $baton_c->end[0]->id $baton_p 0
        printf " (handle %d)", $baton_h
      else
        printf "-"
      end
      printf ", receive end "
      if $baton_c->end[1]
        baton-name $baton_c->end[1]->id
        baton-handle $baton_c->end[1]->id $baton_p 1
        printf " (handle %d)", $baton_h
      else
        printf "-"
      end
      printf "; waiting: "
      if $baton_c->waiting
        baton-name $baton_c->waiting->id
        if $baton_c->waiting == $baton_c->end[0]
          printf " (sending %u bytes)", $baton_c->size
        else
          printf " (receiving, buffer %u bytes)", $baton_c->rcv_bufsize
        end
      else
        printf "nobody"
      end
      printf "; last transfer: "
      # last_xfer: the size, with the top bit set once a transfer happened
      set $baton_xsize = $baton_c->last_xfer & 0x7fffffff
      if ($baton_c->last_xfer & 0x80000000) == 0
        printf "none\n"
      else
        if $baton_xsize > $baton_fast_max
          printf "%u bytes, shared\n", $baton_xsize
        else
          printf "%u bytes, fast\n", $baton_xsize
        end
      end
    end
    set $baton_p = $baton_p + 1
  end
  if $baton_used == 0
    printf "no channel end is open\n"
  end
  baton-kernel-end
end
document chans
chans: every port with an open end: the holder and its handle number for
each end (handles are per task), who is blocked on it (a sender with its
size, or a receiver with its buffer size), and the last transfer's size
and mode: fast (up to CHANNEL_FAST_MAX bytes, in registers) or shared
(through the channel's shared page).
end

define pending
  baton-kernel-begin
  printf "notifications:\n"
  set $baton_any = 0
  set $baton_n = 1
  while $baton_n < $baton_task_max
    if task_table[$baton_n].state != TASK_UNUSED && task_table[$baton_n].notify_senders
      printf "  "
      baton-name $baton_n
      printf ": "
      baton-notes $baton_n
      printf "\n"
      set $baton_any = 1
    end
    set $baton_n = $baton_n + 1
  end
  if $baton_any == 0
    printf "  none pending\n"
  end
  printf "timers (now tick %llu):\n", sched_ticks
  set $baton_any = 0
  set $baton_n = 1
  while $baton_n < $baton_task_max
    if task_table[$baton_n].state != TASK_UNUSED && task_table[$baton_n].timer_tick
      printf "  "
      baton-name $baton_n
      printf ": fires at tick %llu\n", task_table[$baton_n].timer_tick
      set $baton_any = 1
    end
    set $baton_n = $baton_n + 1
  end
  if $baton_any == 0
    printf "  none armed\n"
  end
  printf "irqs:\n"
  set $baton_any = 0
  set $baton_n = 0
  while $baton_n < sizeof(irq_holder) / sizeof(irq_holder[0])
    if irq_holder[$baton_n]
      printf "  irq %d", $baton_n
      if $baton_n == 0
        printf " (uart)"
      end
      printf ": acquired by "
      baton-name irq_holder[$baton_n]->id
      if irq_masked[$baton_n]
        printf ", masked until its irq_ack"
      end
      printf "\n"
      set $baton_any = 1
    end
    set $baton_n = $baton_n + 1
  end
  if $baton_any == 0
    printf "  none acquired\n"
  end
  baton-kernel-end
end
document pending
pending: the notifications pending per task, as bits with their names and
who sent each (the kernel sends timer and irq bits); the one-shot timers
armed (timer_set) with the tick they fire at; the interrupt lines acquired
(irq_acquire), by whom, and whether the kernel masked one for its holder
(which unmasks it with irq_ack).
end

define task
  baton-kernel-begin
  baton-id $arg0
  if $baton_id < 0 || $baton_id >= $baton_task_max
    echo task: no task $arg0\n
  else
    set $baton_n = $baton_id
    set $baton_t = &task_table[$baton_n]
    printf "task %d: %s, priority %d\n", $baton_n, $baton_t->name, $baton_t->priority
    printf "  state: "
    baton-state $baton_n
    printf "\n"
    printf "  state fields: "
    output $baton_t->state
    printf ", block "
    output $baton_t->block
    printf ", wake_result %d\n", $baton_t->wake_result
    baton-waits-for $baton_n
    if $baton_wk >= BLOCK_SEND && $baton_wk <= BLOCK_REPLY
      printf "  ipc peer: "
      if $baton_t->ipc.peer == 0
        printf "any"
      else
        baton-name $baton_t->ipc.peer
      end
      printf " (%d), buffer %p\n", $baton_t->ipc.peer, $baton_t->ipc.buf
      if $baton_wk == BLOCK_SEND || $baton_wk == BLOCK_CALL
        printf "  message (copied in): type %d, words %#x %#x %#x %#x\n", $baton_t->ipc.msg.type, $baton_t->ipc.msg.words[0], $baton_t->ipc.msg.words[1], $baton_t->ipc.msg.words[2], $baton_t->ipc.msg.words[3]
      end
    end
    printf "  senders queued on it:"
    set $baton_q = $baton_t->ipc.senders.head
    if $baton_q == 0
      printf " none"
    end
    while $baton_q
      printf " "
      baton-name $baton_q->id
      if $baton_q->block == BLOCK_CALL
        printf " (call)"
      else
        printf " (send)"
      end
      set $baton_q = $baton_q->sendq_link.next
    end
    printf "\n"
    printf "  notifications: "
    baton-notes $baton_n
    printf "\n  channel handles:"
    set $baton_k = 0
    while $baton_k < $baton_handles
      if $baton_t->handles[$baton_k]
        printf " %d=port %d ", $baton_k + 1, $baton_t->handles[$baton_k] - channels
        if $baton_t->handle_dir[$baton_k] == 0
          printf "send"
        else
          printf "receive"
        end
      end
      set $baton_k = $baton_k + 1
    end
    printf "\n"
    if $baton_n != 0
      baton-user-mode
      if $baton_t == task_current && $baton_um
        printf "  user registers: live in the CPU (stopped in this task's user mode): info registers\n"
      else
        printf "  saved user registers (struct arch_frame):\n"
        baton-frame $baton_n
        with print pretty off -- print/x *$baton_f
      end
    end
  end
  baton-kernel-end
end
document task
task N: everything about one task (N an id or a name): its
state in words and as the kernel's enums, the IPC peer and buffer of its
wait (and the message a blocked sender holds), the senders queued on it
in FIFO order, pending notifications, channel handles, and its saved user
registers (struct arch_frame; the live registers if it is the task the CPU
is stopped in, in user mode).
end

# queue TASK: its async library's queues, read in its own address space.
define queue
  baton-kernel-begin
  baton-id $arg0
  if $baton_id <= 0 || $baton_id >= $baton_task_max || task_table[$baton_id].state == TASK_UNUSED
    echo queue: no task $arg0\n
  else
    set $baton_qt = $baton_id
    eval "baton-prog-info-%d", task_table[$baton_qt].grants - manifest_tasks
    if $baton_queues == 0
      printf "queue: "
      baton-name $baton_qt
      printf "'s program does not use the async library\n"
    else
      printf "async queues of "
      baton-name $baton_qt
      printf " (its queues[] at %#x in its own address space):\n", $baton_queues
      set $baton_any = 0
      set $baton_d = 1
      while $baton_d < $baton_task_max
        set $baton_qa = $baton_queues + $baton_d * $baton_qsize
        set $baton_ua = $baton_qa + $baton_qmax * sizeof(struct message)
        baton-uaddr $baton_qt $baton_ua
        if $baton_pa == 0
          printf "  (queue to task %d not mapped)\n", $baton_d
        else
          set $baton_head = *(int *)$baton_pa
          set $baton_count = *(int *)($baton_pa + 4)
          if $baton_count
            printf "  to "
            baton-name $baton_d
            printf ": %d queued (head %d), types", $baton_count, $baton_head
            set $baton_k = 0
            while $baton_k < $baton_count
              set $baton_m = ($baton_head + $baton_k) % $baton_qmax
              set $baton_ua = $baton_qa + $baton_m * sizeof(struct message)
              baton-uaddr $baton_qt $baton_ua
              printf " %d", *(int *)$baton_pa
              set $baton_k = $baton_k + 1
            end
            printf "\n"
            set $baton_any = 1
          end
        end
        set $baton_d = $baton_d + 1
      end
      if $baton_any == 0
        printf "  all empty\n"
      end
    end
  end
  baton-kernel-end
end
document queue
queue TASK: the async queues of TASK (an id or a name): for each
destination, how many messages wait (head index, message types oldest
first). They live in the task's user memory (the async library's static
queues[], user/lib/async.c), not in the kernel: the command finds that
array's address in the task's program (the file gdb.sh generates, from
the program's symbols) and walks the task's own page table (struct
arch_vm) to read it at its physical address, so it works whichever task
the CPU is stopped in.
end

# ---- breakpoints in user code --------------------------------------------

define break-user
  baton-kernel-begin
  # Before the boot has created the tasks: run to sched_start, which
  # kernel_main calls once every manifest task exists.
  if task_table[1].state == TASK_UNUSED && task_current == 0
    echo break-user: the tasks do not exist yet; running to sched_start first\n
    tbreak sched_start
    baton-resume
    continue
  end
  baton-id $arg0
  if $baton_id <= 0 || $baton_id >= $baton_task_max || task_table[$baton_id].state == TASK_UNUSED
    echo break-user: no task $arg0\n
  else
    set $baton_bt = $baton_id
    eval "baton-prog-load-%d", task_table[$baton_bt].grants - manifest_tasks
    baton-as-of $baton_bt
    eval "break $arg1 if (unsigned) %s == %#x && $pc >= 0x40000000 && $pc < 0x50000000", $baton_as_reg, (unsigned) $baton_as
    printf "break-user: stops at $arg1 only in task %d (", $baton_bt
    baton-name $baton_bt
    printf "), whose address space is %s == %#x\n", $baton_as_reg, $baton_as
  end
  baton-kernel-end
end
document break-user
break-user TASK FUNCTION: a breakpoint at FUNCTION of the program TASK
runs (TASK an id or a name), that stops only when TASK runs it.
Every program is linked at the same address, so a plain breakpoint stops
in whichever task gets there first. break-user loads the program's
symbols (in place of any other program's) and conditions the breakpoint
on the address-space register (satp on rv32, cr3 on i386), which names
the task without reading kernel memory.
end

define next-ipc
  baton-kernel-begin
  # (notify_take's condition names task_current, not its argument t:
  # the copy inlined in notify_post has t optimized out on i386. The
  # receive that calls it is the current task's; notify_post's delivery is
  # reported at its sched_wake.)
  # Every IPC step reaches the scheduler: a task blocks (sched_block), a
  # blocked task is woken (sched_wake) or its wait changes (sched_rewait: a
  # call's request taken). Notifications taken without a wake go through
  # notify_take (an open receive) or notify_rcv.
  # $pc says which it was: near the start of the function (an inlined copy
  # elsewhere is not reported here; its wake is).
  pipe break sched_block if why >= BLOCK_SEND | cat >/dev/null
  set $baton_b1 = $bpnum
  pipe break sched_wake if t->block >= BLOCK_SEND | cat >/dev/null
  pipe break sched_rewait | cat >/dev/null
  pipe break notify_take if task_current->notify_senders != 0 | cat >/dev/null
  pipe break notify_rcv if me->notify_from[from] != 0 | cat >/dev/null
  set $baton_b5 = $bpnum
  baton-kernel-end
  baton-resume
  continue
  baton-kernel-begin
  # Which breakpoint: the one of the five functions that starts nearest
  # below $pc (a stop at an inlined copy counts as its function's).
  set $baton_hit = -1
  set $baton_best = 1024
  baton-near sched_block 0
  baton-near sched_wake 1
  baton-near sched_rewait 2
  baton-near notify_take 3
  baton-near notify_rcv 4
  eval "delete %d-%d", $baton_b1, $baton_b5
  printf "next-ipc: "
  if $baton_hit == $baton_b1
    baton-name task_current->id
    printf " blocks: "
    baton-wait-words task_current->id why
    printf "\n"
  end
  if $baton_hit == $baton_b1 + 1
    set $baton_wt = t->id
    set $baton_cur = task_current->id
    if t->block == BLOCK_CHANNEL
      baton-shared-port $baton_cur $baton_wt
      if result >= 0
        printf "rendezvous on port %d: ", $baton_port
      else
        printf "channel port %d closed (error %d): ", $baton_port, result
      end
      baton-name $baton_cur
      printf " wakes "
      baton-name $baton_wt
      printf ", which was in the channel\n"
    else
      if result < 0
        printf "wake with error %d: ", result
        baton-name $baton_wt
        printf " was "
        baton-state $baton_wt
        printf "\n"
      else
        if t->block == BLOCK_SEND || t->block == BLOCK_CALL
          printf "rendezvous: "
          baton-name $baton_cur
          printf " takes the message of "
          baton-name $baton_wt
          printf " (it was "
          baton-state $baton_wt
          printf ")\n"
        else
          if t->ipc.buf->type == 1 && t->ipc.buf->src == 0
            printf "notification delivered to "
            baton-name $baton_wt
            printf " in its open receive: "
            baton-bits t->ipc.buf->notifications.data
            printf " (senders mask %#x)\n", t->ipc.buf->notifications.senders
          else
            if t->block == BLOCK_REPLY
              printf "rendezvous: "
              baton-name $baton_cur
              printf " replies to "
              baton-name $baton_wt
              printf " (type %d)\n", t->ipc.buf->type
            else
              printf "rendezvous: "
              baton-name $baton_cur
              printf " -> "
              baton-name $baton_wt
              printf ", message type %d delivered (it was ", t->ipc.buf->type
              baton-state $baton_wt
              printf ")\n"
            end
          end
        end
      end
    end
  end
  if $baton_hit == $baton_b1 + 2
    printf "rendezvous: "
    baton-name task_current->id
    printf " takes the call of "
    baton-name t->id
    printf ", which now awaits its reply\n"
  end
  if $baton_hit == $baton_b1 + 3
    printf "notification delivered to "
    baton-name task_current->id
    printf " in its receive: "
    baton-notes task_current->id
    printf "\n"
  end
  if $baton_hit == $baton_b1 + 4
    printf "notification taken by "
    baton-name me->id
    printf " (notification_rcv): "
    baton-bits me->notify_from[from]
    printf " from "
    baton-name from
    printf "\n"
  end
  if $baton_hit < 0
    printf "stopped elsewhere (another breakpoint, or the end), not at an IPC step\n"
  end
  baton-kernel-end
end
document next-ipc
next-ipc: continue to the next IPC step and say what it was: a task
blocks (sending, calling, receiving, in a channel), a rendezvous (a
receiver takes a queued message or call, a message or reply delivered to
a waiting task, a channel transfer), a wake with an error (ERR_CLOSED,
ERR_ABORTED), or a notification delivered. It stops in the scheduler or
notify.c at the moment of the step: `bt` shows how the kernel got there,
`tasks` and `waits` the state just before the step's change.
end

# baton-near FUNCTION K: if $pc is in FUNCTION's first bytes, and nearer
# its start than the best so far, $baton_hit = next-ipc's breakpoint K.
define baton-near
  set $baton_d = (unsigned) $pc - (unsigned) $arg0
  if $baton_d < $baton_best
    set $baton_best = $baton_d
    set $baton_hit = $baton_b1 + $arg1
  end
end
document baton-near
Helper of next-ipc: baton-near FUNCTION K, which breakpoint $pc is at.
end
