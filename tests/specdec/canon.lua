-- canon.lua: the canonical lines of tests/specdec/specdec.c, from
-- baton-trace's Lua API (docs/tracer.md), so that the two can be diffed:
--   build/bin/baton-trace --batch --script tests/specdec/canon.lua TRACE
-- Prints "E ..." for every event and "M ...", "S ..." at the end; the
-- counters the API has no field for ("D ...") come from --dump (run.sh).

local waits = { none = 0, sleep = 1, console = 2, send = 3, call = 4,
                recv = 5, reply = 6, channel = 7 }
local ops = { acquired = 1, masked = 2, acked = 3, released = 4 }
local states = { running = 1, ready = 2, blocked = 3 }
local function id(v)
  if v == nil or v == 255 then return "-" end
  return tostring(v)
end

local function num(v)
  if v == nil then return "?" end
  if math.type(v) == "float" and v == math.floor(v) then v = math.tointeger(v) end
  return tostring(v)
end

local function code(tab, v)
  if type(v) == "number" then return num(v) end
  if v == nil then return "?" end
  if v == "?" then return "?" end
  return tostring(tab[v] or ("?" .. tostring(v)))
end

local snapshots, restarts = 0, 0

local function chan(ev)
  if ev.type == "chan-xfer" then
    return " port=" .. num(ev.port) .. " size=" .. num(ev.size) .. " shared=" .. (ev.shared and "1" or "0")
  end
  return " port=" .. num(ev.port) .. " dir=" .. tostring(ev.dir)
end

local extra = {
  ["lost"] = function(ev) return " count=" .. num(ev.count) end,
  ["task-create"] = function(ev)
    return " prio=" .. num(ev.prio) .. " name=" .. tostring(ev.peer or "")
  end,
  ["task-exit"] = function(ev) return " status=" .. num(ev.status) end,
  ["task-fault"] = function(ev)
    return " pc=" .. num(ev.pc) .. " addr=" .. num(ev.addr)
  end,
  ["block"] = function(ev) return " wait=" .. code(waits, ev.wait) end,
  ["notify"] = function(ev) return " bits=" .. num(ev.bits) end,
  ["notify-deliver"] = function(ev) return " bits=" .. num(ev.bits) end,
  ["irq"] = function(ev) return " line=" .. num(ev.line) end,
  ["chan-open"] = chan, ["chan-close"] = chan, ["chan-block"] = chan,
  ["chan-xfer"] = chan,
  ["deadlock"] = function(ev)
    local t = {}
    for i, v in ipairs(ev.cycle_ids or {}) do t[i] = num(v) end
    return " cycle=" .. table.concat(t, ",")
  end,
  ["syscall-error"] = function(ev)
    return " sysno=" .. num(ev.sysno) .. " err=" .. num(ev.err and -ev.err)
  end,
  ["async-enqueue"] = function(ev) return " depth=" .. num(ev.depth) end,
  ["async-deliver"] = function(ev) return " depth=" .. num(ev.depth) end,
  ["async-full"] = function(ev) return " depth=" .. num(ev.depth) end,
  ["async-pull"] = function(ev) return " value=" .. num(ev.value) end,
  ["mark"] = function(ev) return " value=" .. num(ev.value) end,
  ["mask"] = function(ev) return string.format(" mask=0x%x", ev.mask) end,
  ["irq-ctl"] = function(ev)
    return " line=" .. num(ev.line) .. " op=" .. code(ops, ev.op)
  end,
  ["restart"] = function(ev)
    -- no fields: from the text, "the kernel started again (run 2[, inferred...]):
    -- its times count from here, +T cycles"
    local t = tostring(ev.text)
    return " run=" .. (t:match("%(run (%d+)") or "?") ..
           " inferred=" .. (t:find("inferred", 1, true) and "1" or "0") ..
           " offset=" .. (t:match("%+(%d+) cycles") or "?")
  end,
  ["snapshot"] = function(ev)
    local t = {}
    local list = baton.tasks()
    table.sort(list, function(a, b) return a.id < b.id end)
    for _, k in ipairs(list) do
      local st = states[k.state]
      if st then
        local s = k.id .. ":" .. st
        if st == 3 then
          local w = waits[k.wait] or ("?" .. tostring(k.wait))
          local p = k.peer_id
          if p == nil then p = (k.peer == "any") and 0 or 255 end
          s = s .. ":" .. tostring(w) .. ":" .. num(p)
        end
        t[#t + 1] = s
      end
    end
    if #t == 0 then return " tasks=none" end
    return " tasks=" .. table.concat(t, ",")
  end,
}

function on_event(ev)
  if ev.type == "snapshot" then snapshots = snapshots + 1 end
  if ev.type == "restart" then restarts = restarts + 1 end
  local f = extra[ev.type]
  print(string.format("E %s %s %s %s%s", num(ev.ts), ev.type, id(ev.subj_id),
                      id(ev.peer_id), f and f(ev) or ""))
end

function on_end()
  local s = baton.stats()
  local mask = s.mask and string.format("0x%x", s.mask) or "-"
  local built = s.built and string.format("0x%x", s.built) or "-"
  print(string.format("M arch=%s mask=%s built=%s", s.arch or "-", mask, built))
  print(string.format("S events=%s lost=%s missing=%s corrupt=%s",
                      num(s.events - snapshots - restarts), num(s.lost),
                      num(s.missing), num(s.corrupt)))
end
