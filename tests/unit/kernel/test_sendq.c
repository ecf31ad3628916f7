/* test_sendq.c - white-box: kernel/sendq.c's linked list, built by hand on
 * the host. It checks the reference's own structure (head, tail and the
 * links through the senders), so it belongs to the white-box layer: a lab
 * that replaces the queue with another correct structure fails here and
 * nowhere in the behaviour layer (tests/alt/run.sh shows both). */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "task.h"
#include "sendq.h"

struct task task_table[TASK_MAX];

/* sendq.c's ASSERT ends here: a broken invariant fails the test. */
noreturn void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[256];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cr_assert_fail("panic: %s", msg);
    abort();                    /* not reached: the assertion ends the test */
}

static struct task *task(task_t id)
{
    task_table[id].id = id;
    task_table[id].state = TASK_BLOCKED;
    return &task_table[id];
}

/* The list from head to tail, as ids, and a check of the tail pointer. */
static int ids(const struct sendq *q, task_t out[])
{
    int n = 0;
    const struct task *last = NULL;
    for (const struct task *s = q->head; s; s = s->sendq_link.next)
        out[n++] = (last = s)->id;
    cr_assert_eq(q->tail, last, "the tail is the last sender");
    return n;
}

Test(sendq, push_links_in_order)
{
    struct sendq q = { 0 };
    sendq_push(&q, task(3));
    sendq_push(&q, task(5));
    sendq_push(&q, task(4));
    task_t got[TASK_MAX];
    cr_assert_eq(ids(&q, got), 3);
    cr_assert(got[0] == 3 && got[1] == 5 && got[2] == 4);
    cr_assert_null(task_table[4].sendq_link.next, "the newest links to nothing");
}

Test(sendq, remove_head_middle_tail)
{
    struct sendq q = { 0 };
    for (task_t id = 1; id <= 5; id++)
        sendq_push(&q, task(id));
    sendq_remove(&q, &task_table[1]);       /* head */
    sendq_remove(&q, &task_table[3]);       /* middle */
    sendq_remove(&q, &task_table[5]);       /* tail */
    task_t got[TASK_MAX];
    cr_assert_eq(ids(&q, got), 2);
    cr_assert(got[0] == 2 && got[1] == 4);
    cr_assert_null(task_table[3].sendq_link.next, "a removed sender keeps no link");
    sendq_remove(&q, &task_table[2]);
    sendq_remove(&q, &task_table[4]);
    cr_assert(q.head == NULL && q.tail == NULL && sendq_empty(&q));
}

Test(sendq, find_oldest_from_a_source)
{
    struct sendq q = { 0 };
    sendq_push(&q, task(6));
    sendq_push(&q, task(2));
    cr_assert_eq(sendq_find(&q, IPC_ANY), &task_table[6]);
    cr_assert_eq(sendq_find(&q, 2), &task_table[2]);
    cr_assert_null(sendq_find(&q, 9));
    cr_assert_eq(sendq_at(&q, 1), &task_table[2]);
    cr_assert_null(sendq_at(&q, 2));
}
