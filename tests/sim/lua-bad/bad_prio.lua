-- bad_prio.lua - priorities are 1..7, as in a manifest.
-- expect: baton-sim: tests/sim/lua-bad/bad_prio.lua:4: task: prio must be 1..7 (7 the most urgent)
-- status: 2
task{name="t", prio=9, body=function() end}
