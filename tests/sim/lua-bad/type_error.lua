-- type_error.lua - a body passes a task's name where its id belongs: a Lua
-- error that names the task, the file and the line; the run goes on.
-- expect: baton-sim: task 2 (client) failed: tests/sim/lua-bad/type_error.lua:10: bad argument #1 to 'send' (number expected, got string)
-- expect: [baton] task 2 (client) exited with status 1
-- expect: a body raised an error
-- status: 1
task{name="server", body=function() end}
task{name="client", body=function()
  local m = {type=MSG_USER}
  send("server", m)
end}
