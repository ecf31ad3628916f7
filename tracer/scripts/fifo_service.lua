-- fifo_service.lua - a grader: senders queued on a receiver are served in
-- the order they blocked (the IPC model: "Queued senders are served in
-- FIFO order").
--
-- A sender joins receiver R's queue when it blocks sending or calling R
-- (send-block, call-block) and leaves it when R takes its message (send or
-- call S -> R), when it is woken with an error (its syscall-error), or when
-- it or R dies. The check fails when
--   - R, a receiver that receives from any task only, takes S while T,
--     queued earlier, still waits (FIFO broken), naming R, S, T and both
--     events;
--   - R blocks receiving (from any, or from S) while S waits in its queue:
--     a receiver and a sender waiting for each other, a lost rendezvous;
--   - a queued sender's message reaches another task than the one it
--     waits for.
-- The trace does not say whether a receive that did not block was from any
-- task or from one, and ipc_recv(S) rightly takes S before older senders.
-- So the order is judged only for the receivers the grader names, in the
-- environment variable BATON_FIFO_ANY (names, separated by commas: tasks
-- whose every ipc_recv is from IPC_ANY). Out-of-order services of the
-- others are logged, not failed; without BATON_FIFO_ANY the order is not
-- judged at all (the log says so), the rest is. A named receiver seen
-- blocking in a receive from one task in particular fails the check: the
-- list is wrong.
--
-- Needs the categories task, ipc and err (trace=all does). Lost events
-- (a LOST record) empty every queue: those waiting then are not checked.
--
--   BATON_FIFO_ANY=server baton-trace --batch --script tracer/scripts/fifo_service.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local queue = {}        -- receiver id -> list of { id = sender, at = event, unordered }
local waits_in = {}     -- sender id -> receiver id
local recv_wait = {}    -- receiver id -> the task it blocked receiving from (0: any)
local recv_since = {}   -- receiver id -> the event of that block
local any_only = {}     -- receiver name -> true: it receives from any task only
local declared = false

for n in (os.getenv("BATON_FIFO_ANY") or ""):gmatch("[^,%s]+") do
    any_only[n] = true
    declared = true
end

local function name(id) return baton.name(id) end

local function q(r)
    queue[r] = queue[r] or {}
    return queue[r]
end

local function leave(s)
    local r = waits_in[s]
    if not r then return end
    waits_in[s] = nil
    for i, e in ipairs(q(r)) do
        if e.id == s then
            table.remove(q(r), i)
            return
        end
    end
end

local function join(ev)
    local s, r = ev.subj_id, ev.peer_id
    leave(s)
    local w = recv_wait[r]
    if w and (w == 0 or w == s) then
        baton.fail(string.format("event #%d: %s blocks sending to %s, which waits in a receive from %s since #%d",
                                 ev.index, ev.subj, ev.peer, w == 0 and "any task" or ev.subj, recv_since[r]))
    end
    table.insert(q(r), { id = s, at = ev.index })
    waits_in[s] = r
    baton.count("senders queued")
end

baton.on("send-block", join)
baton.on("call-block", join)

local function served(ev)
    local s, r = ev.subj_id, ev.peer_id
    recv_wait[r] = nil
    local where = waits_in[s]
    if not where then
        return                    -- the receiver was waiting: no queue
    end
    if where ~= r then
        baton.fail(string.format("event #%d: %s's message reaches %s, but it waits to send to %s",
                                 ev.index, ev.subj, ev.peer, name(where)))
        leave(s)
        return
    end
    local list, mine = q(r), nil
    for i, e in ipairs(list) do
        if e.id == s then mine = i break end
    end
    local head = list[1]
    local judged = any_only[ev.peer]
    if mine > 1 and not (head.unordered and list[mine].unordered) then
        local text = string.format("event #%d: %s took %s (queued at #%d) while %s, queued at #%d, waited",
                                   ev.index, ev.peer, ev.subj, list[mine].at, name(head.id), head.at)
        if judged then
            baton.fail(text .. ": not FIFO")
        else
            baton.log(text .. " (not judged: " .. ev.peer .. " is not in BATON_FIFO_ANY)")
            baton.count("out-of-order services not judged")
        end
    end
    if judged then baton.count("services judged in FIFO order") end
    baton.count("queued senders served")
    leave(s)
end

baton.on("send", served)
baton.on("call", served)

baton.on("recv-block", function(ev)
    local r, from = ev.subj_id, ev.peer_id
    if from ~= 0 and any_only[ev.subj] then
        baton.fail(string.format("event #%d: BATON_FIFO_ANY names %s, which receives from %s in particular: fix the list",
                                 ev.index, ev.subj, ev.peer))
        any_only[ev.subj] = nil
    end
    for _, e in ipairs(q(r)) do
        if from == 0 or e.id == from then
            baton.fail(string.format("event #%d: %s blocks receiving from %s while %s waits to send to it since #%d",
                                     ev.index, ev.subj, from == 0 and "any task" or ev.peer, name(e.id), e.at))
            break
        end
    end
    recv_wait[r] = from
    recv_since[r] = ev.index
end)

-- The receiver stops waiting: a message, a notification, an error, a wake.
local function receiver_moves(id) if id then recv_wait[id] = nil end end
baton.on("reply", function(ev) receiver_moves(ev.peer_id) end)
baton.on("notify-deliver", function(ev) receiver_moves(ev.subj_id) end)
baton.on("wake", function(ev) receiver_moves(ev.peer_id) end)

baton.on("syscall-error", function(ev)
    leave(ev.subj_id)
    receiver_moves(ev.subj_id)
end)

baton.on("task-exit", function(ev)
    local id = ev.subj_id
    leave(id)
    recv_wait[id] = nil
    for _, e in ipairs(q(id)) do      -- all woken with an error
        waits_in[e.id] = nil
    end
    queue[id] = nil
end)

baton.on("lost", function(ev)
    for s in pairs(waits_in) do baton.count("queued senders unchecked (events lost)") end
    queue, waits_in, recv_wait = {}, {}, {}
    baton.log(string.format("event #%d: %d events lost; the queues then are not checked", ev.index, ev.count))
end)

-- A metadata set: the kernel's own view. Senders blocked there that we did
-- not see block (a trace joined late, or after lost events) are queued in
-- an order we do not know: ahead of later ones, unordered among themselves.
baton.on("snapshot", function(ev)
    for _, t in ipairs(baton.tasks()) do
        if t.state == "blocked" and (t.wait == "send" or t.wait == "call") and t.peer_id
           and waits_in[t.id] ~= t.peer_id then
            leave(t.id)
            local list = q(t.peer_id)
            local at = 1
            while list[at] and list[at].unordered do at = at + 1 end
            table.insert(list, at, { id = t.id, at = ev.index, unordered = true })
            waits_in[t.id] = t.peer_id
        end
    end
end)

function on_end()
    local st = baton.stats()
    if st.mask and st.mask & 0x86 ~= 0x86 then
        baton.fail(string.format("the trace lacks categories it needs (mask 0x%x, needs task, ipc, err): record with trace=all", st.mask))
    end
    if not declared then
        baton.log("the order of service is not judged: no receiver named in BATON_FIFO_ANY")
    end
end

function panel()
    local lines = {}
    for r, list in pairs(queue) do
        if #list > 0 then
            local names = {}
            for _, e in ipairs(list) do names[#names + 1] = name(e.id) end
            lines[#lines + 1] = string.format("%-14s <- %s", name(r), table.concat(names, ", "))
        end
    end
    if #lines == 0 then lines[1] = "no sender queued" end
    return lines
end
