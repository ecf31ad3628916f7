-- any_fifo.lua - senders that find the receiver busy queue on it; recv(ANY)
-- takes them oldest first. Priorities make them queue as s2, s3, s1.
local s = {}
local receiver = task{name="receiver", prio=2, body=function()
  for _, want in ipairs{s[2], s[3], s[1]} do
    local err, m = recv(ANY)
    check_eq(m.src, want, "recv(ANY) takes task " .. want .. " in its turn")
  end
end}
for i, prio in ipairs{3, 5, 4} do
  s[i] = task{name="s" .. i, prio=prio, body=function() send(receiver, {type=MSG_USER}) end}
end
