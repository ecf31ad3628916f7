/* seed_server.c - builds the seed's my_server.c (docs/async.md), unchanged,
 * into a program: this file supplies what the seed's snippet leaves out. */
#include <resea/async.h>

/* What the seed leaves to the reader, and how we fill it in:
 *  - somewhere() uses a message `m` and a destination `dst` that the snippet
 *    never declares: they are the globals below (main's own `m` in the seed
 *    is a different, local variable).
 *  - nobody calls somewhere(): our main() calls it SEED_SENDS times, which
 *    queues that many BENCHMARK_NOP_MSG messages, then runs the seed's main.
 *  - the seed's `void main(void)` becomes seed_main() (the #define below),
 *    since a program's real main returns int.
 *  - which task is the client: task ids follow the manifest's order (kernel/
 *    manifest.h), and our manifests list seed_client right after us. */
#define SEED_SENDS 3

struct message m;
task_t dst;

#define main seed_main
#include "../seeds/my_server.c"
#undef main

int main(void)
{
    dst = task_self() + 1;
    INFO("seed server: queueing %d async messages for task %d", SEED_SENDS, dst);
    for (int i = 0; i < SEED_SENDS; i++)
        somewhere();
    seed_main();      /* serves the client's pulls; never returns */
    return 0;
}
