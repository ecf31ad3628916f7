-- deadlock.lua - a send that would close a cycle of waiting tasks fails at
-- once with ERR_DEADLOCK, and the kernel prints the cycle.
local a, b, c
a = task{name="a", prio=5, body=function()
  check_eq(send(b, {type=MSG_USER}), "OK", "a -> b: delivered once the cycle is broken")
end}
b = task{name="b", prio=4, body=function()
  check_eq(send(c, {type=MSG_USER}), "OK", "b -> c: delivered")
  check_eq(recv(a), "OK", "b takes a's message")
end}
c = task{name="c", prio=3, body=function()
  check_eq(send(a, {type=MSG_USER}), "ERR_DEADLOCK", "c -> a would close a -> b -> c -> a")
  check_eq(recv(b), "OK", "c receives instead, and the chain unwinds")
end}
