/* queues.c - the history of async queue depths (queues.h). ASYNC_PULL
 * carries no depth (the model ignores it too); the others say the depth
 * after them. */
#include "queues.h"
#include "grow.h"
#include <string.h>

void tv_queues_init(struct tv_queues *qs)
{
    memset(qs, 0, sizeof(*qs));
    memset(qs->slot, 0xff, sizeof(qs->slot));   /* -1: no queue yet */
}

void tv_queues_free(struct tv_queues *qs)
{
    for (size_t i = 0; i < qs->n; i++) {
        free(qs->q[i].p);
        free(qs->q[i].block_max);
        free(qs->q[i].block_full);
    }
    tv_queues_init(qs);
}

static struct tv_queue *queue_for(struct tv_queues *qs, unsigned from, unsigned to)
{
    int16_t k = qs->slot[from][to];
    if (k >= 0)
        return &qs->q[k];
    if (qs->n == TV_QUEUES_MAX)
        return NULL;            /* beyond what we follow: the model still has it */
    qs->slot[from][to] = (int16_t)qs->n;
    struct tv_queue *q = &qs->q[qs->n++];
    q->from = (uint8_t)from;
    q->to = (uint8_t)to;
    return q;
}

bool tv_queues_add(struct tv_queues *qs, size_t index, const struct tr_event *e)
{
    if (e->type != TRACE_EV_ASYNC_ENQUEUE && e->type != TRACE_EV_ASYNC_DELIVER &&
        e->type != TRACE_EV_ASYNC_FULL)
        return true;
    if (e->subj >= TR_TASKS || e->peer >= TR_TASKS)
        return true;
    struct tv_queue *q = queue_for(qs, e->subj, e->peer);
    if (!q)
        return true;
    if (!tv_grow((void **)&q->p, &q->cap, q->n + 1, sizeof(*q->p)))
        return false;
    if (q->n % TV_QBLOCK == 0) {
        if (!tv_grow((void **)&q->block_max, &q->blocks_cap, q->nblocks + 1, 2) ||
            !tv_grow((void **)&q->block_full, &q->full_cap, q->nblocks + 1, 1))
            return false;
        q->block_max[q->nblocks] = 0;
        q->block_full[q->nblocks++] = 0;
    }
    uint16_t depth = e->a > UINT16_MAX ? UINT16_MAX : (uint16_t)e->a;
    bool full = e->type == TRACE_EV_ASYNC_FULL;
    q->p[q->n++] = (struct tv_qpoint){ (uint32_t)index, depth, full, 0 };
    if (depth > q->block_max[q->nblocks - 1])
        q->block_max[q->nblocks - 1] = depth;
    q->block_full[q->nblocks - 1] |= full;
    return true;
}

const struct tv_queue *tv_queue_find(const struct tv_queues *qs, unsigned from, unsigned to)
{
    if (from >= TR_TASKS || to >= TR_TASKS || qs->slot[from][to] < 0)
        return NULL;
    return &qs->q[qs->slot[from][to]];
}

/* The first point at or after event `index`. */
static size_t point_at(const struct tv_queue *q, size_t index)
{
    size_t lo = 0, hi = q->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->p[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void tv_queue_range(const struct tv_queue *q, size_t first, size_t end,
                    unsigned *max, bool *full)
{
    size_t i = point_at(q, first), last = point_at(q, end);
    *max = i > 0 ? q->p[i - 1].depth : 0;   /* what it held coming in */
    *full = false;
    while (i < last) {
        if (i % TV_QBLOCK == 0 && i + TV_QBLOCK <= last) {
            size_t b = i / TV_QBLOCK;
            if (q->block_max[b] > *max)
                *max = q->block_max[b];
            *full |= q->block_full[b];
            i += TV_QBLOCK;
            continue;
        }
        if (q->p[i].depth > *max)
            *max = q->p[i].depth;
        *full |= q->p[i].full;
        i++;
    }
}

size_t tv_queues_bytes(const struct tv_queues *qs)
{
    size_t n = 0;
    for (size_t i = 0; i < qs->n; i++)
        n += qs->q[i].n * sizeof(struct tv_qpoint) + qs->q[i].nblocks * 3;
    return n;
}
