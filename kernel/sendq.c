/* sendq.c - the queue of senders blocked on one receiver: a singly linked
 * list through the senders themselves, with a tail pointer so that pushing
 * is O(1). No memory is allocated: a blocked sender carries its own link. */
#include "sendq.h"
#include "task.h"
#include "printk.h"

/* The newest goes last: the tail pointer makes it O(1). */
void sendq_push(struct sendq *q, struct task *t)
{
    /* LAB rendezvous BEGIN
     * append t, queued nowhere, as the newest sender of q, in O(1): no
     * allocation (t carries its own link, t->sendq_link); an empty queue
     * is q->head == NULL (sendq_empty in sendq.h).
     * STUB (void)q; (void)t;
     */
    t->sendq_link.next = NULL;
    if (q->tail)
        q->tail->sendq_link.next = t;
    else
        q->head = t;
    q->tail = t;
    /* LAB rendezvous END */
}

/* Unlink t wherever it is: a receiver takes a sender from the middle when
 * it receives from one task in particular. O(n), n at most TASK_MAX. */
void sendq_remove(struct sendq *q, struct task *t)
{
    /* LAB rendezvous BEGIN
     * take t, which is in q (anywhere: the head, the tail, the middle),
     * out of it; the others keep their order.
     * STUB (void)q; (void)t;
     */
    /* pp walks the links, so that removing the head is no special case. */
    struct task **pp = &q->head, *prev = NULL;
    while (*pp && *pp != t) {
        prev = *pp;
        pp = &(*pp)->sendq_link.next;
    }
    ASSERT(*pp == t);
    *pp = t->sendq_link.next;
    if (q->tail == t)
        q->tail = prev;
    t->sendq_link.next = NULL;
    /* LAB rendezvous END */
}

/* From the oldest: the first match is the one FIFO order serves. */
struct task *sendq_find(const struct sendq *q, task_t src)
{
    /* LAB rendezvous BEGIN
     * return the oldest queued sender whose id is src, or the oldest of
     * all when src is IPC_ANY; NULL if there is none. The queue is left
     * as it is.
     * STUB (void)q; (void)src;
     * STUB return NULL;
     */
    struct task *s = q->head;
    while (s && src != IPC_ANY && s->id != src)
        s = s->sendq_link.next;
    return s;
    /* LAB rendezvous END */
}

struct task *sendq_at(const struct sendq *q, int i)
{
    /* LAB rendezvous BEGIN
     * return the i-th queued sender (0: the oldest), NULL past the end.
     * Observers only (the fuzzer, debuggers): no test grades it.
     * STUB (void)q; (void)i;
     * STUB return NULL;
     */
    struct task *s = q->head;
    while (s && i-- > 0)
        s = s->sendq_link.next;
    return s;
    /* LAB rendezvous END */
}
