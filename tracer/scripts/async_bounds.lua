-- async_bounds.lua - a grader: async queues stay within their bound, a
-- full queue is reported and drops nothing, and every message leaves its
-- queue once, carried by the reply to a pull.
--
-- The IPC model (async messages, docs/async.md): each sender S keeps a
-- bounded queue per receiver R; async_send never blocks, a full queue
-- returns ERR_QUEUE_FULL and changes nothing; R pulls each message with
-- a call to S (async-pull, call R -> S) answered by S's reply, after which
-- the message leaves the queue (async-deliver); delivery is exactly once
-- per (sender, receiver); no message is left with nobody told about it.
-- Every async event carries the queue's depth after it. The check fails
--   - when a depth exceeds the bound (16, ASYNC_QUEUE_MAX; the environment
--     variable BATON_ASYNC_BOUND says another);
--   - when a depth does not follow from the one before: an enqueue adds
--     one, a delivery takes one, a full report changes nothing. Anything
--     else is a message dropped or made up;
--   - when async-full is reported for a queue that is not full;
--   - when a message leaves the queue (async-deliver) that no reply of S
--     to a pull of R carried: none under way, or a second message for one
--     reply (exactly once: each delivery is one reply to one pull). S may
--     record the delivery after R, woken by the reply, has pulled again;
--   - when the run ends with messages queued from S to R, both alive, S
--     waiting (so not about to notify) and R neither told (no notification
--     from S since R last pulled from it) nor pulling from S: orphans.
-- FIFO order within a queue cannot be judged from the trace: its events
-- carry no message identity.
-- A receiver's death discards what waits for it; a sender's death, its
-- queues (their depths are unknown from then on); a delivery recorded
-- after the receiver died still needs its reply. Needs the categories
-- task, ipc, notify and async (trace=all does). Lost events make it
-- forget every depth and pull under way.
--
--   baton-trace --batch --script tracer/scripts/async_bounds.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local bound = tonumber(os.getenv("BATON_ASYNC_BOUND") or "") or 16
local depth = {}        -- "S>R" -> messages queued, when known
local pull = {}         -- "S>R" -> { asked, carried, early, used }: event numbers
local lost_at           -- the last lost events: pulls before it are unknown
local told = {}         -- "S>R" -> true: S notified R since R last pulled from S
local told_default = false  -- for pairs not in told: nil (unknown) after lost events

local function name(id) return baton.name(id) end
local function key(s, r) return s .. ">" .. r end

local function expect(ev, want, what)
    local k = key(ev.subj_id, ev.peer_id)
    local had = depth[k]
    if ev.depth > bound then
        baton.fail(string.format("event #%d: %s's queue to %s holds %d messages, over the bound of %d",
                                 ev.index, ev.subj, ev.peer, ev.depth, bound))
    end
    if had and want(had) ~= ev.depth then
        baton.fail(string.format("event #%d: %s: %s's queue to %s went from %d to %d messages, not %d",
                                 ev.index, what, ev.subj, ev.peer, had, ev.depth, want(had)))
    end
    depth[k] = ev.depth
end

baton.on("async-enqueue", function(ev)
    expect(ev, function(d) return d + 1 end, "a message queued")
    baton.count("messages queued")
end)

baton.on("async-full", function(ev)
    if ev.depth ~= bound then
        baton.fail(string.format("event #%d: %s's queue to %s reported full with %d messages, the bound is %d",
                                 ev.index, ev.subj, ev.peer, ev.depth, bound))
    end
    expect(ev, function(d) return d end, "full, nothing queued")
    baton.count("full reports")
end)

-- Each delivery must be carried by one reply of S to a pull of R. The
-- sender records the delivery after its reply succeeded, and may be
-- switched out in between (R runs, pulls again): so a delivery matches the
-- last reply to a pull not yet matched ("carried"). A library that records
-- the delivery first is allowed too, if the reply to that pull follows.
local function pull_of(k)
    pull[k] = pull[k] or {}
    return pull[k]
end

baton.on("async-pull", function(ev)      -- subject R pulls from peer S
    local p = pull_of(key(ev.peer_id, ev.subj_id))
    told[key(ev.peer_id, ev.subj_id)] = false
    if p.early then
        baton.fail(string.format("event #%d: the message delivered at #%d was never carried by a reply: dropped",
                                 ev.index, p.early))
        p.early = nil
    end
    p.asked = ev.index
    p.seen = true
    baton.count("pulls")
end)

baton.on("reply", function(ev)           -- S's reply to R
    local p = pull_of(key(ev.subj_id, ev.peer_id))
    if not p.asked then return end        -- a reply to a plain call
    p.asked = nil
    if p.early then
        p.early = nil                     -- it carried the message delivered before
    else
        p.carried = ev.index
    end
end)

baton.on("async-deliver", function(ev)
    expect(ev, function(d) return d - 1 end, "a message delivered")
    local p = pull_of(key(ev.subj_id, ev.peer_id))
    if p.carried then
        p.used, p.carried = p.carried, nil
    elseif p.asked and not p.early then
        p.early = ev.index
    elseif lost_at and not p.seen then
        baton.count("deliveries not judged (events lost)")   -- its pull was in the gap
    else
        baton.fail(string.format("event #%d: a message leaves %s's queue to %s with no reply to a pull to carry it (%s)",
                                 ev.index, ev.subj, ev.peer,
                                 p.early and "a second message for one pull" or
                                 p.used and string.format("the reply of #%d carried one already", p.used) or
                                 "no pull answered"))
    end
    baton.count("messages delivered")
end)

baton.on("notify", function(ev)
    if ev.subj_id and ev.peer_id then told[key(ev.subj_id, ev.peer_id)] = true end
end)

baton.on("task-exit", function(ev)
    local id = ev.subj_id
    for k in pairs(depth) do
        local s, r = k:match("(%d+)>(%d+)")
        if tonumber(s) == id or tonumber(r) == id then
            if depth[k] > 0 then baton.count("messages discarded with a dead task") end
            depth[k] = nil
        end
    end
end)

baton.on("lost", function(ev)
    depth, pull, lost_at = {}, {}, ev.index
    told, told_default = {}, nil
    baton.log(string.format("event #%d: %d events lost; depths and pulls then are not checked", ev.index, ev.count))
end)

function on_end()
    local st = baton.stats()
    if st.mask and st.mask & 0x4e ~= 0x4e then
        baton.fail(string.format("the trace lacks categories it needs (mask 0x%x, needs task, ipc, notify, async): record with trace=all", st.mask))
    end
    for k, p in pairs(pull) do
        if p.early then
            baton.fail(string.format("the message delivered at #%d was never carried by a reply: dropped", p.early))
        end
    end
    for k, d in pairs(depth) do
        local s, r = k:match("(%d+)>(%d+)")
        local S, R = baton.task(tonumber(s)), baton.task(tonumber(r))
        if d > 0 and S and R and S.state == "blocked" and R.state ~= "dead" then
            local was_told = told[k]
            if was_told == nil then was_told = told_default end
            local pulling = R.state == "blocked" and R.peer_id == S.id and
                            (R.wait == "call" or R.wait == "reply")
            if was_told == false and not pulling then
                baton.fail(string.format("%d messages from %s wait for %s at the end, and %s was not told (no notification since its last pull) nor pulls: orphans",
                                         d, S.name, R.name, R.name))
            end
        end
        if d > 0 then baton.count("messages still queued at the end", d) end
    end
end

function panel()
    local lines = {}
    for k, d in pairs(depth) do
        local s, r = k:match("(%d+)>(%d+)")
        lines[#lines + 1] = string.format("%-12s -> %-12s %2d of %d", name(tonumber(s)), name(tonumber(r)), d, bound)
    end
    table.sort(lines)
    if #lines == 0 then lines[1] = "no async queue seen" end
    return lines
end
