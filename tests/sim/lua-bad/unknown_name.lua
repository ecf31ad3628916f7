-- unknown_name.lua - reading a global that was never set is an error, so a
-- misspelt name is caught at its line, whether a function or a constant.
-- expect: baton-sim: task 1 (a) failed: tests/sim/lua-bad/unknown_name.lua:8: unknown name 'sned'
-- expect: baton-sim: task 2 (b) failed: tests/sim/lua-bad/unknown_name.lua:11: unknown name 'NOTIFY_TIMR'
-- expect: PASS set globals are fine
-- status: 1
task{name="a", body=function()
  sned(2, {type=MSG_USER})
end}
task{name="b", body=function()
  timer_set(10); local err, m = recv(ANY); check_eq(m.bits, NOTIFY_TIMR, "timer")
end}
LIMIT = 3
task{name="c", body=function() check_eq(LIMIT, 3, "set globals are fine") end}
