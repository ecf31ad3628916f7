-- timer.lua - timer_set(ms) arms a one-shot timer: NOTIFY_TIMER from the
-- kernel (sender bit 0). Time is virtual: sim.advance computes for a while.
task{name="sleeper", body=function()
  local t0 = uptime()
  check_eq(timer_set(50), "OK", "arm a 50 ms timer")
  local err, m = recv(ANY)
  check_eq(m.bits, NOTIFY_TIMER, "it fires as NOTIFY_TIMER")
  check_eq(m.senders, 1, "from the kernel")
  check(uptime() - t0 >= 50, "not before 50 ms")
  timer_set(30)
  sim.advance(100)                    -- compute for 100 ms: the timer fires
  err, m = recv_noblock(ANY)
  check_eq(m and m.bits, NOTIFY_TIMER, "a timer that fired meanwhile is pending")
end}
