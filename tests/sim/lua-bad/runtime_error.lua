-- runtime_error.lua - a body that raises (here, indexing nil) ends its task
-- like an exit(1): the client blocked on it wakes with ERR_ABORTED.
-- expect: baton-sim: task 1 (server) failed: tests/sim/lua-bad/runtime_error.lua:9: attempt to index a nil value (field 'reply_to')
-- expect: tests/sim/lua-bad/runtime_error.lua:9: in function <tests/sim/lua-bad/runtime_error.lua:7>
-- expect: PASS the client wakes
-- status: 1
local server = task{name="server", prio=4, body=function()
  local err, m = recv(ANY)
  reply(m.reply_to.id, m)
end}
task{name="client", body=function()
  check_eq(call(server, {type=MSG_USER}), "ERR_ABORTED", "the client wakes")
end}
