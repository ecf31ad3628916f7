-- calls_replied.lua - a grader: every call ends in its reply, or in an error.
--
-- A call (ipc_call) from A to B starts when A blocks calling B
-- (call-block) or when B takes the request at once (call). The IPC model
-- (docs/ipc.md, DESIGN.md) lets it end in one of three ways only:
--   - B's reply reaches A (reply B -> A);
--   - A is woken with an error (a syscall-error of A: ERR_ABORTED when B
--     died, or any other the kernel gives);
--   - A is destroyed while it waits (its task-exit while another task runs).
-- The check fails, naming both tasks and the call's event number, when
--   - A does anything else before its call ended (it "went on": sends,
--     calls again, exits by itself...);
--   - the reply to A's call comes from another task than B;
--   - the trace ends with the call open and B dead (A never woken), or with
--     the call open at the end of a finished run (every task exited).
-- A call still open at the end of a run that did not finish (cut short,
-- or stuck with B alive) is reported in the log, not failed: B may yet
-- reply. A reply to a task in recv(B) that did not call is allowed (the
-- kernel delivers it) and counted.
--
-- It needs the categories task, sched, ipc and err (trace=all does). Events
-- the kernel lost (a LOST record) make it forget the calls open then: what
-- happened in the gap is unknown; they are counted as unchecked.
--
--   baton-trace --batch --script tracer/scripts/calls_replied.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local open = {}         -- caller id -> { to = callee id, at = event number, taken, callee_died }
local running           -- the task on the CPU, from switch events
local dead = {}         -- task id -> true

local function name(id) return baton.name(id) end

local function failure(caller, c, what)
    baton.fail(string.format("%s's call to %s (event #%d): %s", name(caller), name(c.to), c.at, what))
end

local function start(ev, taken)
    if open[ev.subj_id] then
        failure(ev.subj_id, open[ev.subj_id],
                string.format("no reply and no error, and %s calls again at #%d", ev.subj, ev.index))
    end
    open[ev.subj_id] = { to = ev.peer_id, at = ev.index, taken = taken }
    baton.count("calls")
end

baton.on("call-block", function(ev) start(ev, false) end)

baton.on("call", function(ev)
    local c = open[ev.subj_id]
    if c and c.to == ev.peer_id and not c.taken then
        c.taken = true            -- the blocked call's request is taken
    else
        start(ev, true)           -- taken at once: the callee was receiving
    end
end)

baton.on("reply", function(ev)
    local c = open[ev.peer_id]
    if not c then
        baton.count("replies to a task in recv, not calling")
        return
    end
    if c.to ~= ev.subj_id then
        failure(ev.peer_id, c, string.format("the reply came from %s at #%d", ev.subj, ev.index))
    end
    open[ev.peer_id] = nil
    baton.count("calls answered")
end)

baton.on("syscall-error", function(ev)
    local c = open[ev.subj_id]
    if c then
        open[ev.subj_id] = nil
        baton.count("calls ended by " .. (ev.error or ("error " .. ev.err)))
    end
end)

baton.on("switch", function(ev) running = ev.peer_id end)

baton.on("task-exit", function(ev)
    local id = ev.subj_id
    dead[id] = true
    local c = open[id]
    if c then
        open[id] = nil
        if running == id then
            failure(id, c, string.format("no reply and no error, and %s exits at #%d", ev.subj, ev.index))
        else
            baton.count("calls ended by the caller's destruction")
        end
    end
    for _, other in pairs(open) do
        if other.to == id then
            other.callee_died = ev.index
        end
    end
end)

baton.on("task-create", function(ev) dead[ev.peer_id] = nil end)

-- Anything the caller itself does while its call is open.
local acting = { "send", "send-block", "recv-block", "block", "notify", "chan-open",
                 "chan-block", "chan-xfer", "deadlock", "async-enqueue", "async-pull",
                 "async-deliver", "async-full", "mark", "task-fault" }
for _, type in ipairs(acting) do
    baton.on(type, function(ev)
        local c = ev.subj_id and open[ev.subj_id]
        if c then
            failure(ev.subj_id, c, string.format("no reply and no error, and %s goes on (%s, #%d)",
                                                 ev.subj, ev.type, ev.index))
            open[ev.subj_id] = nil
        end
    end)
end
-- A reply the caller sends, or a notification it takes: it went on too
-- (not the reply it receives, nor a call request taken from it).
baton.on("reply", function(ev)
    local c = open[ev.subj_id]
    if c then
        failure(ev.subj_id, c, string.format("no reply and no error, and %s replies to %s at #%d",
                                             ev.subj, ev.peer, ev.index))
        open[ev.subj_id] = nil
    end
end)
baton.on("notify-deliver", function(ev)
    local c = open[ev.subj_id]
    if c then
        failure(ev.subj_id, c, string.format("no reply and no error, and %s takes notifications at #%d",
                                             ev.subj, ev.index))
        open[ev.subj_id] = nil
    end
end)

baton.on("lost", function(ev)
    for _ in pairs(open) do baton.count("calls unchecked (events lost)") end
    open = {}
    baton.log(string.format("event #%d: %d events lost; the calls open then are not checked", ev.index, ev.count))
end)

-- The run finished when every task it knew of exited (idle, id 0, never does).
local function finished()
    for _, t in ipairs(baton.tasks()) do
        if t.id ~= 0 and t.state ~= "dead" then
            return false
        end
    end
    return true
end

local function categories_missing(need)
    local st = baton.stats()
    if st.mask and st.mask & need ~= need then
        return string.format("the trace lacks categories it needs (mask 0x%x, needs 0x%x): record with trace=all", st.mask, need)
    end
end

function on_end()
    local missing = categories_missing(0x87)    -- sched, task, ipc, err
    if missing then
        baton.fail(missing)
    end
    local done = finished()
    for caller, c in pairs(open) do
        if c.callee_died then
            failure(caller, c, string.format("%s died at #%d and %s was never woken with an error",
                                             name(c.to), c.callee_died, name(caller)))
        elseif done then
            failure(caller, c, "neither a reply nor an error by the end of the run")
        else
            baton.log(string.format("%s's call to %s (event #%d) still waits: the run did not finish",
                                    name(caller), name(c.to), c.at))
            baton.count("calls still waiting at the end")
        end
    end
    if baton.stats().missing > 0 then
        baton.log(string.format("%d events never arrived (damaged line): the check saw what did", baton.stats().missing))
    end
end

-- In the viewer (--script, view 8): the calls waiting at the cursor.
function panel()
    local lines = {}
    for _, t in ipairs(baton.tasks()) do
        if t.wait == "reply" then
            lines[#lines + 1] = string.format("%-14s waits for the reply of %s", t.name, t.peer)
        end
    end
    if #lines == 0 then
        lines[1] = "no call waiting for its reply"
    end
    return lines
end
