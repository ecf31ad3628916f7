-- notify.lua - notifications never block, coalesce, and say who sent them.
local n1, n2
local waiter = task{name="waiter", prio=2, body=function()   -- runs last
  check_eq(notification_rcv(n2), "OK", "notification_rcv takes n2's signal")
  local err, m = recv(ANY)
  check_eq(m.type, NOTIFICATIONS_MSG, "an open receive gets the rest as a message")
  check_eq(m.bits, NOTIFY_USER(0), "three notifies of one bit arrive once")
  check_eq(m.senders, 1 << n1, "senders: bit i for task i")
  check_eq(notification_rcv(n2), "ERR_WOULD_BLOCK", "nothing left from n2")
end}
n1 = task{name="n1", body=function() for _ = 1, 3 do notify(waiter, NOTIFY_USER(0)) end end}
n2 = task{name="n2", body=function() notification_send(waiter) end}
