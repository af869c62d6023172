// Package queues shows what a queue's blocking does to the goroutines
// around it: get waits for a put, a full queue makes put wait for a get, and
// join waits until every item has been processed.
//
// Python: the main thread puts items into a queue.Queue(1); worker threads
// loop on q.get(), process the item, and call q.task_done(); the main
// thread calls q.join() to wait until every item put has been processed.
//
// Go: the queue is a channel of capacity Buffer. A receive blocks until a
// send (q.get), and a send into a full buffer blocks until a receive (put
// on a Queue(1)). task_done and join become structure instead of counting:
// main, the only goroutine that puts, owns the queue and closes it after its
// last put; the workers range over it, so each one returns once the queue
// is closed and drained; and waiting for the workers to return (Wait) is
// join. No counter can be forgotten or decremented twice, and no sentinel
// item is needed to tell workers to stop.
//
// Cancelling the run's context is the Stop button: a blocked put, a blocked
// get and a worker's simulated work are all abandoned at once, and whatever
// was still queued is counted as left.
package queues

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed queues.go
var Source string

// Config are the knobs. The zero Config is valid: an unbuffered queue, no
// items and no workers.
type Config struct {
	Buffer        int           // queue capacity (Python's maxsize); 0 makes every put wait for a get
	Items         int           // items main puts: 0, 1, … Items-1
	Consumers     int           // worker goroutines getting and processing items
	ProducerDelay time.Duration // main's pause before each put
	ConsumerDelay time.Duration // the work of processing one item
}

// Result is what a run measured.
type Result struct {
	Put         int     // items main put into the queue
	Processed   int     // items whose processing finished
	Done        [][]int // per worker, the items it finished, in order
	Left        int     // still queued when a stopped run ended
	MaxQueueLen int

	// Blocked is how long main, the producer, waited on put in all: the
	// time a full queue held it back.
	Blocked time.Duration
	// LastDone is when the last item's processing finished and Joined when
	// join returned, both since the start of the run: join returns only
	// after every item was processed, so Joined ≥ LastDone.
	LastDone, Joined time.Duration
	Elapsed          time.Duration
}

// Run puts Items items into a queue of capacity Buffer while Consumers
// workers get and process them, then waits for all of them to be
// processed. It returns when every goroutine it started has exited: after
// the join, or at once when ctx is cancelled, in which case it also returns
// ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	q := timeline.NewQueue[int](rec, "queue", cfg.Buffer)

	// Python's main thread is a goroutine of its own here, so that its puts,
	// its blocking and its join show up beside the workers. res is written
	// by main alone; Wait orders that before the reads below.
	var res Result
	main := timeline.NewGroup(rec)
	main.Go(ctx, "main", func(ctx context.Context) error {
		var err error
		res, err = produceAndJoin(ctx, cfg, rec, q, start)
		return err
	})
	err := main.Wait()

	res.Left = len(q.Drain())
	stats := q.Stats()
	res.MaxQueueLen, res.Blocked = stats.MaxLen, stats.PutWait
	res.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// produceAndJoin is Python's main thread: start the workers, put the items,
// then join.
// Its error is a worker's panic, if any.
func produceAndJoin(ctx context.Context, cfg Config, rec *timeline.Recorder, q *timeline.Queue[int], start time.Time) (Result, error) {
	// Each worker writes only its own tally; Wait orders those writes
	// before the reads below.
	tallies := make([]tally, max(cfg.Consumers, 0))
	workers := timeline.NewGroup(rec)
	for i := range tallies {
		workers.Go(ctx, fmt.Sprintf("worker-%d", i), func(ctx context.Context) error {
			return work(ctx, q, cfg.ConsumerDelay, start, &tallies[i])
		})
	}

	var res Result
	for item := range max(cfg.Items, 0) {
		if timeline.Sleep(ctx, cfg.ProducerDelay) != nil {
			break // stopped
		}
		// With a full queue this blocks until a worker gets an item: the
		// backpressure that Queue(1) applies in Python too.
		if q.Put(ctx, item) != nil {
			break // stopped while the queue was full; item was not put
		}
		res.Put++ // the queue's own log line says what was put
	}
	// main is the only goroutine that puts, and it has put its last item:
	// it owns the queue and closes it, which tells the workers that no more
	// items will come (Python needs task_done counting or sentinels).
	q.Close(ctx)

	// join: the workers return once they have drained the closed queue, so
	// when Wait returns, every item put has been processed.
	resume := timeline.Wait(ctx, timeline.Waiting, "join: the workers to finish")
	err := workers.Wait()
	resume()
	res.Joined = time.Since(start)

	res.Done = make([][]int, len(tallies))
	for i, t := range tallies {
		res.Done[i] = t.done
		res.Processed += len(t.done)
		res.LastDone = max(res.LastDone, t.lastDone)
	}
	if err == nil && ctx.Err() == nil {
		timeline.Logf(ctx, "all items processed")
	}
	return res, err
}

// tally is one worker's record, written only by that worker.
type tally struct {
	done     []int
	lastDone time.Duration // since the run's start
}

// work is a worker thread's `while True: item = q.get(); …; q.task_done()`.
// Ranging over the queue ends when main has closed it and it is drained, or
// when ctx is cancelled.
func work(ctx context.Context, q *timeline.Queue[int], delay time.Duration, start time.Time, t *tally) error {
	for item := range q.All(ctx) { // the queue's own log line says what was got
		if timeline.Sleep(ctx, delay) != nil {
			return nil // stopped while processing; item is not done
		}
		t.done = append(t.done, item)
		t.lastDone = time.Since(start)
		timeline.Logf(ctx, "done %d", item)
	}
	return nil
}
