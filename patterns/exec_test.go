package patterns

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

// TestExecDeadlock checks the deadlock lesson end to end: the stuck run is
// stopped within 2s with a message that names the goroutine and its wait,
// and the fixed version runs to the end.
func TestExecDeadlock(t *testing.T) {
	spec, _ := Lookup("deadlock")
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		res, err := spec.Exec(t.Context(), spec.Defaults(), timeline.New(0))
		took := time.Since(start)
		dl, ok := errors.AsType[*timeline.DeadlockError](err)
		if !ok {
			t.Fatalf("Exec = %v, want a deadlock", err)
		}
		if took > 2*time.Second {
			t.Errorf("detected after %v, want within 2s", took)
		}
		if got, want := dl.Error(), "deadlock: consumer-0 waits on get(queue) with no producer"; got != want {
			t.Errorf("error = %q, want %q", got, want)
		}
		if m, _ := res.Metric("consumed"); m.Value != "0 of 3" {
			t.Errorf("consumed = %q, want 0 of 3", m.Value)
		}
	})
	vals := spec.Defaults()
	vals["fixed"] = 1
	res, err := spec.Exec(t.Context(), vals, timeline.New(0))
	if err != nil {
		t.Fatalf("fixed: Exec = %v", err)
	}
	if m, _ := res.Metric("consumed"); m.Value != "3 of 3" {
		t.Errorf("fixed: consumed = %q, want 3 of 3", m.Value)
	}
}

// TestExecFinishesTheRecorder checks that the recorder's clock is the
// run's: it starts with Run, however long before the recorder was made,
// and stops when Run returns, so that a snapshot taken later, as a
// runner's last one is, reports the run's time.
func TestExecFinishesTheRecorder(t *testing.T) {
	spec, _ := Lookup("prodcons")
	vals := spec.Defaults()
	vals["duration"] = int64(100 * time.Millisecond)
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New(0)
		time.Sleep(time.Second) // the runner's setup, say
		start := time.Now()
		if _, err := spec.Exec(t.Context(), vals, rec); err != nil {
			t.Fatalf("Exec = %v", err)
		}
		took := time.Since(start)
		time.Sleep(time.Second)
		if got := rec.Snapshot(^uint64(0)).Elapsed; got != took {
			t.Errorf("elapsed a second after the run = %v, want the run's %v", got, took)
		}
	})
}

// TestExecPanic checks that a panic in a pattern's own Run goroutine is an
// error, not the end of the program.
func TestExecPanic(t *testing.T) {
	spec := Spec{ID: "boom", Run: func(context.Context, Values, *timeline.Recorder) (Result, error) {
		panic("boom")
	}}
	_, err := spec.Exec(t.Context(), nil, timeline.New(0))
	if err == nil || !strings.HasPrefix(err.Error(), "boom panicked: boom") {
		t.Errorf("Exec = %v, want boom panicked: boom", err)
	}
}

// TestExecNotStuckWhileSleeping checks that goroutines that sleep, or
// wait on a timer, or block while another sleeps, are never judged stuck,
// however long.
func TestExecNotStuckWhileSleeping(t *testing.T) {
	spec := Spec{ID: "slow", Run: func(ctx context.Context, _ Values, rec *timeline.Recorder) (Result, error) {
		q := timeline.NewQueue[int](rec, "q", 0)
		g := timeline.NewGroup(rec)
		g.Go(ctx, "getter", func(ctx context.Context) error { _, err := q.Get(ctx); return err })
		g.Go(ctx, "ticker", func(ctx context.Context) error {
			resume := timeline.Wait(ctx, timeline.Waiting, "the next tick")
			defer resume()
			select {
			case <-time.After(10 * time.Second):
			case <-ctx.Done():
			}
			return nil
		})
		g.Go(ctx, "putter", func(ctx context.Context) error {
			if err := timeline.Sleep(ctx, 5*time.Second); err != nil {
				return err
			}
			return q.Put(ctx, 1)
		})
		return Result{}, g.Wait()
	}}
	synctest.Test(t, func(t *testing.T) {
		if _, err := spec.Exec(t.Context(), nil, timeline.New(0)); err != nil {
			t.Errorf("Exec = %v, want a normal end after 5s", err)
		}
	})
}
