// Package prodcons is the classic bounded-queue producer/consumer.
//
// Python: producers put random messages into a queue.Queue(maxsize=10) until
// a threading.Event is set; a consumer gets and stores them while the event
// is not set or the queue is not empty.
//
// Go: the queue is a channel of capacity Buffer (0 makes every put a
// rendezvous with a get). The stop event is a context whose deadline is the
// run duration: producers put until it is done. The run, as the queue's
// owner, closes the queue once every producer has returned, and consumers
// drain it with a range loop; closing replaces both the event check and
// Python's sentinel. Cancelling the run's own context is the Stop button: it
// aborts everyone at once, and what was still queued is counted as left.
//
// A full queue blocks the producers: that is the backpressure this pattern
// shows, measured as the time producers spent blocked on put.
package prodcons

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed prodcons.go
var Source string

// Config are the knobs. The zero Config is valid: an unbuffered queue, no
// goroutines, and a run that ends at once.
type Config struct {
	Buffer        int           // queue capacity (Python's maxsize)
	Producers     int           // producer goroutines
	Consumers     int           // consumer goroutines
	Duration      time.Duration // when the stop event is set
	ProducerDelay time.Duration // before each put
	ConsumerDelay time.Duration // after each get
}

// Result is what a run measured.
type Result struct {
	Produced, ProducedSum int // messages put, and the sum of their values
	Consumed, ConsumedSum int // messages got and stored
	Left, LeftSum         int // still queued when a stopped run ended
	MaxQueueLen           int
	PutWait, MaxPutWait   time.Duration // producers' time blocked on a full queue
	Producing             time.Duration // from the start until the last producer returned
	Elapsed               time.Duration
}

// tally is one goroutine's count, written only by that goroutine and read
// after it returned (Group.Wait orders the two).
type tally struct{ n, sum int }

func (t *tally) add(msg int) { t.n++; t.sum += msg }

// Run runs the producers and consumers and returns when all have exited:
// after the duration and the drain, or at once when ctx is cancelled, in
// which case it also returns ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	q := timeline.NewQueue[int](rec, "queue", cfg.Buffer)

	// The stop event: producers stop when the duration is over.
	stopCtx, stop := context.WithTimeout(ctx, cfg.Duration)
	defer stop()

	produced := make([]tally, max(cfg.Producers, 0))
	producers := timeline.NewGroup(rec)
	for i := range produced {
		producers.Go(stopCtx, fmt.Sprintf("producer-%d", i), func(ctx context.Context) error {
			return produce(ctx, q, cfg.ProducerDelay, &produced[i])
		})
	}

	// Consumers are not told about the stop event: they end when the queue
	// is closed and drained, or when the whole run is cancelled.
	consumed := make([]tally, max(cfg.Consumers, 0))
	consumers := timeline.NewGroup(rec)
	for i := range consumed {
		consumers.Go(ctx, fmt.Sprintf("consumer-%d", i), func(ctx context.Context) error {
			return consume(ctx, q, cfg.ConsumerDelay, &consumed[i])
		})
	}

	err := producers.Wait()
	producing := time.Since(start)
	// Every producer has returned, so no put can follow: the run owns the
	// queue and closes it.
	q.Close(ctx)
	err = errors.Join(err, consumers.Wait())

	var res Result
	for _, t := range produced {
		res.Produced += t.n
		res.ProducedSum += t.sum
	}
	for _, t := range consumed {
		res.Consumed += t.n
		res.ConsumedSum += t.sum
	}
	for _, msg := range q.Drain() {
		res.Left++
		res.LeftSum += msg
	}
	stats := q.Stats()
	res.MaxQueueLen, res.PutWait, res.MaxPutWait = stats.MaxLen, stats.PutWait, stats.MaxPutWait
	res.Producing, res.Elapsed = producing, time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// produce puts random messages 1–11 until ctx (the stop event) is done.
func produce(ctx context.Context, q *timeline.Queue[int], delay time.Duration, t *tally) error {
	for {
		msg := rand.IntN(11) + 1
		if timeline.Sleep(ctx, delay) != nil {
			return nil // the stop event is set
		}
		if q.Put(ctx, msg) != nil {
			return nil // stopped while the queue was full; msg was not put
		}
		t.add(msg)
	}
}

// consume gets and stores messages until the queue is closed and drained,
// or ctx is cancelled.
func consume(ctx context.Context, q *timeline.Queue[int], delay time.Duration, t *tally) error {
	for msg := range q.All(ctx) {
		t.add(msg)
		timeline.Logf(ctx, "stored %d", msg)
		if timeline.Sleep(ctx, delay) != nil {
			return nil
		}
	}
	return nil
}
