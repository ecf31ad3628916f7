/* channel.c - channels by port. A send meets a receive, as with messages.
 * Up to CHANNEL_FAST_MAX bytes travel in the syscall registers (fast path).
 * Larger data, up to CHANNEL_SHM_MAX, goes through the channel's shared
 * page: mapped read-only into the receiver, filled by the kernel from the
 * sender's buffer at the rendezvous, copied out by the receiver's library.
 * The page is free again whenever the receiver is back in channel_rcv. */
#include "channel.h"
#include "trace.h"
#include "task.h"
#include "sched.h"
#include "deadlock.h"
#include "page.h"
#include "vm.h"
#include "printk.h"
#include <baton/string.h>

struct channel {
    struct task *end[2];          /* [CHANNEL_SEND], [CHANNEL_RECEIVE] holders */
    struct task *waiting;         /* the end's holder blocked on it, if any */
    uint32_t size;                /* the waiting sender's data size */
    uint32_t rcv_bufsize;         /* the waiting receiver's buffer size */
    uint32_t words[4];            /* its fast-path data, or [0] = its buffer */
    uintptr_t shm;                /* the shared page (physical), or 0 */
    uint32_t last_xfer;           /* the last transfer's size | XFER_SEEN, for
                                     debuggers (GDB's chans); never read */
};

#define XFER_SEEN 0x80000000u        /* last_xfer: a transfer happened */

static struct channel channels[CHANNEL_PORTS];

static uintptr_t shm_window(const struct channel *ch)
{
    return USER_SHM_BASE + (uintptr_t)(ch - channels) * PAGE_SIZE;
}

int channel_count(void)
{
    int n = 0;
    for (int p = 0; p < CHANNEL_PORTS; p++)
        n += channels[p].end[0] || channels[p].end[1];
    return n;
}

/* The slot of me's handle table named by the handle stored at uhandle:
 * its channel is me->handles[slot], its direction me->handle_dir[slot]. */
static error_t lookup(struct task *me, uintptr_t uhandle, int *slot)
{
    channel_handle h;
    if (vm_copy_from_user(me, &h, uhandle, sizeof(h)) != OK)
        return ERR_BAD_ADDRESS;
    /* Handle h is slot h-1 of this task's own table: a number from another
     * task's table means nothing here. */
    if (h < 1 || h > CHANNEL_HANDLES)
        return ERR_BAD_HANDLE;
    struct channel *ch = me->handles[h - 1];
    if (!ch || ch->end[me->handle_dir[h - 1]] != me)
        return ERR_BAD_HANDLE;
    *slot = h - 1;
    return OK;
}

/* channel_open: give me a handle to end `dir` of the channel on `port`.
 * ERR_INVALID_ARG, ERR_BAD_ADDRESS, ERR_NOT_PERMITTED (no manifest grant),
 * ERR_IN_USE (the end has a holder), ERR_NO_MEMORY (no handle slot or no
 * page). The receive end maps the channel's shared page, zeroed first. */
long channel_sys_open(struct task *me, uint32_t port, uint32_t dir, uintptr_t uhandle)
{
    if (port >= CHANNEL_PORTS || (dir != CHANNEL_SEND && dir != CHANNEL_RECEIVE))
        return ERR_INVALID_ARG;
    if (!vm_user_ok(me, uhandle, sizeof(channel_handle), true))
        return ERR_BAD_ADDRESS;
    uint32_t granted = dir == CHANNEL_SEND ? me->grants->send_ports : me->grants->recv_ports;
    if (!(granted & (1u << port)))
        return ERR_NOT_PERMITTED;
    struct channel *ch = &channels[port];
    if (ch->end[dir])
        return ERR_IN_USE;
    int slot = 0;
    while (slot < CHANNEL_HANDLES && me->handles[slot])
        slot++;
    if (slot == CHANNEL_HANDLES)
        return ERR_NO_MEMORY;          /* every handle of this task in use */
    if (!ch->shm && !(ch->shm = page_alloc()))
        return ERR_NO_MEMORY;
    if (dir == CHANNEL_RECEIVE) {
        /* A new receiver must not read what was sent to an earlier one. */
        memset((void *)ch->shm, 0, PAGE_SIZE);
        error_t err = arch_vm_map(&me->vm, shm_window(ch), ch->shm, VM_READ | VM_USER);
        if (err != OK)
            return err;
    }
    ch->end[dir] = me;
    trace_chan_open(me->id, (uint32_t)(ch - channels), dir);
    me->handles[slot] = ch;
    me->handle_dir[slot] = (uint8_t)dir;
    channel_handle h = slot + 1;
    vm_copy_to_user(me, uhandle, &h, sizeof(h));
    return OK;
}

/* Wake the end's holder blocked on ch, if any, with result. */
static void wake_waiting(struct channel *ch, error_t result)
{
    struct task *t = ch->waiting;
    ch->waiting = NULL;
    t->chan_blocked = NULL;
    sched_wake(t, result);
}

/* Release end dir of ch held by me (close or death). */
static void release_end(struct task *me, struct channel *ch, int dir)
{
    trace_chan_close(me->id, (uint32_t)(ch - channels), dir);
    if (ch->waiting && ch->waiting != me)
        wake_waiting(ch, ERR_CLOSED);     /* the peer waits in vain otherwise */
    if (dir == CHANNEL_RECEIVE)
        arch_vm_unmap(&me->vm, shm_window(ch));
    ch->end[dir] = NULL;
    if (!ch->end[CHANNEL_SEND] && !ch->end[CHANNEL_RECEIVE] && ch->shm) {
        page_free(ch->shm);
        ch->shm = 0;
    }
}

/* channel_close: give the end back; a peer blocked on it wakes with
 * ERR_CLOSED. ERR_BAD_ADDRESS, ERR_BAD_HANDLE. */
long channel_sys_close(struct task *me, uintptr_t uhandle)
{
    int slot;
    error_t err = lookup(me, uhandle, &slot);
    if (err != OK)
        return err;
    struct channel *ch = me->handles[slot];
    me->handles[slot] = NULL;
    release_end(me, ch, me->handle_dir[slot]);
    return OK;
}

/* t is dying: release every end it holds, as channel_close would. */
void channel_task_exit(struct task *t)
{
    /* Killed while blocked on a channel: nobody waits there any more. */
    if (t->chan_blocked) {
        t->chan_blocked->waiting = NULL;
        t->chan_blocked = NULL;
    }
    for (int slot = 0; slot < CHANNEL_HANDLES; slot++) {
        if (t->handles[slot]) {
            release_end(t, t->handles[slot], t->handle_dir[slot]);
            t->handles[slot] = NULL;
        }
    }
}

/* The holder of the other end of the channel t is blocked on (NULL: t is
 * not blocked on a channel, or nobody holds that end yet). */
struct task *channel_waits_for(struct task *t)
{
    struct channel *ch = t->chan_blocked;
    if (!ch)
        return NULL;
    return ch->end[CHANNEL_SEND] == t ? ch->end[CHANNEL_RECEIVE] : ch->end[CHANNEL_SEND];
}

int channel_blocked_port(const struct task *t)
{
    return t->chan_blocked ? (int)(t->chan_blocked - channels) : -1;
}

/* Block me on ch until the other end comes (or closes). */
static error_t wait_peer(struct task *me, struct channel *ch, int dir)
{
    if (deadlock_check(me, ch->end[!dir]))
        return ERR_DEADLOCK;
    trace_chan_block(me->id, (uint32_t)(ch - channels), dir);
    ch->waiting = me;
    me->chan_blocked = ch;
    return sched_block(BLOCK_CHANNEL);
}

/* The rendezvous: data of `size` from the sender (words, or for shared
 * memory words[0] = its buffer) into the channel; the receiver can take
 * bufsize bytes. Returns the receiver's result; the sender gets OK, or
 * ERR_TOO_LARGE when the receiver's buffer is too small. Inline in both
 * callers: out of line, its frame (eight saved registers on rv32) cost
 * more than moving 16 bytes. */
static inline __attribute__((always_inline))
error_t transfer(struct channel *ch, struct task *snd, uint32_t size,
                 const uint32_t words[4], uint32_t bufsize,
                 struct task *rcv, error_t *snd_result)
{
    /* LAB channels BEGIN
     * the rendezvous of snd and rcv on ch: size bytes (in words[0..3] when
     * size <= CHANNEL_FAST_MAX, else at words[0] in snd's memory) for a
     * receiver that can take bufsize. Too large: nothing moves, *snd_result =
     * ERR_TOO_LARGE, return ERR_TOO_SMALL. Else trace_chan_xfer(snd->id,
     * rcv->id, port, size, size > CHANNEL_FAST_MAX) (graders read it); fast
     * path: words into rcv's saved registers 1..4 (arch_task_frame,
     * arch_frame_set); shared page: vm_copy_from_user into ch->shm and the
     * window address (shm_window) into register 1. *snd_result = OK; return
     * size, the receiver's result.
     * STUB (void)ch; (void)snd; (void)size; (void)words; (void)bufsize; (void)rcv;
     * STUB *snd_result = ERR_NO_SYSCALL;
     * STUB return ERR_NO_SYSCALL;
     */
    if (size > bufsize) {
        *snd_result = ERR_TOO_LARGE;
        return ERR_TOO_SMALL;                  /* nothing moves */
    }
    ch->last_xfer = size | XFER_SEEN;          /* for debuggers: GDB's chans */
    trace_chan_xfer(snd->id, rcv->id, (uint32_t)(ch - channels), size, size > CHANNEL_FAST_MAX);
    /* Straight into the receiver's saved registers: nothing of this
     * transfer stays in the channel for a next sender to overwrite. */
    struct arch_frame *f = arch_task_frame(&rcv->arch);
    if (size <= CHANNEL_FAST_MAX) {
        for (int i = 0; i < 4; i++)
            arch_frame_set(f, i + 1, words[i]);
    } else {
        vm_copy_from_user(snd, (void *)ch->shm, words[0], size);
        arch_frame_set(f, 1, (uint32_t)shm_window(ch));
    }
    *snd_result = OK;
    return (error_t)size;                      /* the receiver's result */
    /* LAB channels END */
}

/* channel_send: size bytes (in words[], or at words[0] in the sender's
 * memory when larger than CHANNEL_FAST_MAX). If the receiver waits, the
 * rendezvous happens now; otherwise the sender blocks (deadlock checked
 * first) until it comes, or the end closes (ERR_CLOSED). Returns OK, or
 * ERR_TOO_LARGE when the receiver's buffer was too small. */
long channel_sys_send(struct task *me, uintptr_t uhandle, uint32_t size,
                      const uint32_t words[4])
{
    int slot;
    error_t err = lookup(me, uhandle, &slot);
    if (err != OK)
        return err;
    struct channel *ch = me->handles[slot];
    int dir = me->handle_dir[slot];
    if (dir != CHANNEL_SEND)
        return ERR_BAD_HANDLE;
    if (size > CHANNEL_SHM_MAX)
        return ERR_TOO_LARGE;
    if (size > CHANNEL_FAST_MAX && !vm_user_ok(me, words[0], size, false))
        return ERR_BAD_ADDRESS;
    /* LAB channels BEGIN
     * the send half of the rendezvous. If the receive end's holder waits on
     * ch (ch->waiting == ch->end[CHANNEL_RECEIVE]): transfer now, into its
     * ch->rcv_bufsize, wake it (wake_waiting) with its result, and return
     * ours. Else leave size and words in the channel (ch->size, ch->words) and
     * block for the receiver: wait_peer(me, ch, dir).
     * STUB (void)ch; (void)words; (void)wake_waiting; (void)transfer;
     * STUB return ERR_NO_SYSCALL;
     */
    struct task *rcv = ch->end[CHANNEL_RECEIVE];
    if (rcv && ch->waiting == rcv) {          /* the receiver is there */
        error_t snd_result;
        error_t rcv_result = transfer(ch, me, size, words, ch->rcv_bufsize, rcv, &snd_result);
        wake_waiting(ch, rcv_result);
        return snd_result;
    }
    ch->size = size;
    memcpy(ch->words, words, sizeof(ch->words));
    return wait_peer(me, ch, dir);
    /* LAB channels END */
}

/* channel_rcv: into a buffer of bufsize bytes. Meets a waiting sender now
 * or blocks for one. Returns the size received, ERR_TOO_SMALL (nothing
 * moved, the sender gets ERR_TOO_LARGE) or ERR_CLOSED. */
long channel_sys_recv(struct task *me, uintptr_t uhandle, uintptr_t ubuf,
                      uint32_t bufsize)
{
    int slot;
    error_t err = lookup(me, uhandle, &slot);
    if (err != OK)
        return err;
    struct channel *ch = me->handles[slot];
    int dir = me->handle_dir[slot];
    if (dir != CHANNEL_RECEIVE)
        return ERR_BAD_HANDLE;
    if (!vm_user_ok(me, ubuf, bufsize, true))
        return ERR_BAD_ADDRESS;
    /* LAB channels BEGIN
     * the receive half of the rendezvous. If the sender holder waits on ch
     * (ch->waiting == ch->end[CHANNEL_SEND]): transfer now, from what it left
     * in ch->size and ch->words, wake it (wake_waiting) with its result, and
     * return ours. Else remember bufsize (ch->rcv_bufsize) and block for the
     * sender: wait_peer(me, ch, dir), which checks for deadlock first.
     * STUB (void)ch; (void)wait_peer;
     * STUB return ERR_NO_SYSCALL;
     */
    struct task *snd = ch->end[CHANNEL_SEND];
    if (snd && ch->waiting == snd) {          /* the sender is there */
        error_t snd_result;
        err = transfer(ch, snd, ch->size, ch->words, bufsize, me, &snd_result);
        wake_waiting(ch, snd_result);
        return err;
    }
    ch->rcv_bufsize = bufsize;
    return wait_peer(me, ch, dir);   /* the size, or an error */
    /* LAB channels END */
}
