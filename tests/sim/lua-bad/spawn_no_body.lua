-- spawn{} needs a body or a program: a clear error, at the caller's line.
-- status: 1
-- expect: spawn: give a body (a function) or a program (a name)
task{name="super", privileged=true, body=function()
  spawn{name="x"}
end}
