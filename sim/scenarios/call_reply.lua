-- call_reply.lua - ipc_call is a send and a receive from the same task, in
-- one step; the server answers with reply, which never blocks.
local server = task{name="server", prio=4, body=function()
  for _ = 1, 2 do
    local err, m = recv(ANY)
    check_eq(reply(m.src, {type=MSG_USER, words={m.words[1] * 2}}), "OK", "reply to " .. m.words[1])
  end
  check_eq(reply(2, {type=MSG_USER}), "ERR_NOT_WAITING", "no reply to a task that is not calling")
end}
task{name="client", prio=3, body=function()
  for i = 1, 2 do
    local err, r = call(server, {type=MSG_USER, words={i * 10}})
    check_eq(r.words[1], i * 20, "call " .. i .. ": the answer comes back in the reply")
  end
end}
