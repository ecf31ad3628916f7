-- channel.lua - a channel by port: up to 16 bytes travel in registers (the
-- fast path), up to 4 KiB through a page shared by the two ends.
task{name="consumer", prio=4, recv=3, body=function()
  local err, h = channel_open(3, CHANNEL_RECEIVE)
  local err, d = channel_rcv(h)
  check_eq(d, "ping", "16 bytes or less: the fast path")
  err, d = channel_rcv(h)
  check_eq(d, string.rep("x", 4096), "4 KiB arrive whole, through the shared page")
  check_eq(channel_rcv(h), "ERR_CLOSED", "the sender closed its end")
end}
task{name="producer", prio=3, send=3, body=function()
  local err, h = channel_open(3, CHANNEL_SEND)
  check_eq(channel_send(h, "ping"), "OK", "send 4 bytes")
  check_eq(channel_send(h, string.rep("x", 4096)), "OK", "send 4096 bytes")
  check_eq(channel_send(h, string.rep("x", 4097)), "ERR_TOO_LARGE", "4097 bytes: too large")
  channel_close(h)
end}
