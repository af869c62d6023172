// Package failures shows three ways a run can go wrong that no Go code can
// recover from in place, and what chanlab does about each.
//
// Python: a thread stuck in a loop cannot be killed from outside (there is
// no Thread.kill); an exception in a thread ends only that thread, but
// os._exit or a crash in C code ends the whole process.
//
// Go: cancellation is cooperative. A goroutine that never looks at its
// context (Runaway spins, Stuck waits on a plain channel) cannot be stopped
// by cancelling it, and Run, which waits for its goroutines as every run
// must, cannot return. A panic that no deferred recover catches (Panic
// starts a goroutine outside any timeline.Group) ends the whole program, not
// one goroutine. chanlab runs each run in its own Web Worker, so in both
// cases only the worker is lost: the page terminates a worker that does not
// answer Stop within half a second, reports a worker whose Go runtime died,
// and starts a fresh one for the next run.
//
// The goroutines here give up after Config.Limit, so that tests and
// careless runs end; the lesson is what happens before that.
package failures

import (
	"context"
	_ "embed"
	"errors"
	"sync/atomic"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed failures.go
var Source string

// Mode is the way the run goes wrong.
type Mode int

// The modes.
const (
	Runaway Mode = iota // a goroutine computes without ever checking ctx
	Stuck               // two goroutines wait on each other over plain channels
	Panic               // a goroutine panics, nothing recovers, and the program ends with its worker
)

// Config are the knobs. The zero Config is valid: a runaway loop that
// gives up at once.
type Config struct {
	Mode  Mode
	Limit time.Duration // when the misbehaving goroutines give up on their own
}

// Result is what a run measured.
type Result struct {
	Ignored time.Duration // how long Run went on after ctx was done
	Spins   int64         // loop iterations of the runaway goroutine
}

// ErrForced is the panic value of Panic mode.
var ErrForced = errors.New("failures: a panic nobody recovers")

// In Panic mode the panic comes after panicAfter (or Config.Limit if
// shorter), while a worker finishes an item every workEvery: long enough
// for the page to show the run that the panic ends.
const (
	panicAfter = 500 * time.Millisecond
	workEvery  = 50 * time.Millisecond
)

// Run misbehaves as cfg.Mode says, for up to cfg.Limit, whatever ctx says.
// In Panic mode it ends the program.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	var res Result
	var doneAt atomic.Int64 // when ctx was done, in Unix nanoseconds
	stop := context.AfterFunc(ctx, func() { doneAt.Store(time.Now().UnixNano()) })
	defer stop()

	g := timeline.NewGroup(rec)
	switch cfg.Mode {
	case Runaway:
		g.Go(ctx, "runaway", func(ctx context.Context) error {
			timeline.Logf(ctx, "computing for %v without looking at ctx", cfg.Limit)
			res.Spins = spin(cfg.Limit)
			return nil
		})
	case Stuck:
		// Each waits for the other to send first; neither selects on
		// ctx.Done, so cancelling the run cannot reach them. Only the
		// limit, a timer that closes giveUp, ends the wait.
		ping, pong := make(chan struct{}), make(chan struct{})
		giveUp := make(chan struct{})
		t := time.AfterFunc(cfg.Limit, func() { close(giveUp) })
		defer t.Stop()
		g.Go(ctx, "ping", func(ctx context.Context) error { return waitThenSend(ctx, "pong", pong, ping, giveUp) })
		g.Go(ctx, "pong", func(ctx context.Context) error { return waitThenSend(ctx, "ping", ping, pong, giveUp) })
	case Panic:
		// A worker doing its job, in a Group: it is not the one that
		// panics, yet the panic ends it with the rest of the program.
		g.Go(ctx, "worker", func(ctx context.Context) error {
			for i := 1; timeline.Sleep(ctx, workEvery) == nil; i++ {
				timeline.Logf(ctx, "item %d done", i)
			}
			return nil
		})
		g.Go(ctx, "main", func(ctx context.Context) error {
			in := min(panicAfter, cfg.Limit)
			timeline.Logf(ctx, "starting a goroutine outside any Group: it panics in %v", in)
			// A plain go statement: no Group, so no deferred recover. A
			// run stopped before the panic ends it without one: no
			// goroutine may outlive its run, least of all one that would
			// end the next.
			panicker := make(chan struct{})
			go func() {
				defer close(panicker)
				t := time.NewTimer(in)
				defer t.Stop()
				select {
				case <-t.C:
					panic(ErrForced)
				case <-ctx.Done():
				}
			}()
			timeline.Receive(ctx, panicker, "the goroutine that panics")
			return nil
		})
	}
	err := g.Wait()
	if at := doneAt.Load(); at != 0 {
		res.Ignored = time.Since(time.Unix(0, at))
	}
	return res, errors.Join(err, ctx.Err())
}

// spin computes for d: no channel, no sleep, no ctx, no Pace. On js/wasm it
// holds the only thread for all of d.
func spin(d time.Duration) int64 {
	var n int64
	for deadline := time.Now().Add(d); time.Now().Before(deadline); n++ {
	}
	return n
}

// waitThenSend waits to receive from in, the channel called inName, before
// sending on out.
func waitThenSend(ctx context.Context, inName string, in <-chan struct{}, out chan<- struct{}, giveUp <-chan struct{}) error {
	timeline.Logf(ctx, "waiting for the other to send first")
	// Shown as a wait, so its lane does not read as running: the channels
	// are plain, not timeline queues, and only this call tells the
	// recorder. It changes nothing in the select, which still ignores ctx.
	resume := timeline.Wait(ctx, timeline.Waiting, "a send on "+inName+", not ctx")
	select {
	case <-in:
	case <-giveUp:
		resume()
		timeline.Logf(ctx, "gave up")
		return nil
	}
	resume()
	out <- struct{}{}
	return nil
}
