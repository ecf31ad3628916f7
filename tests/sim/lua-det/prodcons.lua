-- prodcons.lua - two producers and a consumer of one priority, for
-- tests/sim/lua.sh: under --preempt each seed interleaves them its own way
-- (the order line differs), the same seed the same way (the output is
-- identical), and every seed keeps FIFO per producer, each item once.
local consumer
for p = 1, 2 do
  task{name="producer" .. p, body=function()
    for i = 1, 8 do send(consumer, {type=MSG_USER, words={p, i}}) end
  end}
end
consumer = task{name="consumer", body=function()
  local order, next_item = {}, {1, 1}
  for _ = 1, 16 do
    local err, m = recv(ANY)
    local p, i = m.words[1], m.words[2]
    check(i == next_item[p], "item " .. p .. "." .. i .. " in its producer's order")
    next_item[p] = i + 1
    order[#order + 1] = p
  end
  print("order " .. table.concat(order) .. " random " .. math.random(1000))
end}
