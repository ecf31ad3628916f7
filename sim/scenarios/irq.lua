-- irq.lua - typed input raises the UART interrupt, which reaches the task
-- that acquired the line as NOTIFY_IRQ; console_read fetches the bytes.
task{name="driver", prio=4, irq="uart", body=function()
  check_eq(irq_acquire(IRQ_UART), "OK", "the driver holds the UART line")
  local err, m = recv(ANY)            -- waits until someone types
  check_eq(m.bits, NOTIFY_IRQ, "input arrives as NOTIFY_IRQ from the kernel")
  local err, bytes = console_read(16)
  check_eq(bytes, "hi\n", "console_read gets what was typed")
end}
task{name="typist", prio=2, body=function()
  check_eq(irq_acquire(IRQ_UART), "ERR_NOT_PERMITTED", "no grant (irq=\"uart\"), no line")
  sim.irq("uart", "hi\n")             -- delivered once every task waits
end}
