/* spawn_test.h - the orders c_spawn.c gives its victims (c_victim.c). */
#ifndef SPAWN_TEST_H
#define SPAWN_TEST_H

enum victim_order {
    V_READY = MSG_USER,   /* spin: ready, never blocked */
    V_SLEEP, V_RECV, V_RECV_ANY, V_SEND, V_CALL, V_CONSOLE, V_CHANNEL,
    V_EXIT,               /* exit(words[0]) */
    V_FAULT,              /* touch unmapped memory */
    V_CALL_VICTIM,        /* call task words[0], report the result */
};

#define SPAWN_PORT 4      /* the channel a victim receives on */

#endif
