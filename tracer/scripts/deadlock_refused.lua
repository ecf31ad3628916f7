-- deadlock_refused.lua - a grader: every deadlock refused is a real cycle,
-- the refused operation does nothing, and no cycle of waiting tasks forms.
--
-- The IPC model: a blocking send, call or channel operation that would
-- close a cycle of tasks waiting on each other, of any length, fails at
-- once with ERR_DEADLOCK, transfers nothing, and is traced with the cycle
-- (deadlock: S -> T1 -> ... -> Tn -> S). The wait-for graph, from the
-- trace's task states: a task blocked sending or calling T, awaiting T's
-- reply, or receiving from T in particular waits for T (receiving from any
-- task waits for nobody); a task blocked on a channel end waits for the
-- holder of the other end. The check fails when
--   - a deadlock event's cycle is not in the graph at that moment: T1
--     waits for T2, ..., Tn for S, with S itself running (not blocked) and
--     no task twice (S alone: it would wait for itself, as on a channel
--     whose both ends it holds);
--   - the refused task does anything before its error comes back (sends,
--     blocks, transfers on a channel...), or gets another error than
--     ERR_DEADLOCK;
--   - a task blocks and so closes a cycle that was not refused, or the
--     trace ends with such a cycle (each cycle reported once).
--
-- Needs the categories task, ipc, chan and err (trace=all does). After
-- lost events the task states are unsure: it checks nothing until the next
-- metadata set (the kernel's own states) and counts what it skipped.
--
--   baton-trace --batch --script tracer/scripts/deadlock_refused.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local unsure = false    -- after lost events, until a metadata set
local refused = {}      -- task id -> the deadlock event refusing it, until its error
local reported = {}     -- cycles already reported

local function name(id) return baton.name(id) end

-- Whom task t (a baton.task table) waits for, as an id, or nil.
local function waits_for(t)
    if not t or t.state ~= "blocked" then return nil end
    if t.wait == "send" or t.wait == "call" or t.wait == "reply" then
        return t.peer_id
    elseif t.wait == "recv" then
        return t.peer ~= "any" and t.peer_id or nil
    elseif t.wait == "channel" and t.port then
        local c = baton.channel(t.port)
        local other
        if c and c.sender == t.name then other = c.receiver elseif c then other = c.sender end
        local o = other and baton.task(other)
        return o and o.id
    end
end

-- The cycle through task id, as a list of ids from it, or nil.
local function cycle_from(id)
    local path, seen, at = {}, {}, id
    while at and not seen[at] do
        seen[at] = true
        path[#path + 1] = at
        at = waits_for(baton.task(at))
    end
    if at == id then return path end
end

local function text(ids)
    local names = {}
    for _, id in ipairs(ids) do names[#names + 1] = name(id) end
    return table.concat(names, " -> ") .. " -> " .. names[1]
end

local function report_cycle(ids, how)
    local sorted = { table.unpack(ids) }
    table.sort(sorted)
    local k = table.concat(sorted, ",")
    if reported[k] then return end
    reported[k] = true
    baton.fail(how .. ": " .. text(ids) .. ", never refused")
end

baton.on("deadlock", function(ev)
    baton.count("deadlocks refused")
    local ids = ev.cycle_ids
    refused[ids[1]] = ev
    if unsure then
        baton.count("refusals not judged (events lost)")
        return
    end
    local bad = {}
    local me = baton.task(ids[1])
    if me and me.state == "blocked" then
        bad[#bad + 1] = string.format("%s is itself blocked (%s)", ev.subj, me.wait)
    end
    local seen = {}
    for i, id in ipairs(ids) do
        if seen[id] then bad[#bad + 1] = name(id) .. " is in it twice" end
        seen[id] = true
        if i > 1 then
            local next_id = ids[i % #ids + 1]
            local w = waits_for(baton.task(id))
            if w ~= next_id then
                bad[#bad + 1] = string.format("%s waits for %s, not %s", name(id),
                                              w and name(w) or "nobody", name(next_id))
            end
        end
    end
    if #bad > 0 then
        baton.fail(string.format("event #%d: %s's operation refused for the cycle %s, which is not one: %s",
                                 ev.index, ev.subj, text(ids), table.concat(bad, "; ")))
    end
end)

-- The refused task's next own event must be its ERR_DEADLOCK.
local function check_refused(ev)
    local r = ev.subj_id and refused[ev.subj_id]
    if not r then return end
    refused[ev.subj_id] = nil
    if ev.type ~= "syscall-error" then
        baton.fail(string.format("event #%d: %s's operation was refused at #%d, yet it goes on (%s) before its error",
                                 ev.index, ev.subj, r.index, ev.type))
    elseif ev.error ~= "ERR_DEADLOCK" then
        baton.fail(string.format("event #%d: %s's operation refused at #%d returns %s, not ERR_DEADLOCK",
                                 ev.index, ev.subj, r.index, ev.error))
    end
end

for _, type in ipairs({ "syscall-error", "send", "call", "reply", "send-block", "call-block",
                        "recv-block", "block", "notify", "notify-deliver", "chan-open",
                        "chan-block", "chan-xfer", "async-enqueue", "async-pull",
                        "async-deliver", "async-full", "mark", "task-exit", "task-fault" }) do
    baton.on(type, check_refused)
end
-- A rendezvous names the sender as its subject: the refused task may be
-- the receiver, the peer.
local function check_refused_peer(ev)
    local r = ev.peer_id and refused[ev.peer_id]
    if r then
        refused[ev.peer_id] = nil
        baton.fail(string.format("event #%d: %s's operation was refused at #%d, yet it takes a %s from %s",
                                 ev.index, ev.peer, r.index, ev.type, ev.subj))
    end
end
for _, type in ipairs({ "send", "call", "reply", "chan-xfer" }) do
    baton.on(type, check_refused_peer)
end

-- A task that blocks must not close a cycle.
local function blocked(ev)
    if unsure then return end
    baton.count("blocks checked")
    local ids = cycle_from(ev.subj_id)
    if ids then
        report_cycle(ids, string.format("event #%d: %s blocks (%s) and closes the cycle", ev.index, ev.subj, ev.type))
    end
end
for _, type in ipairs({ "send-block", "call-block", "recv-block", "chan-block", "call" }) do
    baton.on(type, blocked)
end

baton.on("lost", function(ev)
    unsure = true
    refused = {}
    baton.log(string.format("event #%d: %d events lost; no check until the next metadata set", ev.index, ev.count))
end)

baton.on("snapshot", function() unsure = false end)

function on_end()
    local st = baton.stats()
    if st.mask and st.mask & 0xa6 ~= 0xa6 then
        baton.fail(string.format("the trace lacks categories it needs (mask 0x%x, needs task, ipc, chan, err): record with trace=all", st.mask))
    end
    if unsure then
        baton.log("events were lost and no metadata set followed: the final state is not judged")
        return
    end
    for _, t in ipairs(baton.tasks()) do
        local ids = cycle_from(t.id)
        if ids then report_cycle(ids, "the run ends with the cycle") end
    end
end

function panel()
    local lines = {}
    for _, t in ipairs(baton.tasks()) do
        local w = waits_for(t)
        if w then lines[#lines + 1] = string.format("%-14s waits for %s (%s)", t.name, name(w), t.wait) end
    end
    if #lines == 0 then lines[1] = "nobody waits for anybody" end
    return lines
end
