-- bad_task.lua - a task declared with a misspelt field.
-- expect: baton-sim: tests/sim/lua-bad/bad_task.lua:4: task: unknown field 'priority' (name, prio, send, recv, irq, privileged, body)
-- status: 2
task{name="t", priority=3, body=function() end}
