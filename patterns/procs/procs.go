// Package procs ports the course's first multiprocessing example: worker
// processes that each count to N and send their subtotal to the parent,
// once over a shared queue and once over one pipe per worker.
//
// Python: multiprocessing.Process(target=worker, args=(n, q)) for each
// worker, the worker does `for i in range(n): total += 1` and q.put(total),
// and the parent calls q.get() once per worker, then join()s them. With
// Pipe(), each worker gets one end of its own pipe and the parent recv()s
// from the other end of each, in turn.
//
// Go: a worker is a goroutine. The queue is one results channel shared by
// all workers, buffered to the number of workers: every send finds room, so
// a worker always delivers and exits, even when the parent has stopped
// listening. The parent receives exactly that many results, in the order
// the workers finish. The pipe is one 1-buffered channel per worker (like a
// pipe's buffer, a single small send never waits); only worker i sends on
// pipes[i], and the parent receives from each in turn, so it waits for
// worker 0 even if worker 3 is done first. Neither is closed: the parent
// knows how many values to expect, as in Python.
//
// In the browser these workers are goroutines sharing their run worker's one
// thread (the processes lesson gives each a Web Worker of its own), so
// counting is real CPU work that takes turns: the loop calls timeline.Pace
// every paceEvery iterations to let the other goroutines and the worker's
// event loop (Stop, the batches to the page) run, and stops there when the
// run is cancelled. Natively the goroutines run in parallel on as many cores
// as there are.
package procs

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed procs.go
var Source string

// Transport is how results travel from the workers to the parent.
type Transport int

const (
	Queue Transport = iota // one shared channel, like multiprocessing.Queue
	Pipe                   // one channel per worker, like multiprocessing.Pipe
)

func (t Transport) String() string {
	if t == Pipe {
		return "pipe"
	}
	return "queue"
}

// Config are the knobs. The zero Config is valid: no workers, a total of 0.
type Config struct {
	Workers   int // workers, each counting to N
	N         int // how far each worker counts
	Transport Transport
	Processes bool // each worker in a process of its own (processes.go), not a goroutine
}

// Result is what a run measured.
type Result struct {
	Total     int           // the sum of the subtotals the parent received
	Received  int           // how many subtotals it received
	Subtotals []int         // by worker; 0 for a worker not heard from
	Busy      time.Duration // the workers' counting time, summed
	Elapsed   time.Duration
}

// result is what a worker sends to the parent.
type result struct {
	worker, subtotal int
	busy             time.Duration
}

// paceEvery is how many iterations a worker counts between two Pace calls:
// tens of microseconds of work in the browser, so a cancel is noticed at
// once, while the calls and their clock reads cost only a few percent.
const paceEvery = 1 << 14

// Run starts the workers, receives their subtotals as the parent, and
// returns when every worker has exited: after all have reported, or soon
// after ctx is cancelled (each worker stops at its next Pace), in which
// case it also returns ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	workers := max(cfg.Workers, 0)
	res := Result{Subtotals: make([]int, workers)}

	// The parent is a goroutine too, so the UI shows it waiting.
	g := timeline.NewGroup(rec)
	parent := "parent"
	if cfg.Processes {
		parent = "parent (processes)"
	}
	g.Go(ctx, parent, func(ctx context.Context) error {
		if cfg.Processes {
			return runProcesses(ctx, cfg, workers, &res)
		}
		if cfg.Transport == Pipe {
			return viaPipes(ctx, workers, cfg.N, rec, &res)
		}
		return viaQueue(ctx, workers, cfg.N, rec, &res)
	})
	err := g.Wait() // res is written by the parent only, and read after it returned

	res.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// viaQueue is the parent with a multiprocessing.Queue: one channel that all
// workers put into, with room for every result.
func viaQueue(ctx context.Context, workers, n int, rec *timeline.Recorder, res *Result) error {
	results := timeline.NewQueue[result](rec, "results", workers)
	procs := timeline.NewGroup(rec)
	for i := range workers {
		procs.Go(ctx, fmt.Sprintf("worker-%d", i), func(ctx context.Context) error {
			if r, err := work(ctx, i, n); err == nil {
				// Never waits: there is room for every worker's result. It
				// fails only when the run was cancelled.
				results.Put(ctx, r)
			}
			return nil
		})
	}
	// q.get() once per worker, in the order they finish.
	for range workers {
		r, err := results.Get(ctx)
		if err != nil {
			break // cancelled; the workers stop at their next Pace
		}
		res.add(ctx, r)
	}
	return procs.Wait() // join()
}

// viaPipes is the parent with one multiprocessing.Pipe per worker: worker i
// sends on pipes[i] only, and the parent receives from each in turn.
func viaPipes(ctx context.Context, workers, n int, rec *timeline.Recorder, res *Result) error {
	pipes := make([]*timeline.Queue[result], workers)
	procs := timeline.NewGroup(rec)
	for i := range workers {
		pipes[i] = timeline.NewQueue[result](rec, fmt.Sprintf("pipe-%d", i), 1)
		procs.Go(ctx, fmt.Sprintf("worker-%d", i), func(ctx context.Context) error {
			if r, err := work(ctx, i, n); err == nil {
				pipes[i].Put(ctx, r) // never waits: the pipe holds one result
			}
			return nil
		})
	}
	// conn.recv() on each pipe, in worker order.
	for _, p := range pipes {
		r, err := p.Get(ctx)
		if err != nil {
			break
		}
		res.add(ctx, r)
	}
	return procs.Wait()
}

func (res *Result) add(ctx context.Context, r result) {
	res.count(r)
	timeline.Logf(ctx, "received %d from worker %d", r.subtotal, r.worker)
}

// count adds r to the totals.
func (res *Result) count(r result) {
	res.Total += r.subtotal
	res.Received++
	res.Subtotals[r.worker] = r.subtotal
	res.Busy += r.busy
}

// work is the worker's body: count to n, for real, the way the Python
// worker does. Every paceEvery iterations it calls Pace, which on the run
// worker's single thread lets its event loop and the other workers run, and
// returns ctx's error once the run is cancelled. Its busy time leaves out
// those pauses: on one thread it is the worker's own share of the CPU.
func work(ctx context.Context, id, n int) (result, error) {
	start := time.Now()
	var paused time.Duration
	total := 0
	for i := range n {
		if i%paceEvery == 0 {
			t := time.Now()
			err := timeline.Pace(ctx)
			paused += time.Since(t)
			if err != nil {
				timeline.Logf(ctx, "stopped at %d", total)
				return result{}, err
			}
		}
		total++ // the result depends on every iteration: nothing to optimise away
	}
	busy := time.Since(start) - paused
	timeline.Logf(ctx, "counted %d in %v", total, busy.Round(time.Millisecond))
	return result{worker: id, subtotal: total, busy: busy}, nil
}
