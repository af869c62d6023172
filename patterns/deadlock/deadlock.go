// Package deadlock shows the simplest deadlock of the course: a get on an
// empty queue that nobody will ever put to.
//
// Python: q.get() on an empty queue.Queue blocks the calling thread until
// some other thread puts; if the only thread that would put runs after the
// get, the program hangs forever, silently.
//
// Go: NaiveRun makes the same mistake in a form that is easy to write by
// accident: it starts the consumer, waits for it to finish, and only then
// starts the producer. The consumer waits on get with no producer, and the
// run waits for the consumer. Go's runtime would report "all goroutines are
// asleep - deadlock!" only if the whole program were stuck, and then kill it
// (in the browser: the run's worker); here the queue operations can still be
// abandoned through ctx, so chanlab's runner spots the stuck run, names each
// goroutine and what it waits on, and stops just that run.
//
// Run is the fix: start the producer before waiting for anyone. The
// producer owns the queue and closes it after its last put; the consumer
// ranges until the close.
package deadlock

import (
	"context"
	_ "embed"
	"errors"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed deadlock.go
var Source string

// Config are the knobs. The zero Config is valid: no items.
type Config struct {
	Items int // how many items the producer puts and the consumer gets
}

// Result is what a run measured.
type Result struct {
	Produced, Consumed int
}

// NaiveRun deadlocks for any Items > 0: the consumer waits for items that
// the producer, started only after the consumer returns, never puts. It
// returns, with ctx's error, only when ctx is done.
func NaiveRun(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	q := timeline.NewQueue[int](rec, "queue", 0)
	var res Result

	consumers := timeline.NewGroup(rec)
	consumers.Go(ctx, "consumer-0", func(ctx context.Context) error {
		return consume(ctx, q, cfg.Items, &res.Consumed)
	})
	// The bug: waiting for the consumer before the producer exists.
	err := consumers.Wait()
	if ctx.Err() != nil {
		// Stopped while the consumer waited, which is the only way it
		// returns early: the producer never gets to run.
		return res, errors.Join(err, ctx.Err())
	}

	producers := timeline.NewGroup(rec)
	producers.Go(ctx, "producer-0", func(ctx context.Context) error {
		defer q.Close(ctx)
		return produce(ctx, q, cfg.Items, &res.Produced)
	})
	return res, errors.Join(err, producers.Wait(), ctx.Err())
}

// Run starts the producer and the consumer together, then waits for both:
// every item is handed over and both return.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	q := timeline.NewQueue[int](rec, "queue", 0)
	var res Result

	g := timeline.NewGroup(rec)
	g.Go(ctx, "producer-0", func(ctx context.Context) error {
		// The producer is the only sender, so it owns the queue and closes
		// it once its last put has returned.
		defer q.Close(ctx)
		return produce(ctx, q, cfg.Items, &res.Produced)
	})
	g.Go(ctx, "consumer-0", func(ctx context.Context) error {
		return consume(ctx, q, cfg.Items, &res.Consumed)
	})
	// Each goroutine writes only its own count; Wait orders those writes
	// before the read of res.
	err := g.Wait()
	return res, errors.Join(err, ctx.Err())
}

func produce(ctx context.Context, q *timeline.Queue[int], items int, produced *int) error {
	for i := range items {
		if err := q.Put(ctx, i+1); err != nil {
			return nil // stopped: the run returns ctx's error
		}
		*produced++
	}
	return nil
}

// consume gets items until it has them all or the queue is closed.
func consume(ctx context.Context, q *timeline.Queue[int], items int, consumed *int) error {
	for *consumed < items {
		_, err := q.Get(ctx)
		if err != nil {
			return nil // closed early, or stopped
		}
		*consumed++ // the queue's own log line says what it got
	}
	return nil
}
