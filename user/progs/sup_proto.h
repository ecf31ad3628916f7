/* sup_proto.h - the messages of the supervisor demo (docs/supervisor.md):
 * clients ask the supervisor where the server is, call the server, and say
 * when they are done. */
#ifndef SUP_PROTO_H
#define SUP_PROTO_H

#include <baton.h>

enum {
    SUP_WHERE = MSG_USER,  /* client -> supervisor: reply words[0] = server id */
    SUP_DONE,              /* client -> supervisor: I have all my answers */
    SRV_SQUARE,            /* client -> server: words[0] = n; reply n * n */
};

#define SUP_SUPERVISOR 1    /* the supervisor is the manifest's first task */
#define SUP_CLIENTS    2    /* how many clients it waits for */
#define SUP_REQUESTS   8    /* answers each client wants */
#define SUP_FAULT_EVERY 3   /* the server faults on every third request */

/* trace_mark values, so that the trace shows the story. */
enum { MARK_RETRY = 0x5e7, MARK_RESTART = 0x5e5 };

#endif
