-- syntax_error.lua - a scenario that does not compile: file and line.
-- expect: baton-sim: tests/sim/lua-bad/syntax_error.lua:5:
-- status: 2
task{name="t", body=function()
  local x = = 1
end}
