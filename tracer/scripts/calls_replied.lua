-- calls_replied.lua - a grader: every call gets its reply.
--
-- A call (ipc_call) from A to B leaves A waiting for B's reply. The check
-- passes when, by the end of the trace, every call was answered by a reply
-- from the task called. It fails, naming both tasks and the call's event
-- number, for each call left unanswered: B never replied, or B died and
-- A was woken with an error instead.
--
--   baton-trace --batch --script tracer/scripts/calls_replied.lua TRACE
--   (exit status 0: pass, 1: fail)

local waiting = {}      -- caller's name -> { to = callee, at = event number }

local function unanswered(caller, w)
    baton.fail(string.format("%s's call to %s (event #%d) got no reply",
                             caller, w.to, w.at))
end

baton.on("call", function(ev)
    -- A task calls again only once its last call is over: if that one
    -- had no reply, it ended with an error.
    if waiting[ev.subj] then
        unanswered(ev.subj, waiting[ev.subj])
    end
    waiting[ev.subj] = { to = ev.peer, at = ev.index }
    baton.count("calls")
end)

baton.on("reply", function(ev)
    local w = waiting[ev.peer]
    if w and w.to == ev.subj then
        waiting[ev.peer] = nil
        baton.count("calls answered")
    end
end)

function on_end()
    for caller, w in pairs(waiting) do
        unanswered(caller, w)
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
