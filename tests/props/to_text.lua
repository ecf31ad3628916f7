-- to_text.lua - print a trace as the lines tests/props/mktrace reads, so
-- that a recorded run can be edited (a line dropped, two swapped) and
-- written back: tests/props/run.sh makes the traces of broken kernels so.
-- Each line starts with "ev " (run.sh keeps only those); metadata sets come
-- out as their task states and pending notifications.
--
--   baton-trace --batch --script tests/props/to_text.lua TRACE | sed -n 's/^ev //p'

local waits = { none = 0, sleep = 1, console = 2, send = 3, call = 4, recv = 5,
                reply = 6, channel = 7 }
local states = { running = 1, ready = 2, blocked = 3 }
local plain = { switch = true, send = true, call = true, reply = true,
                ["recv-block"] = true, ["send-block"] = true, ["call-block"] = true }
local valued = { notify = "bits", ["notify-deliver"] = "bits", ["async-enqueue"] = "depth",
                 ["async-deliver"] = "depth", ["async-full"] = "depth" }

local function out(...) print("ev " .. table.concat({ ... }, " ")) end

local function snapshot()
    for _, t in ipairs(baton.tasks()) do
        if states[t.state] then
            out("state", t.id, t.prio, states[t.state], waits[t.wait or "none"] or 0,
                t.peer_id or (t.wait == "recv" and 0) or 255, t.name)
            for from, bits in pairs(t.pending_from) do
                local f = from == "kernel" and 0 or baton.task(from).id
                out("pending", t.id, f, bits)
            end
        end
    end
    out("snapshot")
end

local function side(dir) return dir == "receive" and "r" or "s" end

function on_event(ev)
    local s, p, ty = ev.subj_id or 0, ev.peer_id or 0, ev.type
    if plain[ty] then out(ty, s, p)
    elseif ty == "notify-deliver" then out("deliver", s, p, ev.bits)
    elseif valued[ty] then out(ty, s, p, ev[valued[ty]])
    elseif ty == "task-create" then out("create", p, ev.peer, ev.prio)
    elseif ty == "task-exit" then out("exit", s, ev.status)
    elseif ty == "task-fault" then out("fault", s, ev.pc, ev.addr)
    elseif ty == "wake" then out("wake", p)
    elseif ty == "block" then out("block", s, waits[ev.wait])
    elseif ty == "async-pull" then out("async-pull", s, p)
    elseif ty == "chan-xfer" then out("chan-xfer", s, p, ev.port, ev.size)
    elseif ty == "chan-open" or ty == "chan-close" or ty == "chan-block" then
        out(ty, s, ev.port, side(ev.dir))
    elseif ty == "deadlock" then out("deadlock", table.concat(ev.cycle_ids, " "))
    elseif ty == "syscall-error" then out("error", s, ev.sysno, ev.error or ev.err)
    elseif ty == "lost" then out("lost", ev.count)
    elseif ty == "mark" then out("mark", s, ev.value)
    elseif ty == "snapshot" then snapshot()
    end                                 -- irq, mask: not needed by the checks
end
