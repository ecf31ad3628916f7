-- failing_check.lua - checks that fail print FAIL lines with the file and
-- line, as the C tests do, and the exit status says so.
-- expect: FAIL sum: got 4, want 5 (tests/sim/lua-bad/failing_check.lua:10)
-- expect: FAIL truth: not true (tests/sim/lua-bad/failing_check.lua:11)
-- expect: FAIL status: got "OK", want "ERR_DEADLOCK" (tests/sim/lua-bad/failing_check.lua:12)
-- expect: PASS fine
-- expect: 1 passed, 3 failed
-- status: 1
task{name="t", body=function()
  check_eq(2 + 2, 5, "sum")
  check(1 > 2, "truth")
  check_eq(yield(), "ERR_DEADLOCK", "status")
  check(true, "fine")
end}
