/* seed_client.c - builds the seed's my_client.c (docs/async.md), unchanged,
 * into a program: this file supplies what the seed's snippet leaves out. */
#include <resea/async.h>

/* What the seed leaves to the reader, and how we fill it in:
 *  - `my_server`, the task the client pulls from, is never declared: it is
 *    the global below. The seed's comment is right that the client must know
 *    it in advance here, because the snippet ignores m.notifications.senders;
 *    docs/async.md shows how a Baton client reads the notifier from it.
 *  - task ids follow the manifest's order (kernel/manifest.h), and our
 *    manifests list seed_server right before us, so it is task_self() - 1.
 *  - the seed's `void main(void)` becomes seed_main() (the #define below),
 *    since a program's real main returns int. */
task_t my_server;

#define main seed_main
#include "../seeds/my_client.c"
#undef main

int main(void)
{
    my_server = task_self() - 1;
    INFO("seed client: waiting for async messages from task %d", my_server);
    seed_main();      /* prints one line per message pulled; never returns */
    return 0;
}
