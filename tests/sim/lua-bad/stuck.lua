-- stuck.lua - a server that waits forever leaves the run stuck: exit 3 and
-- the report of who waits for what, as for a manifest.
-- expect: baton-sim: stuck: no task can run
-- expect: task 1 (server), priority 3: receiving from any task, in ipc_recv
-- status: 3
task{name="server", body=function()
  while true do recv(ANY) end
end}
