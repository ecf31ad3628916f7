-- fault.lua - a server that faults is destroyed; a client blocked on it
-- wakes with ERR_ABORTED, and the kernel and everyone else go on.
local server = task{name="server", prio=4, body=function()
  local err, m = recv(ANY)            -- the client's call arrives...
  fault("store")                      -- ...and the server dies: a real page fault
end}
task{name="client", prio=3, body=function()
  check_eq(call(server, {type=MSG_USER}), "ERR_ABORTED", "the caller wakes: its server died")
  check_eq(kobjects(KOBJ_TASKS), 1, "the server is gone")
end}
