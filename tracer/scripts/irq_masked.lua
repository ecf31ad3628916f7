-- irq_masked.lua - a grader: an interrupt line stays masked until its
-- holder acknowledges it (docs/interrupts.md).
--
-- The model: when an interrupt comes on a line a task holds, the kernel
-- masks the line (irq-ctl masked, for the holder) and notifies the holder;
-- the holder reads its device and calls irq_ack, which unmasks the line
-- (irq-ctl acked); a holder that dies releases it (irq-ctl released). The
-- check fails
--   - when an interrupt (irq) arrives on a line between its "masked" and
--     the "acked" or "released" that follows: a second interrupt delivered
--     while the first was unacknowledged;
--   - when a line is acknowledged by a task other than the one it was
--     masked for.
-- Lines still masked at the end are counted, not failed (a driver that
-- never acknowledges leaves its line masked, and the rest run on).
--
-- Needs the category irq (trace=irq, or all): without it there is nothing
-- to judge.
--
--   baton-trace --batch --script tracer/scripts/irq_masked.lua TRACE
--   (exit status 0: pass, 1: fail, 2: the script or the trace is unreadable)

local masked = {}       -- line -> { holder = id, at = event index }

baton.on("irq-ctl", function(ev)
    local m = masked[ev.line]
    if ev.op == "masked" then
        masked[ev.line] = { holder = ev.subj_id, at = ev.index }
        baton.count("interrupts masked")
    elseif ev.op == "acked" or ev.op == "released" then
        if m and ev.op == "acked" and m.holder ~= ev.subj_id then
            baton.fail(string.format("event #%d: %s acknowledges line %d, masked for %s at #%d",
                                     ev.index, ev.subj, ev.line, baton.name(m.holder), m.at))
        end
        if m then baton.count("lines unmasked") end
        masked[ev.line] = nil
    end
end)

baton.on("irq", function(ev)
    local m = masked[ev.line]
    if m then
        baton.fail(string.format("event #%d: interrupt on line %d, masked for %s since #%d and not yet acknowledged",
                                 ev.index, ev.line, baton.name(m.holder), m.at))
    end
    baton.count("interrupts")
end)

baton.on("lost", function(ev)
    masked = {}
    baton.log(string.format("event #%d: %d events lost; masked lines unknown until the next masked", ev.index, ev.count))
end)

function on_end()
    for line, m in pairs(masked) do
        baton.log(string.format("line %d is still masked for %s at the end (since #%d)", line, baton.name(m.holder), m.at))
        baton.count("lines masked at the end")
    end
end
