/* t_trespass.c - a trespasser of the simulator's trespass test
 * (tests/sim/trespass.manifest): it receives the addresses of the victim's
 * secrets (task 1) and touches one, chosen by its task id: writes the data
 * secret, reads it, writes the stack secret, reads it. Each must kill it
 * with a page fault at that address. */
#include <baton_test.h>

#define VICTIM 1

int main(void)
{
    struct message m;
    if (ipc_recv(VICTIM, &m) != OK)
        return 1;
    int id = task_self();
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)m.words[id / 2 - 1];
    printf("trespass: task %d %s %p\n", id, id % 2 ? "reads" : "writes", (void *)p);
    if (id % 2)
        printf("FAIL trespass: task %d read %x\n", id, *p);
    else
        *p = 0xbad;
    printf("FAIL trespass: task %d touched another task's memory\n", id);
    return 1;
}
