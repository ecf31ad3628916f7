-- notify_not_lost.lua - a grader: no notification bit vanishes.
--
-- The IPC model: ipc_notify(dst, bits) ORs bits into dst's pending word,
-- per sender; repeats coalesce; a notification sent before the target
-- waits is never lost; an open receive (recv from any) returns what is
-- pending, and notification_rcv(id) takes what id sent. In the trace:
-- notify S -> T bits (interrupts and timers: S is the kernel) and
-- notify-deliver (T takes the bits S sent). Every bit sent must be
-- delivered, or still be pending at the end, or T died. The check fails
--   - when T blocks receiving from any task with bits pending (an open
--     receive returns them: they were lost), or the run ends with T
--     waiting so;
--   - when a delivery hands T bits from S that S never sent since they
--     were last delivered (a repeat that did not coalesce, or a phantom);
--   - when a metadata set (the kernel's own state, sent every second)
--     shows a bit not pending that was sent and never delivered.
-- Bits still pending at the end, and bits pending at a task that dies,
-- are counted, not failed.
--
-- Needs the categories task, ipc and notify (trace=all does). Lost events
-- (a LOST record) make it forget what was pending, until a metadata set
-- says it again.
--
--   baton-trace --batch --script tracer/scripts/notify_not_lost.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local pending = {}      -- target id -> sender id -> { bits, at = event of the oldest }
local known = {}        -- target id -> true: we saw all its notifications since it began

local function name(id) return baton.name(id) end
local function sender_name(id) return id == 0 and "kernel" or name(id) end

local function of(t)
    pending[t] = pending[t] or {}
    return pending[t]
end

baton.on("task-create", function(ev)
    pending[ev.peer_id] = {}
    known[ev.peer_id] = true
end)

baton.on("notify", function(ev)
    local p = of(ev.peer_id)
    local s = ev.subj_id or 0
    local e = p[s]
    if e then
        if e.bits & ev.bits ~= 0 then baton.count("repeats coalesced") end
        e.bits = e.bits | ev.bits
    else
        p[s] = { bits = ev.bits, at = ev.index }
    end
    baton.count("notifications sent")
end)

baton.on("notify-deliver", function(ev)
    local t, s = ev.subj_id, ev.peer_id or 0
    local e = of(t)[s]
    local had = e and e.bits or 0
    local extra = ev.bits & ~had
    if extra ~= 0 and known[t] then
        baton.fail(string.format("event #%d: %s is handed bits 0x%x from %s that %s did not send since they were last delivered",
                                 ev.index, ev.subj, extra, sender_name(s), sender_name(s)))
    end
    if e then
        e.bits = had & ~ev.bits
        if e.bits == 0 then of(t)[s] = nil end
    end
    baton.count("deliveries")
end)

local function describe(t)
    local out = {}
    for s, e in pairs(of(t)) do
        out[#out + 1] = string.format("0x%x from %s (since #%d)", e.bits, sender_name(s), e.at)
    end
    table.sort(out)
    return table.concat(out, ", ")
end

baton.on("recv-block", function(ev)
    if ev.peer_id == 0 and next(of(ev.subj_id)) then
        baton.fail(string.format("event #%d: %s blocks receiving from any task with notifications pending: %s were lost",
                                 ev.index, ev.subj, describe(ev.subj_id)))
        pending[ev.subj_id] = {}
    end
end)

baton.on("task-exit", function(ev)
    if next(of(ev.subj_id)) then baton.count("tasks died with notifications pending") end
    pending[ev.subj_id] = {}
end)

baton.on("lost", function(ev)
    pending, known = {}, {}
    baton.log(string.format("event #%d: %d events lost; pending notifications unknown until the next metadata set",
                            ev.index, ev.count))
end)

-- The kernel's own pending words: ours must be among them; then take them.
baton.on("snapshot", function(ev)
    for _, t in ipairs(baton.tasks()) do
        if t.state ~= "dead" and t.state ~= "unknown" then
            local theirs = t.pending_from or {}
            for s, e in pairs(of(t.id)) do
                local missing = e.bits & ~(theirs[sender_name(s)] or 0)
                if missing ~= 0 and known[t.id] then
                    baton.fail(string.format("event #%d: bits 0x%x from %s to %s (sent since #%d) were never delivered and are no longer pending",
                                             ev.index, missing, sender_name(s), t.name, e.at))
                end
            end
            local mine = {}
            for s, bits in pairs(theirs) do
                local id = s == "kernel" and 0 or (baton.task(s) or {}).id
                if id then
                    local old = of(t.id)[id]
                    mine[id] = { bits = bits, at = old and old.at or ev.index }
                end
            end
            pending[t.id] = mine
            known[t.id] = true
        end
    end
end)

function on_end()
    local st = baton.stats()
    if st.mask and st.mask & 0x0e ~= 0x0e then
        baton.fail(string.format("the trace lacks categories it needs (mask 0x%x, needs task, ipc, notify): record with trace=all", st.mask))
    end
    for _, t in ipairs(baton.tasks()) do
        if next(of(t.id)) and t.state ~= "dead" then
            if t.state == "blocked" and t.wait == "recv" and t.peer == "any" then
                baton.fail(string.format("%s waits receiving from any task at the end with notifications pending: %s",
                                         t.name, describe(t.id)))
            else
                baton.log(string.format("%s has notifications pending at the end: %s", t.name, describe(t.id)))
                baton.count("tasks with notifications pending at the end")
            end
        end
    end
end

function panel()
    local lines = {}
    for _, t in ipairs(baton.tasks()) do
        if next(of(t.id)) then
            lines[#lines + 1] = string.format("%-14s %s", t.name, describe(t.id))
        end
    end
    if #lines == 0 then lines[1] = "no notification pending" end
    return lines
end
