-- async.lua - async_send never blocks; each queue holds ASYNC_QUEUE_MAX (16)
-- messages, then ERR_QUEUE_FULL; the consumer pulls them, in order.
local consumer
local producer = task{name="producer", prio=4, body=function()
  for i = 1, ASYNC_QUEUE_MAX do async_send(consumer, {type=MSG_USER, words={i}}) end
  check_eq(async_send(consumer, {type=MSG_USER}), "ERR_QUEUE_FULL", "the 17th: queue full")
  while async_pending(consumer) > 0 do  -- serve the pulls (ASYNC_MSG)
    local err, m = recv(ANY)
    if m.type == ASYNC_MSG then async_reply(m.src) end
  end
end}
consumer = task{name="consumer", prio=3, body=function()
  local got = {}
  while #got < ASYNC_QUEUE_MAX do
    local err, m = recv(ANY)          -- NOTIFY_ASYNC: something to pull
    local err, msg = async_recv(producer)
    got[#got + 1] = msg.words[1]
  end
  check_eq(table.concat(got, " "), "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", "FIFO, each once")
end}
