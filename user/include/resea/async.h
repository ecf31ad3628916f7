/* resea/async.h - asynchronous messages on top of synchronous IPC and
 * notifications (seed async-ipc.md; user/lib/async.c; docs/async.md). */
#ifndef RESEA_ASYNC_H
#define RESEA_ASYNC_H

/* Everything the seed's examples use: struct message, ipc_recv, IPC_ANY,
 * NOTIFICATIONS_MSG, ASYNC_MSG, NOTIFY_ASYNC, bzero, ASSERT_OK, INFO... */
#include <baton.h>

/* A sender keeps one queue per destination task, holding at most this many
 * messages not yet pulled. A bound, so that a receiver that never pulls
 * costs its sender a fixed amount of memory and an error, not a crash. */
#define ASYNC_QUEUE_MAX 16

/* Queue a copy of *m for dst and notify dst with NOTIFY_ASYNC. Never blocks.
 * Returns OK, or:
 *   ERR_QUEUE_FULL    dst already has ASYNC_QUEUE_MAX messages waiting;
 *   ERR_INVALID_TASK  dst is the kernel, yourself, or not a task id;
 *   ERR_INVALID_ARG   m is NULL, or m->type is negative (negative types
 *                     are how replies carry errors);
 *   ERR_NOT_FOUND     no task dst (from ipc_notify; anything still queued
 *                     for dst is discarded: it can never be delivered).
 * On any error this message is not queued: no message without its
 * notification. */
error_t async_send(task_t dst, struct message *m);

/* Pull the oldest message src has queued for us into *m: an ipc_call to src
 * with an ASYNC_MSG request. Blocks until src answers, so src must run a
 * receive loop that hands ASYNC_MSG to async_reply(). Returns OK, or:
 *   ERR_EMPTY         src had nothing queued for us;
 *   ERR_INVALID_TASK  src is the kernel, yourself, or not a task id;
 *   ERR_INVALID_ARG   m is NULL;
 *   the kernel's error for the call: ERR_ABORTED (src died meanwhile),
 *   ERR_NOT_FOUND, ERR_DEADLOCK...
 * On an error m->type holds that (negative) error, never a message type. */
error_t async_recv(task_t src, struct message *m);

/* Answer dst's ASYNC_MSG request (dst waits in async_recv) with the oldest
 * message queued for dst, and remove it from the queue. If more are left,
 * notify dst again so that it pulls the next. Never blocks. Returns OK, or:
 *   ERR_EMPTY         nothing queued for dst (its async_recv gets ERR_EMPTY);
 *   ERR_NOT_WAITING   dst is not waiting for our reply (from ipc_reply): the
 *                     message stays queued;
 *   ERR_NOT_FOUND     the message was delivered, but dst died before the
 *                     re-notify: the rest of its queue is discarded;
 *   ERR_INVALID_TASK  dst is not a task id. */
error_t async_reply(task_t dst);

/* How many messages are queued for dst and not yet pulled (0 if dst is not
 * a task id). Lets a sender know when a receiver has caught up. */
int async_pending(task_t dst);

#endif
