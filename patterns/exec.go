package patterns

import (
	"context"
	"errors"
	"sync"
	"time"

	"chanlab/patterns/timeline"
	"chanlab/patterns/wrap"
)

// Deadlock detection: a run whose live goroutines have all been waiting for
// stuckAfter is stopped with a *timeline.DeadlockError. The recorder is
// checked every watchEvery, so a deadlock is reported within
// stuckAfter+watchEvery of its start.
const (
	stuckAfter = time.Second
	watchEvery = 100 * time.Millisecond
)

// Exec runs the pattern once, the way the UI does: it returns when every
// goroutine the run started has exited. Beyond Run, it turns a panic in the
// run's own goroutine into an error (in the browser a panic would end the
// run's worker; panics in the pattern's goroutines are already recovered by
// their timeline.Group), and, when rec is not nil, it watches the recorder
// and stops a deadlocked run with a *timeline.DeadlockError that names each
// goroutine and what it waits on. Exec starts rec's clock as Run begins
// and stops it when Run returns (Recorder.Begin and Finish), so that the
// run's elapsed time is Run's.
//
// It is built from the wrappers of package wrap, the Go form of Python's
// decorators and context managers: Recover around Run, and Using to start
// the watchdog before the run and always stop it after.
//
// Slow motion happens here, and only here: Run gets vals with every delay
// multiplied by the factor of the SlowMotion knob.
func (s Spec) Exec(ctx context.Context, vals Values, rec *timeline.Recorder) (Result, error) {
	vals = s.slowed(vals)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	run := wrap.Recover(s.ID, func(ctx context.Context) (Result, error) {
		// The run's time is Run's: not from when rec was made, nor up to
		// when the watchdog has stopped or a runner sends the last
		// snapshot.
		rec.Begin()
		defer rec.Finish()
		return s.Run(ctx, vals, rec)
	})
	var res Result
	err := wrap.Using(ctx, func(ctx context.Context) (*watchdog, error) {
		return startWatchdog(ctx, rec, cancel), nil
	}, (*watchdog).stop, func(ctx context.Context, _ *watchdog) error {
		var err error
		res, err = run(ctx)
		return err
	})
	if dl, ok := errors.AsType[*timeline.DeadlockError](context.Cause(ctx)); ok {
		err = dl
	}
	return res, err
}

// watchdog checks a run's recorder for a deadlock while the run is going.
type watchdog struct {
	done chan struct{} // closed by stop
	wg   sync.WaitGroup
}

// startWatchdog checks rec every watchEvery and cancels the run with the
// deadlock as its cause if it gets stuck. With no recorder there is nothing
// to watch.
func startWatchdog(ctx context.Context, rec *timeline.Recorder, cancel context.CancelCauseFunc) *watchdog {
	w := &watchdog{done: make(chan struct{})}
	if rec == nil {
		return w
	}
	w.wg.Go(func() {
		t := time.NewTicker(watchEvery)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			// Only the live view is needed: a cursor past the end skips
			// the events.
			if dl, stuck := timeline.Stuck(rec.Snapshot(^uint64(0)), stuckAfter); stuck {
				cancel(dl)
				return
			}
		}
	})
	return w
}

// stop ends the watchdog and waits for it, so that it never outlives the
// run.
func (w *watchdog) stop() error {
	close(w.done)
	w.wg.Wait()
	return nil
}
