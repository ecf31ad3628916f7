-- no_deadlock.lua - a grader: no operation was refused as a deadlock.
--
-- The kernel refuses a blocking send, call or channel operation that would
-- close a cycle of tasks waiting on each other (ERR_DEADLOCK), and traces
-- the cycle. A lab whose programs must never try to deadlock uses this
-- check: it fails once per refusal, naming the cycle.
--
--   baton-trace --batch --script tracer/scripts/no_deadlock.lua TRACE
--   (exit status 0: pass, 1: fail)

local last

baton.on("deadlock", function(ev)
    baton.count("deadlocks refused")
    last = table.concat(ev.cycle, " -> ") .. " -> " .. ev.cycle[1]
    baton.fail(string.format("event #%d: %s's operation refused, it would deadlock: %s",
                             ev.index, ev.subj, last))
end)

function panel()
    if not last then
        return "no deadlock refused"
    end
    return { "deadlocks refused: " .. baton.counter("deadlocks refused"),
             "the last: " .. last }
end
