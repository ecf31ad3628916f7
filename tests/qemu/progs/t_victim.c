/* t_victim.c - the victim of the simulator's trespass test
 * (tests/sim/trespass.manifest): it tells each task after it where two
 * secrets of its own are, one in its data and one on its stack, and checks
 * at the end that they are intact. In the simulator the other tasks' pages
 * stay in the host's memory while one runs (docs/sim.md, "How it works"):
 * this is what keeps them out of reach. */
#include <baton_test.h>

#define TRESPASSERS 4

static volatile uint32_t secret = 0x5ec2e700u;

int main(void)
{
    volatile uint32_t on_stack = 0x5ec2e7aau;
    struct message m = { .type = MSG_USER };
    m.words[0] = (uint32_t)(uintptr_t)&secret;
    m.words[1] = (uint32_t)(uintptr_t)&on_stack;
    for (int id = 2; id < 2 + TRESPASSERS; id++)
        CHECK_EQ(ipc_send(id, &m), OK, "trespass: the victim tells a trespasser where");
    CHECK(secret == 0x5ec2e700u, "trespass: the victim's data is intact");
    CHECK(on_stack == 0x5ec2e7aau, "trespass: the victim's stack is intact");
    return 0;
}
