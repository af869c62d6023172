// Closing queues, then fan-out.
//
// Python: a ClosableQueue whose close() puts a sentinel that ends __iter__;
// each worker thread runs `for item in self.in_queue:` and exits at the
// sentinel. Shutdown closes each queue and joins its workers, in pipeline
// order; with several workers per stage, once per worker:
//
//	def stop_threads(closable_queue, threads):
//	    for _ in threads:
//	        closable_queue.close()
//	    closable_queue.join()
//	    for thread in threads:
//	        thread.join()
//
// Go: close is the sentinel, built into the channel. One close ends every
// worker ranging over the queue, once they drained it; the run closes a
// queue only after every sender to it has returned.

package pipeline

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
)

// FanOutSource is this file, shown beside the running pattern.
//
//go:embed fanout.go
var FanOutSource string

// Config are Run's knobs. The zero value is valid: no items, one worker per
// stage and unbuffered queues.
type Config struct {
	Items                            int
	Downloaders, Resizers, Uploaders int           // workers per stage; fewer than 1 means 1
	Buffer                           int           // capacity of each queue
	Download, Resize, Upload         time.Duration // each stage's work on one item
}

// Result is what a Run measured.
type Result struct {
	Stages  [3]Stage // download, resize, upload
	Done    []int    // item IDs in the order they reached the done queue
	Workers int      // workers started
	Exited  int      // workers that returned
	Elapsed time.Duration
}

// Stage is what one stage's workers did together.
type Stage struct {
	Name    string
	Workers int
	Items   int // items worked on and passed on
	Sum     int // the sum of their IDs, to check that each passed once
}

// Throughput returns the finished items per second.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(len(r.Done)) / r.Elapsed.Seconds()
}

// tally is one worker's count, written only by that worker and read by the
// run after the worker's Group returned from Wait.
type tally struct {
	items, sum int
	exited     bool
}

// Run pushes cfg.Items items through download → resize → upload, with
// several workers per stage, and returns once all of them have finished and
// every worker has returned. Cancelling ctx stops it within one operation;
// it then returns ctx's error, and Done holds what got through.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	stages := [3]struct {
		name    string
		workers int
		work    time.Duration
	}{
		{"download", max(cfg.Downloaders, 1), cfg.Download},
		{"resize", max(cfg.Resizers, 1), cfg.Resize},
		{"upload", max(cfg.Uploaders, 1), cfg.Upload},
	}
	// queues[i] feeds stage i; queues[3] is the done queue. Each is closed
	// by its only sender: the first by main, the others by the run once
	// the stage that puts into them has returned.
	queues := [4]*timeline.Queue[int]{
		timeline.NewQueue[int](rec, "download queue", cfg.Buffer),
		timeline.NewQueue[int](rec, "resize queue", cfg.Buffer),
		timeline.NewQueue[int](rec, "upload queue", cfg.Buffer),
		timeline.NewQueue[int](rec, "done queue", cfg.Buffer),
	}

	var res Result
	tallies := [3][]tally{}
	groups := [3]*timeline.Group{}
	for i, s := range stages {
		tallies[i] = make([]tally, s.workers)
		groups[i] = timeline.NewGroup(rec)
		for w := range s.workers {
			t := &tallies[i][w]
			groups[i].Go(ctx, fmt.Sprintf("%s-%d", s.name, w), func(ctx context.Context) error {
				err := worker(ctx, queues[i], queues[i+1], s.work, t)
				t.exited = true
				return err
			})
		}
	}
	// The done queue may be bounded, so someone must empty it while the
	// stages run: Python read it at the end, from an unbounded queue.
	collector := timeline.NewGroup(rec)
	collector.Go(ctx, "collector", func(ctx context.Context) error {
		for id := range queues[3].All(ctx) {
			res.Done = append(res.Done, id) // only the collector writes Done until Wait
		}
		return nil
	})

	// main puts every item, as Python's main thread did, in a Group of its
	// own like every goroutine that touches a queue: its lane shows it
	// blocked on a full download queue.
	feeder := timeline.NewGroup(rec)
	feeder.Go(ctx, "main", func(ctx context.Context) error {
		// The download queue's only sender closes it, cancelled or not:
		// the download workers drain it and return.
		defer queues[0].Close(ctx)
		for id := range cfg.Items {
			if queues[0].Put(ctx, id) != nil {
				return nil // cancelled: shut down as usual, the workers stop at once
			}
		}
		return nil
	})

	// Shutdown in pipeline order, as Python's stop_threads. Each stage's
	// workers drain their queue, see it closed and return; once all of
	// them have (Wait), no put to the next queue can follow, and the run
	// closes that. One close is enough for any number of workers: no
	// sentinel per worker.
	errs := []error{feeder.Wait()}
	for i := range stages {
		errs = append(errs, groups[i].Wait())
		queues[i+1].Close(ctx)
	}
	errs = append(errs, collector.Wait())

	for i, s := range stages {
		res.Stages[i] = Stage{Name: s.name, Workers: s.workers}
		for _, t := range tallies[i] {
			res.Stages[i].Items += t.items
			res.Stages[i].Sum += t.sum
			res.Workers++
			if t.exited {
				res.Exited++
			}
		}
	}
	res.Elapsed = time.Since(start)
	err := errors.Join(errs...)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// worker is Python's StoppableWorker: it gets items from in until in is
// closed and drained (the built-in sentinel) or ctx is cancelled, works on
// each and puts it on out. It never closes out: other workers of its stage
// may still put on it.
func worker(ctx context.Context, in, out *timeline.Queue[int], work time.Duration, t *tally) error {
	for item := range in.All(ctx) {
		if timeline.Sleep(ctx, work) != nil {
			return nil
		}
		if out.Put(ctx, item) != nil {
			return nil
		}
		t.items++
		t.sum += item
	}
	return nil
}
