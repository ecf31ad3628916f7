-- irq.lua - typed input raises the UART interrupt: the kernel masks the
-- line and posts NOTIFY_IRQ to the task that acquired it (granted the
-- device: its registers and its line); the driver reads the receive
-- register until it is empty and acknowledges with irq_ack, which unmasks
-- the line for the next bytes (docs/interrupts.md).

-- Read the receive register until the line status says it is empty.
local function drain()
  local s = ""
  while uart_read(UART_LSR) & UART_LSR_RX_READY ~= 0 do
    s = s .. string.char(uart_read(UART_RBR))
  end
  return s
end

task{name="driver", prio=4, irq="uart", body=function()
  check_eq(irq_ack(IRQ_UART), "ERR_NOT_PERMITTED", "irq_ack of a line not held")
  check_eq(irq_ack(7), "ERR_INVALID_ARG", "irq_ack of a line that does not exist")
  check_eq(irq_acquire(IRQ_UART), "OK", "the driver holds the UART line")
  local err, m = recv(ANY)            -- waits until someone types
  check_eq(m.bits, NOTIFY_IRQ, "input arrives as NOTIFY_IRQ from the kernel")
  check_eq(drain(), "hi\n", "the receive register gives what was typed")
  -- Not acknowledged yet: the line stays masked, whatever is typed.
  send(2, {type=MSG_USER})
  check_eq(timer_set(50), "OK", "a timer while the line is masked")
  err, m = recv(ANY)
  check_eq(m.bits, NOTIFY_TIMER, "no interrupt before irq_ack: only the timer")
  check_eq(irq_ack(IRQ_UART), "OK", "irq_ack unmasks the line")
  err, m = recv(ANY)
  check_eq(m.bits, NOTIFY_IRQ, "then the bytes typed meanwhile interrupt")
  check_eq(drain(), "again\n", "and are read")
  check_eq(irq_ack(IRQ_UART), "OK", "acknowledged again")
end}

task{name="typist", prio=2, body=function()
  check_eq(irq_acquire(IRQ_UART), "ERR_NOT_PERMITTED", "no grant (irq=\"uart\"), no line")
  check_eq(irq_ack(IRQ_UART), "ERR_NOT_PERMITTED", "nor irq_ack")
  sim.irq("uart", "hi\n")             -- delivered once every task waits
  recv(1)                             -- the driver has read it, not acked
  sim.irq("uart", "again\n")
end}
