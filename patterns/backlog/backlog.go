// Package backlog shows what a queue without a bound does when its consumer
// is slower than its producer: it keeps everything the consumer has not
// taken yet, and that backlog, with the memory behind it, grows for as long
// as the run lasts.
//
// Python: queue.Queue() with no maxsize accepts every put at once, so a fast
// producer piles items up; queue.Queue(maxsize=n) makes put wait while n
// items are queued, which holds the producer to the consumer's pace.
//
// Go: the bounded queue is a channel of capacity Bound. Go has no unbounded
// channel; the idiom is a goroutine that owns a slice between an in channel
// and an out channel (Sameer Ajmani, "Advanced Go Concurrency Patterns"). It
// always receives from in, and offers its oldest item on out only while it
// holds one: otherwise its out is nil, and a nil channel is never ready in a
// select. Only that goroutine touches the slice, so it needs no lock.
//
// Who closes: the producer is the only sender into in (or the bounded
// queue), so it closes it when it stops. The buffer then delivers what it
// holds and closes out, which ends the consumer's range loop.
//
// What stops: the run duration stops the producer. By default it stops the
// consumer and the buffer too, and what the buffer or queue still holds is
// counted as left; with Drain the consumer first works off the backlog.
// Cancelling ctx stops everyone at once.
package backlog

import (
	"context"
	_ "embed"
	"iter"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed backlog.go
var Source string

// Config are the knobs. The zero Config is valid: an unbounded buffer and a
// run that ends at once. With no producer delay the producer runs flat out,
// and an unbounded buffer grows as fast as the machine allows.
type Config struct {
	Bound         int           // queue capacity (Python's maxsize); 0 is the unbounded buffer
	Duration      time.Duration // how long the producer produces
	ProducerDelay time.Duration // before each item
	ConsumerDelay time.Duration // after each item: the slow consumer's work
	Size          int           // payload bytes per item
	Drain         bool          // after the duration, the consumer takes what is held
}

// Result is what a run measured.
type Result struct {
	Produced int // items put
	Consumed int // items the consumer took
	Left     int // still held when the run ended

	MaxHeld  int           // most items held at once by the buffer or queue
	MaxBytes int64         // MaxHeld × Size: the payloads they kept alive
	Blocked  time.Duration // the producer's time inside put, waiting for room
	Elapsed  time.Duration
}

// item is one message. Its payload is what makes a backlog cost memory.
type item struct {
	seq     int
	payload []byte
}

// Run runs the producer and the consumer, with the unbounded buffer between
// them when Bound is 0, and returns when all have exited: after the
// duration (and the drain, with Drain), or at once when ctx is cancelled,
// in which case it also returns ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()

	// The stop event: the producer stops when the duration is over.
	stopCtx, stop := context.WithTimeout(ctx, cfg.Duration)
	defer stop()
	// The consumer's side stops with the producer, unless it drains: then
	// only closing or cancelling ends it.
	drainCtx := stopCtx
	if cfg.Drain {
		drainCtx = ctx
	}

	var res Result
	var err error
	if cfg.Bound > 0 {
		res, err = runBounded(stopCtx, drainCtx, cfg, rec)
	} else {
		res, err = runUnbounded(stopCtx, drainCtx, cfg, rec)
	}
	res.MaxBytes = int64(res.MaxHeld) * int64(max(cfg.Size, 0))
	res.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// runBounded is Queue(maxsize=Bound): a channel of that capacity, whose
// length the queue's own chart shows. A full queue makes put wait.
func runBounded(stopCtx, drainCtx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	q := timeline.NewQueue[item](rec, "queue", cfg.Bound)
	var res Result // each goroutine writes its own fields; read after Wait
	g := timeline.NewGroup(rec)
	g.Go(stopCtx, "producer", func(ctx context.Context) error {
		defer q.Close(ctx) // the only sender closes: no put can follow
		res.Produced, res.Blocked = produce(ctx, cfg, q.Put)
		return nil
	})
	g.Go(drainCtx, "consumer", func(ctx context.Context) error {
		res.Consumed = consume(ctx, q.All(ctx), cfg.ConsumerDelay)
		return nil
	})
	err := g.Wait()
	res.Left = len(q.Drain())
	res.MaxHeld = q.Stats().MaxLen
	return res, err
}

// runUnbounded is Queue() with no maxsize: the buffer goroutine between an
// unbuffered in and out takes every item the producer sends, at once.
func runUnbounded(stopCtx, drainCtx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	in, out := make(chan item), make(chan item)
	held := holding{
		items: timeline.NewGauge(rec, "held", "items"),
		bytes: timeline.NewGauge(rec, "held bytes", "bytes"),
		size:  int64(max(cfg.Size, 0)),
	}
	var res Result // each goroutine writes its own fields; read after Wait
	var left []item
	g := timeline.NewGroup(rec)
	g.Go(stopCtx, "producer", func(ctx context.Context) error {
		defer close(in) // the only sender closes: no send can follow
		res.Produced, res.Blocked = produce(ctx, cfg, func(ctx context.Context, it item) error {
			// The buffer is always ready to receive except between two of
			// its selects, so this waits only for an instant.
			select {
			case in <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		return nil
	})
	g.Go(drainCtx, "buffer", func(ctx context.Context) error {
		left = buffer(ctx, in, out, held)
		return nil
	})
	g.Go(drainCtx, "consumer", func(ctx context.Context) error {
		res.Consumed = consume(ctx, received(ctx, out, "an item on out"), cfg.ConsumerDelay)
		return nil
	})
	err := g.Wait()
	res.Left = len(left)
	res.MaxHeld = int(held.items.Max())
	return res, err
}

// buffer is the unbounded queue between in and out. It is the only
// goroutine that touches buf, so buf needs no lock: the channels hand items
// in and out.
//
// It receives from in whenever it can. It offers buf[0] on out only while
// it holds an item; otherwise send stays nil, and a send on a nil channel is
// never ready, which switches that case off. When in is closed it stops
// receiving (in becomes nil too), delivers what it holds, and returns. It
// closes out on every return, which ends the consumer's range loop. When
// ctx is done it returns at once with the items it still held.
func buffer(ctx context.Context, in <-chan item, out chan<- item, held holding) (left []item) {
	defer close(out) // buffer is out's only sender
	var buf []item
	for in != nil || len(buf) > 0 {
		var send chan<- item // nil while there is nothing to send
		var first item
		if len(buf) > 0 {
			send, first = out, buf[0]
		}
		resume := timeline.Wait(ctx, timeline.Waiting, "in or out")
		select {
		case it, ok := <-in:
			resume()
			if !ok {
				timeline.Logf(ctx, "in closed with %d items held", len(buf))
				in = nil
				continue
			}
			buf = append(buf, it)
		case send <- first:
			resume()
			buf[0] = item{} // drop the reference so the payload can be freed
			buf = buf[1:]
		case <-ctx.Done():
			resume()
			return buf
		}
		held.set(ctx, len(buf))
	}
	return nil
}

// holding charts what the buffer holds: items, and the payload bytes they
// keep alive. The count is exact: the buffer's slice really holds them.
type holding struct {
	items, bytes *timeline.Gauge
	size         int64
}

func (h holding) set(ctx context.Context, n int) {
	h.items.Set(ctx, int64(n))
	h.bytes.Set(ctx, int64(n)*h.size)
}

// produce makes an item of Size bytes after every ProducerDelay and puts
// it, until ctx (the stop event) is done. It returns how many items it put
// and how long put kept it waiting.
func produce(ctx context.Context, cfg Config, put func(context.Context, item) error) (n int, blocked time.Duration) {
	defer func() { timeline.Logf(ctx, "stopped after %d items", n) }()
	for {
		if timeline.Sleep(ctx, cfg.ProducerDelay) != nil {
			return n, blocked
		}
		it := item{seq: n, payload: make([]byte, max(cfg.Size, 0))}
		start := time.Now()
		err := put(ctx, it)
		blocked += time.Since(start)
		if err != nil {
			return n, blocked // stopped while waiting: it was not put
		}
		n++
	}
}

// consume takes items, spending ConsumerDelay on each, until items ends
// (the queue is closed and drained) or ctx is done. It returns how many it
// took.
func consume(ctx context.Context, items iter.Seq[item], delay time.Duration) (n int) {
	for it := range items {
		n++
		timeline.Logf(ctx, "consumed item %d", it.seq)
		if timeline.Sleep(ctx, delay) != nil {
			break
		}
	}
	return n
}

// received ranges over ch until its owner closes it: buffer closes out on
// every return, cancel included, so this always ends. A receive that has to
// wait is shown as waiting for what (timeline.Receive).
func received[T any](ctx context.Context, ch <-chan T, what string) iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := timeline.Receive(ctx, ch, what)
			if !ok || !yield(v) {
				return
			}
		}
	}
}
