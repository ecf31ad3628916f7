-- bad_arg.lua - an unknown option name is an error at its line.
-- expect: baton-sim: task 1 (t) failed: tests/sim/lua-bad/bad_arg.lua:5: bad argument #1 to 'fault' (invalid option 'segv')
-- status: 1
task{name="t", body=function()
  fault("segv")
end}
