-- outside_task.lua - the kernel's API is for task bodies: calling it from
-- the main chunk is an error at its line, and nothing runs.
-- expect: baton-sim: tests/sim/lua-bad/outside_task.lua:6: recv: only a task's body may call it
-- status: 2
task{name="t", body=function() end}
local err, m = recv(ANY)
