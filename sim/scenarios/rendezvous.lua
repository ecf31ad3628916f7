-- rendezvous.lua - a send meets a receive, whichever comes first: the
-- first to arrive blocks, the second completes the transfer (docs/ipc.md).
local a, b
a = task{name="a", prio=4, body=function()     -- more urgent: runs first
  local err, m = recv(b)                       -- receiver first: a waits
  check_eq(m.words[1], 1, "receiver first: the message arrives")
  check_eq(send(b, {type=MSG_USER, words={2}}), "OK", "sender first: send returns once b takes it")
end}
b = task{name="b", prio=3, body=function()
  check_eq(send(a, {type=MSG_USER, words={1}}), "OK", "receiver first: send completes at once")
  local err, m = recv(a)                       -- a is already blocked sending
  check_eq(m.words[1], 2, "sender first: the waiting message is taken")
  check_eq(m.src, a, "the kernel fills in src")
end}
