package app

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"chanlab/patterns/runner"
)

// runners hands out the runner that executes patterns, to one run at a
// time. In the browser that is a Web Worker (runners_wasm.go); natively, a
// runner goroutine in process (runners_other.go). One runner serves run
// after run until a run has to be killed or fails; it is then discarded and
// the next run gets a fresh one.
//
// A runner serves one run at a time, and a page runs one at a time; but a
// page that was left mid-run (for a page not found, say) stops its run
// while the next page may already start one. That run waits until the
// stopping one has given the runner back, or had it terminated.
type runners struct {
	// idle holds the runner while no run has it, or nil while there is
	// none (not started yet, discarded, or failed to start): a run takes
	// it out, and gives it back when it ends.
	idle  chan runner.Conn
	start func(warm bool) (runner.Conn, error) // a new runner, ready for Start; warmed up first if warm

	warm atomic.Bool // the next runner started warms up (warmNext)
}

func newRunners(start func(warm bool) (runner.Conn, error)) *runners {
	r := &runners{idle: make(chan runner.Conn, 1), start: start}
	r.idle <- nil
	return r
}

// take waits until no run has the runner and hands it to the caller,
// starting one if there is none; the caller must give it back. It may wait
// for another run to stop and for the runner to load: never call it on the
// UI goroutine. It gives up when ctx ends, even while a runner starts.
func (r *runners) take(ctx context.Context) (runner.Conn, error) {
	var c runner.Conn
	select {
	case c = <-r.idle:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if a, ok := c.(interface{ alive() bool }); ok && !a.alive() {
		// The worker died (a runtime fatal error): start a new one.
		c.Close()
		c = nil
	}
	if c != nil {
		return c, nil
	}
	// A start cannot be cut short (the runner's module compiling, its
	// worker loading), but the run can stop waiting for it: the start then
	// goes on, and gives its runner to the next run.
	type started struct {
		c   runner.Conn
		err error
	}
	done := make(chan started, 1)
	go func() {
		c, err := r.start(r.warm.Swap(false))
		done <- started{c, err}
	}()
	select {
	case s := <-done:
		if s.err != nil {
			r.idle <- nil
			return nil, s.err
		}
		return s.c, nil
	case <-ctx.Done():
		go func() {
			s := <-done
			if s.err != nil {
				s.c = nil
			}
			r.idle <- s.c
		}()
		return nil, ctx.Err()
	}
}

// give gives back c, taken for a run that has ended. A runner that is not
// sound (its run was killed, or failed) is closed, so that the next run
// starts a new one.
func (r *runners) give(c runner.Conn, sound bool) {
	if !sound {
		c.Close()
		c = nil
	}
	r.idle <- c
}

// warmNext has the next runner started warm its code up before it is
// ready (runner.WarmUp): the first run of a first visit then does not meet
// V8 optimizing the runner's code. Only that runner: one started later
// finds the code optimized already.
func (r *runners) warmNext() { r.warm.Store(true) }

// prepare starts the runner if there is none, so that the first run does
// not wait for it to load. Like take, never call it on the UI goroutine.
func (r *runners) prepare(ctx context.Context) {
	if c, err := r.take(ctx); err == nil {
		r.give(c, true)
	}
}

// theRunners serves every page of the app: the browser tab has one runner
// at a time.
var theRunners = newRunners(startRunner)

// errNotReady reports a runner whose first message was not Ready.
func errNotReady(m runner.Msg) error {
	if m.Error != "" {
		return errors.New(m.Error)
	}
	return fmt.Errorf("its first message was kind %d, not Ready", m.Kind)
}
