-- supervisor.lua - tasks made at run time (docs/tasks.md): a privileged
-- supervisor spawns a server whose body faults on every third request,
-- hears of each death (NOTIFY_DEATH, then task_death), and starts a new
-- one; a client retries until it has all its answers. A stale id reaches
-- nobody, and a kill ends a task wherever it waits.
local WHERE, SQUARE, DONE = MSG_USER, MSG_USER + 1, MSG_USER + 2

local function server_body()
  local served = 0
  while true do
    local err, m = recv(ANY)
    served = served + 1
    if served % 3 == 0 then fault("store") end
    reply(m.src, {type=MSG_USER, words={m.words[1] * m.words[1]}})
  end
end

local sup = task{name="super", prio=5, privileged=true, body=function()
  local function start()
    local err, id = spawn{name="server", prio=4, body=server_body}
    check_eq(err, "OK", "the supervisor spawns a server")
    return id
  end
  local server, restarts, first = start(), 0, nil
  first = server
  while true do
    local err, m = recv(ANY)
    if m.type == NOTIFICATIONS_MSG and m.bits & NOTIFY_DEATH ~= 0 then
      local st, d = task_death()
      while st == "OK" do
        if d.id == server then
          check_eq(d.cause, "fault", "the server died of a fault")
          server = start()
          restarts = restarts + 1
        end
        st, d = task_death()
      end
    elseif m.type == WHERE then
      reply(m.src, {type=MSG_USER, words={server}})
    elseif m.type == DONE then
      break
    end
  end
  check(restarts >= 2, "the server was restarted")
  check(server ~= first, "a restarted server has a new id")
  check_eq(send_noblock(first, {type=MSG_USER}), "ERR_NOT_FOUND", "the first server's id is stale")
  check_eq(kill(server), "OK", "the supervisor stops the server")
  local st, d = task_death()
  check(st == "OK" and d.cause == "killed" and d.killer == task_self(), "its death: killed by us")
  check_eq(kill(server), "ERR_NOT_FOUND", "a dead task cannot be killed again")
  check_eq(kill(task_self()), "ERR_INVALID_TASK", "a task does not kill itself")
  check_eq(kobjects(KOBJ_DEAD), 0, "every death was read")
end}

task{name="client", prio=3, body=function()
  local function where() local _, r = call(sup, {type=WHERE}); return r.words[1] end
  local server, retries = where(), 0
  local n = 1
  while n <= 6 do
    local err, r = call(server, {type=SQUARE, words={n}})
    if err == "OK" then
      check_eq(r.words[1], n * n, "the square of " .. n)
      n = n + 1
    else
      check(err == "ERR_ABORTED" or err == "ERR_NOT_FOUND", "a failed call says why: " .. err)
      retries = retries + 1
      sleep(10)
      server = where()
    end
  end
  check(retries >= 2, "the client retried")
  check_eq(spawn{name="x", program="lua_task"}, "ERR_NOT_PERMITTED", "a task not privileged spawns nothing")
  send(sup, {type=DONE})
end}
