-- unknown_name.lua - a misspelt API function is a nil global: Lua says so,
-- at its line, and names the task.
-- expect: baton-sim: task 1 (t) failed: tests/sim/lua-bad/unknown_name.lua:6: attempt to call a nil value (global 'sned')
-- status: 1
task{name="t", body=function()
  sned(2, {type=MSG_USER})
end}
