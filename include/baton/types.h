/* types.h - small types shared by the kernel and user programs. */
#ifndef BATON_TYPES_H
#define BATON_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* A task id: a small integer; 0 is the kernel (and its idle loop). */
typedef int task_t;
typedef task_t thread_id;   /* Anckor's name (seed ipc.md) */

#define TASK_MAX      32    /* task ids run 1..TASK_MAX-1 */
#define TASK_NAME_MAX 16
#define TASK_PRIO_MIN 1     /* user priorities: 1 (least) .. 7 (most urgent) */
#define TASK_PRIO_MAX 7

#endif
