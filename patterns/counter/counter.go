// Package counter shows lost updates on a shared counter, and three ways to
// avoid them.
//
// Python: two threads run `counter += 1` and `counter -= 1` a million times
// each; the result is not 0, because `+=` reads, adds and writes in separate
// steps and a thread switch between them loses the other thread's writes.
// (CPython 3.9 ended far from 0; 3.10 and later switch threads only at
// calls and loop jumps, so a bare `+=` on an int rarely loses one there,
// but a call between the read and the write, or free-threaded Python, shows
// the loss again: `+=` is still not atomic.) Wrapping the update in
// `with lock:` fixes it.
//
// Go runs the same race with goroutines, half of them adding 1 and half
// subtracting 1, in four variants one after the other:
//
//   - naiveCounter reads, yields, writes: Python's `+=` spelled out. Its
//     load and store are atomic, so it has no Go data race (the race detector
//     stays quiet and the program stays well defined), yet it loses updates,
//     because nothing makes the read and the write one step.
//   - mutexCounter guards the field with a sync.Mutex: Python's Lock.
//   - atomicCounter uses atomic.Int64.Add, one indivisible read-add-write.
//   - the owner variant gives the counter to one goroutine and has the
//     others send it +1 or -1 over a channel: "share memory by
//     communicating".
//
// Each variant's goroutines are waited for before the next starts, so the
// variants never overlap. Cancelling the run's context stops the counting
// goroutines at their next check, every few thousand additions.
package counter

import (
	"context"
	_ "embed"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed counter.go
var Source string

// Config are the knobs. The zero Config is valid: no goroutines, so every
// variant ends at 0.
type Config struct {
	Iterations int // additions per goroutine
	// Goroutines counting in each variant: the even-numbered ones add 1,
	// the odd-numbered ones add -1, so with an even number the expected
	// final value is 0.
	Goroutines int
	// Yield makes naiveCounter call runtime.Gosched between its read and
	// its write, the way a thread switch falls between them in Python.
	Yield bool
}

// Result is what a run measured.
type Result struct {
	Expected int64 // the final value of a complete run that loses no update
	Naive    Outcome
	Mutex    Outcome
	Atomic   Outcome
	Owner    Outcome
}

// Outcome is one variant's run.
type Outcome struct {
	Ran      bool  // false if the run was stopped before this variant
	Final    int64 // the counter's value once every goroutine returned
	Expected int64 // the sum of the additions made: Final if none was lost
	Adds     int   // additions made, summed over the goroutines
	Elapsed  time.Duration
}

// paceEvery is how many additions a goroutine makes between checks for
// cancellation (and, in the browser, pauses that let the run worker's event
// loop run: Stop, the batches to the page).
const paceEvery = 1024

// Run runs the four variants one after the other and returns when every
// goroutine it started has exited. If ctx is cancelled, the variant in
// progress stops early, the rest do not run, and Run returns ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	// res is written by main alone; Wait orders that before the return.
	res := Result{Expected: expected(cfg)}
	// Python's main thread is a goroutine of its own here, so that its
	// waiting and its reports show up beside the counting goroutines.
	main := timeline.NewGroup(rec)
	main.Go(ctx, "main", func(ctx context.Context) error {
		for _, v := range []struct {
			name string
			out  *Outcome
			run  func(ctx context.Context, rec *timeline.Recorder, cfg Config) (Outcome, error)
		}{
			{"naive", &res.Naive, runNaive},
			{"mutex", &res.Mutex, runMutex},
			{"atomic", &res.Atomic, runAtomic},
			{"owner", &res.Owner, runOwner},
		} {
			if ctx.Err() != nil {
				return nil
			}
			start := time.Now()
			out, err := v.run(ctx, rec, cfg)
			out.Ran, out.Elapsed = true, time.Since(start)
			*v.out = out
			if err != nil {
				return err // a panic in a counting goroutine
			}
			timeline.Logf(ctx, "%s: final value %d, expected %d (%v)", v.name, out.Final, out.Expected, out.Elapsed.Round(time.Millisecond))
		}
		return nil
	})
	err := main.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// expected is the final value of a run that loses no update.
func expected(cfg Config) int64 {
	var sum int64
	for i := range max(cfg.Goroutines, 0) {
		sum += delta(i) * int64(max(cfg.Iterations, 0))
	}
	return sum
}

// naiveCounter is Python's `counter += 1` without a lock: a read, then a
// write of what was read plus delta. Between the two, other goroutines may
// write; the write then overwrites their updates, which are lost.
//
// Each access is atomic, so this is not a data race in Go's sense: the
// race detector reports nothing and every read sees some value that was
// written. The bug is at a higher level: the read-modify-write as a whole
// is not atomic. (A plain int would be a data race too, and on one thread
// in the browser it would rarely show, since goroutines there switch only
// where they block or yield.)
type naiveCounter struct {
	n     atomic.Int64
	yield bool
}

func (c *naiveCounter) add(_ context.Context, delta int64) {
	v := c.n.Load()
	if c.yield {
		// Let other goroutines run between the read and the write, as a
		// thread switch can in Python: they read the same v.
		runtime.Gosched()
	}
	c.n.Store(v + delta)
}

// mutexCounter is Python's `with lock: counter += 1`.
type mutexCounter struct {
	mu sync.Mutex
	n  int64 // guarded by mu
}

func (c *mutexCounter) add(_ context.Context, delta int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// No other goroutine can read or write n until Unlock, so no update
	// made between this read and this write can be lost.
	c.n += delta
}

func runNaive(ctx context.Context, rec *timeline.Recorder, cfg Config) (Outcome, error) {
	c := &naiveCounter{yield: cfg.Yield}
	out, err := count(ctx, rec, "naive", cfg, c.add)
	out.Final = c.n.Load()
	return out, err
}

func runMutex(ctx context.Context, rec *timeline.Recorder, cfg Config) (Outcome, error) {
	var c mutexCounter
	out, err := count(ctx, rec, "mutex", cfg, c.add)
	// count has waited for every goroutine that used c, so c is ours alone.
	out.Final = c.n
	return out, err
}

func runAtomic(ctx context.Context, rec *timeline.Recorder, cfg Config) (Outcome, error) {
	// Add reads, adds and writes as one indivisible step.
	var n atomic.Int64
	out, err := count(ctx, rec, "atomic", cfg, func(_ context.Context, delta int64) { n.Add(delta) })
	out.Final = n.Load()
	return out, err
}

// ownerBuffer lets the counting goroutines run ahead of the owner by that
// many requests. Every +1 and -1 is still its own message, applied by the
// owner alone; the buffer only saves a goroutine switch per message, which
// matters in the browser, where one switch costs about 0.5µs.
const ownerBuffer = 64

// runOwner gives the counter to one goroutine, which alone reads and writes
// it; the counting goroutines send it deltas instead of touching it.
func runOwner(ctx context.Context, rec *timeline.Recorder, cfg Config) (Outcome, error) {
	requests := make(chan int64, ownerBuffer)
	var n int64 // owned by the owner goroutine; read here after it returned
	owner := timeline.NewGroup(rec)
	owner.Go(ctx, "owner/counter", func(ctx context.Context) error {
		// It does not watch ctx: it receives until requests is closed,
		// which follows at once when the senders stop.
		// A receive or a send that has to wait is shown waiting: requests
		// is a plain channel, which the recorder does not see.
		for {
			delta, ok := timeline.Receive(ctx, requests, "a request")
			if !ok {
				return nil
			}
			n += delta
		}
	})
	// A send cannot block forever: the owner receives until requests is
	// closed, and that happens only after every sender has returned.
	out, err := count(ctx, rec, "owner", cfg, func(ctx context.Context, delta int64) {
		timeline.Send(ctx, requests, delta, "room in requests")
	})
	// Every sender has returned, so no send can follow: this function owns
	// requests and closes it, which ends the owner's loop.
	close(requests)
	if werr := owner.Wait(); err == nil {
		err = werr
	}
	out.Final = n
	return out, err
}

// count runs cfg.Goroutines goroutines that each call add(+1) or add(-1)
// cfg.Iterations times, and waits for them. It returns how many additions
// they made (fewer if ctx was cancelled) and their sum, and the goroutines'
// errors (panics); the caller fills in Final.
func count(ctx context.Context, rec *timeline.Recorder, variant string, cfg Config, add func(ctx context.Context, delta int64)) (Outcome, error) {
	adds := make([]int, max(cfg.Goroutines, 0)) // each goroutine writes only its own
	g := timeline.NewGroup(rec)
	for i := range adds {
		name := fmt.Sprintf("%s/plus-%d", variant, i)
		if delta(i) < 0 {
			name = fmt.Sprintf("%s/minus-%d", variant, i)
		}
		g.Go(ctx, name, func(ctx context.Context) error {
			adds[i] = addMany(ctx, cfg.Iterations, delta(i), add)
			return nil
		})
	}
	resume := timeline.Wait(ctx, timeline.Waiting, variant+" goroutines to finish")
	err := g.Wait()
	resume()
	var out Outcome
	for i, n := range adds {
		out.Adds += n
		out.Expected += int64(n) * delta(i)
	}
	return out, err
}

// delta is what goroutine i adds each time.
func delta(i int) int64 {
	if i%2 == 1 {
		return -1
	}
	return 1
}

// addMany calls add(ctx, delta) n times, or until ctx is cancelled, and returns
// how many times it did. It is a CPU-bound loop, so it calls timeline.Pace
// regularly: that is where it notices cancellation, and in the browser,
// with one thread and no preemption, where it lets the worker's event loop
// run.
func addMany(ctx context.Context, n int, delta int64, add func(ctx context.Context, delta int64)) int {
	timeline.Logf(ctx, "adding %+d, %d times", delta, n)
	for i := range n {
		if i%paceEvery == 0 && timeline.Pace(ctx) != nil {
			timeline.Logf(ctx, "stopped after %d", i)
			return i
		}
		add(ctx, delta)
	}
	return max(n, 0)
}
