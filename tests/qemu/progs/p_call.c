/* p_call.c - a program to profile (scripts/profile.sh; docs/ipc.md, "What a
 * round trip costs"): task 1 calls task 2 2000 times, task 2 receives and
 * replies, then both exit. Run as two tasks:
 *   make ARCH=rv32 PROGS="p_call p_call" image
 *   sh scripts/profile.sh rv32 build/rv32/img/custom.elf */
#include <baton.h>

#define ROUNDS 2000

int main(void)
{
    struct message m = { .type = MSG_USER };
    if (task_self() == 1) {
        for (int i = 0; i < ROUNDS; i++)
            ipc_call(2, &m);
    } else {
        for (int i = 0; i < ROUNDS; i++) {
            ipc_recv(1, &m);
            ipc_reply(1, &m);
        }
    }
    return 0;
}
