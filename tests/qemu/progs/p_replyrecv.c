/* p_replyrecv.c - a program to profile (scripts/profile.sh; docs/ipc.md,
 * "What a round trip costs"): the fast path's round trip. Task 1 calls
 * task 2 2000 times; task 2 answers each with ipc_replyrecv, then both
 * exit. Run as two tasks:
 *   make ARCH=rv32 PROGS="p_replyrecv p_replyrecv" image
 *   sh scripts/profile.sh rv32 build/rv32/img/custom.elf */
#include <baton.h>

#define ROUNDS 2000

int main(void)
{
    struct message m = { .type = MSG_USER };
    if (task_self() == 1) {
        for (int i = 0; i < ROUNDS; i++)
            ipc_call(2, &m);
        return 0;
    }
    ipc_recv(1, &m);
    for (int i = 1; i < ROUNDS; i++)
        ipc_replyrecv(1, &m);
    return ipc_reply(1, &m);
}
