package async

import (
	"context"
	_ "embed"
	"sync/atomic"
	"time"

	"chanlab/patterns/timeline"
)

// QueueSource is this file, shown beside the running async queue pattern.
//
//go:embed queue.go
var QueueSource string

// QueueConfig are the knobs of RunQueue. The zero QueueConfig is valid: the
// producer puts nothing and closes the queue, and the consumer exits.
type QueueConfig struct {
	Items         int           // how many items the producer puts: 0, 1, … Items-1
	Buffer        int           // queue capacity; 0 makes each put wait for a get
	ProducerDelay time.Duration // before each put
	ConsumerDelay time.Duration // after each get: the processing
}

// QueueResult is what a RunQueue run measured.
type QueueResult struct {
	Produced    int
	Consumed    []int // in the order the consumer got them
	Left        int   // still queued when a stopped run ended
	MaxQueueLen int
	Closed      bool // the consumer's loop ended because the queue was closed and drained, not stopped
	Exited      int  // goroutines that returned, of the two started
	Elapsed     time.Duration
}

// RunQueue runs a producer and a consumer over a queue: the producer puts
// Items items and closes the queue, and the consumer gets until the queue is
// closed and drained. It returns when both have returned. When ctx is
// cancelled they stop at once, RunQueue returns ctx's error, and what was
// still queued is counted as Left.
//
// Python ends the consumer with an item: `await q.put(None)`, and
// `if item is None: break`. Go ends it with close, which is not an item (see
// the package doc): no value is reserved, and the consumer cannot miss it.
func RunQueue(ctx context.Context, cfg QueueConfig, rec *timeline.Recorder) (QueueResult, error) {
	start := time.Now()
	var res QueueResult
	var exited atomic.Int32
	q := timeline.NewQueue[int](rec, "queue", cfg.Buffer)

	g := timeline.NewGroup(rec)
	g.Go(ctx, "producer", func(ctx context.Context) error {
		defer exited.Add(1)
		// The producer is the queue's only sender, so it owns the queue
		// and closes it, once, after its last put. Deferred, the close
		// also happens when the run is stopped, so the consumer is never
		// left waiting for items that will not come.
		defer q.Close(ctx)
		for i := range cfg.Items {
			if err := timeline.Sleep(ctx, cfg.ProducerDelay); err != nil {
				return err
			}
			if err := q.Put(ctx, i); err != nil {
				return err // stopped while the queue was full; i was not put
			}
			res.Produced++
			timeline.Logf(ctx, "produced %d", i)
		}
		timeline.Logf(ctx, "no more items: close the queue")
		return nil
	})
	g.Go(ctx, "consumer", func(ctx context.Context) error {
		defer exited.Add(1)
		// `for item := range ch`: the loop ends when the queue is closed
		// and every item before the close has been got. That is the
		// sentinel check, done by the channel.
		for item := range q.All(ctx) {
			res.Consumed = append(res.Consumed, item)
			timeline.Logf(ctx, "consumed %d", item)
			if err := timeline.Sleep(ctx, cfg.ConsumerDelay); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err // stopped, not ended by the close
		}
		res.Closed = true
		timeline.Logf(ctx, "queue closed and drained: done")
		return nil
	})
	err := g.Wait()

	// Both goroutines have returned: the fields they wrote are safe to read.
	res.Left = len(q.Drain())
	res.MaxQueueLen = q.Stats().MaxLen
	res.Exited = int(exited.Load())
	res.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return res, err
}
