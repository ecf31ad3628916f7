/* uart.c - the UART's input driver, a user task (docs/interrupts.md): the
 * manifest grants it the UART (device=uart): its registers and its line.
 * Each receive interrupt reaches it as NOTIFY_IRQ with the line masked; it
 * reads the receive register until it is empty, hands the host's commands
 * to the kernel, acknowledges with irq_ack, and answers other tasks'
 * console reads over IPC (the console input server, user/lib/uart.c). */
#include <baton.h>

int main(void)
{
    console_server_run();
}
