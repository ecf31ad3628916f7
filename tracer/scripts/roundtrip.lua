-- roundtrip.lua - measure call round trips: from a task's call to the reply
-- that reaches it, per (caller, callee) pair: count, shortest, mean,
-- longest. Times are in cycles (instructions under qemu -icount shift=0),
-- and in microseconds when the trace's metadata gives the clock.
--
--   baton-trace --batch --script tracer/scripts/roundtrip.lua TRACE
--   baton-trace --script tracer/scripts/roundtrip.lua TRACE   (view 8)

local started = {}      -- caller -> { callee, ts }
local pairs_seen = {}   -- "caller>callee" -> { n, min, max, sum }
local order = {}

baton.on("call", function(ev)
    started[ev.subj] = { to = ev.peer, ts = ev.ts }
end)

baton.on("reply", function(ev)
    local s = started[ev.peer]
    if not s or s.to ~= ev.subj then
        return
    end
    started[ev.peer] = nil
    local key = ev.peer .. ">" .. ev.subj
    local p = pairs_seen[key]
    if not p then
        p = { n = 0, sum = 0 }
        pairs_seen[key] = p
        order[#order + 1] = key
    end
    local dt = ev.ts - s.ts
    p.n = p.n + 1
    p.sum = p.sum + dt
    p.min = math.min(p.min or dt, dt)
    p.max = math.max(p.max or dt, dt)
    baton.count("round trips")
end)

local function fmt(cycles)
    local s = baton.seconds(cycles)
    if s then
        return string.format("%.1fus", s * 1e6)
    end
    return string.format("%dc", math.floor(cycles + 0.5))
end

local function lines()
    local out = {}
    for _, key in ipairs(order) do
        local p = pairs_seen[key]
        out[#out + 1] = string.format("%-26s %5d calls  min %s  mean %s  max %s", key, p.n,
                                      fmt(p.min), fmt(p.sum / p.n), fmt(p.max))
    end
    return out
end

function on_end()
    for _, line in ipairs(lines()) do
        baton.log("round trip " .. line)
    end
end

function panel()
    local out = lines()
    if #out == 0 then
        out[1] = "no call answered yet"
    end
    return out
end
