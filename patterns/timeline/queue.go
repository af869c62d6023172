package timeline

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"time"
)

// ErrClosed is returned by Get once a queue is closed and drained.
var ErrClosed = errors.New("queue closed")

// Queue is a named, bounded FIFO: a channel of capacity Cap whose length,
// waiters and blocking times are recorded. Put and Get are a plain send and
// receive in a select with ctx.Done(), so every blocking operation can be
// abandoned; the recording happens only around them.
//
// As with a channel, the goroutine that owns the queue (the only one, or the
// last one, that puts) closes it; getters drain it and then see ErrClosed.
type Queue[T any] struct {
	ch   chan slot[T]
	rec  *Recorder
	id   int32
	name string

	maxLen     atomic.Int64
	maxPutWait atomic.Int64 // nanoseconds
	putWait    atomic.Int64 // nanoseconds, summed over all puts
}

// slot is what the channel carries: an item, and for an item whose put
// blocked, the put's record (see putRecord).
type slot[T any] struct {
	v   T
	put *putRecord
}

// putRecord lets a blocked put be recorded by its getter. The runtime hands
// a blocked putter's item over and only makes the putter ready: the getter
// goes on first (on one thread, always), and would record its get before
// the put that brought the item. So whichever of the two comes first, under
// the recorder's lock, records the put, and a get never precedes the put
// of its item.
type putRecord struct {
	g    int32 // the putter
	done bool  // the put is recorded; guarded by the recorder's lock
}

// NewQueue returns an empty queue of the given capacity (0 means every put
// waits for a get, like an unbuffered channel), recorded into rec under
// name. A negative capacity counts as 0.
func NewQueue[T any](rec *Recorder, name string, capacity int) *Queue[T] {
	capacity = max(capacity, 0)
	_, values := valueOf(*new(T))
	return &Queue[T]{
		ch:   make(chan slot[T], capacity),
		rec:  rec,
		id:   rec.newQueue(name, capacity, values),
		name: name,
	}
}

// Name returns the queue's name.
func (q *Queue[T]) Name() string { return q.name }

// Len returns the number of queued items; like Python's qsize, it is for
// display only, since it may change as soon as it is read.
func (q *Queue[T]) Len() int { return len(q.ch) }

// Cap returns the queue's capacity.
func (q *Queue[T]) Cap() int { return cap(q.ch) }

// Put adds v, waiting while the queue is full. It returns ctx's error,
// leaving the queue unchanged, if ctx is done first.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	t := from(ctx)
	t.yield(ctx)
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case q.ch <- slot[T]{v: v}:
		q.put(t.gid(), v, len(q.ch), nil)
		return nil
	default:
	}
	// The queue is full (or unbuffered with no getter waiting): block, and
	// say so.
	t.setState(BlockedPut, q.id)
	var pr *putRecord
	if q.rec != nil {
		pr = &putRecord{g: t.gid()}
	}
	start := time.Now()
	select {
	case q.ch <- slot[T]{v: v, put: pr}:
		// Running again even if the clock did not move while blocked.
		q.waited(time.Since(start))
		t.setState(Running, -1)
		q.put(t.gid(), v, len(q.ch), pr)
		return nil
	case <-ctx.Done():
		// An abandoned put waited too, as the recorder also counts it.
		q.waited(time.Since(start))
		t.setState(Running, -1)
		return ctx.Err()
	}
}

// waited adds one blocked put's wait to the queue's figures.
func (q *Queue[T]) waited(d time.Duration) {
	q.putWait.Add(int64(d))
	storeMax(&q.maxPutWait, int64(d))
}

// put records goroutine g's put of v, which left n items queued, unless
// its getter has (pr).
func (q *Queue[T]) put(g int32, v T, n int, pr *putRecord) {
	storeMax(&q.maxLen, int64(n))
	if q.rec != nil {
		q.rec.transfer(Put, g, q.id, value(v), n, pr)
	}
}

// Get removes and returns the oldest item, waiting while the queue is
// empty. It returns ErrClosed once the queue is closed and empty, and ctx's
// error if ctx is done first.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	t := from(ctx)
	t.yield(ctx)
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	select {
	case s, ok := <-q.ch:
		return q.got(t, s, ok)
	default:
	}
	t.setState(BlockedGet, q.id)
	select {
	case s, ok := <-q.ch:
		t.setState(Running, -1)
		return q.got(t, s, ok)
	case <-ctx.Done():
		t.setState(Running, -1)
		return zero, ctx.Err()
	}
}

func (q *Queue[T]) got(t *tracked, s slot[T], ok bool) (T, error) {
	if !ok {
		return s.v, ErrClosed
	}
	if q.rec == nil {
		return s.v, nil
	}
	if s.put != nil {
		// Its putter may not have recorded the put yet: the item was
		// in the queue (or, unbuffered, handed over) as it did.
		q.put(s.put.g, s.v, min(len(q.ch)+1, cap(q.ch)), s.put)
	}
	q.rec.transfer(Get, t.gid(), q.id, value(s.v), len(q.ch), nil)
	return s.v, nil
}

// All returns an iterator over the queue's items, the counterpart of
// `for v := range ch`: it gets items until the queue is closed and drained,
// or until ctx is done (check ctx.Err() after the loop to tell which).
func (q *Queue[T]) All(ctx context.Context) iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, err := q.Get(ctx)
			if err != nil || !yield(v) {
				return
			}
		}
	}
}

// Close marks the end of the items: getters drain what is queued, then see
// ErrClosed. Only the owner closes, once, after its last Put returned.
func (q *Queue[T]) Close(ctx context.Context) {
	close(q.ch)
	q.rec.closeQueue(from(ctx).gid(), q.id)
}

// Drain removes and returns whatever is still queued without waiting. A run
// that is stopped before its getters finished uses it to count what was left.
func (q *Queue[T]) Drain() []T {
	var left []T
	for {
		select {
		case s, ok := <-q.ch:
			if !ok {
				return left
			}
			left = append(left, s.v)
		default:
			return left
		}
	}
}

// QueueStats are a queue's measured blocking figures, kept even without a
// recorder. Like the recorder's, the waits count a put that was abandoned.
type QueueStats struct {
	MaxLen     int           // most items it ever held after a put
	MaxPutWait time.Duration // longest a single put waited
	PutWait    time.Duration // all puts' waiting, summed
}

// Stats returns the queue's figures so far.
func (q *Queue[T]) Stats() QueueStats {
	return QueueStats{
		MaxLen:     int(q.maxLen.Load()),
		MaxPutWait: time.Duration(q.maxPutWait.Load()),
		PutWait:    time.Duration(q.putWait.Load()),
	}
}

func storeMax(a *atomic.Int64, v int64) {
	for {
		old := a.Load()
		if v <= old || a.CompareAndSwap(old, v) {
			return
		}
	}
}

// valueOf returns v as an event value, and whether it is one: only
// integers are. Whether they are depends on T alone, so a queue knows it
// from its start (QueueInfo.Values) and its events need not say.
func valueOf[T any](v T) (int64, bool) {
	switch x := any(v).(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		return int64(x), true
	}
	return 0, false
}

// value is v as an event value, or 0.
func value[T any](v T) int64 {
	n, _ := valueOf(v)
	return n
}
