package deadlock

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

func recorders() map[string]func() *timeline.Recorder {
	return map[string]func() *timeline.Recorder{
		"recorder=nil": func() *timeline.Recorder { return nil },
		"recorder=on":  func() *timeline.Recorder { return timeline.New(0) },
	}
}

// TestRun checks the fix: every item is handed over, and both goroutines
// return.
func TestRun(t *testing.T) {
	for _, items := range []int{0, 1, 3, 100} {
		for name, rec := range recorders() {
			t.Run(fmt.Sprintf("items=%d/%s", items, name), func(t *testing.T) {
				res, err := Run(t.Context(), Config{Items: items}, rec())
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				if res.Produced != items || res.Consumed != items {
					t.Errorf("produced %d, consumed %d; want %d each", res.Produced, res.Consumed, items)
				}
			})
		}
	}
}

// TestNaiveRunDeadlocks shows why NaiveRun is wrong: nothing is ever
// handed over, it returns only when its context ends, and at that point
// the consumer is blocked on get and nobody is putting. The snapshot is
// the one timeline.Stuck judges as a deadlock.
func TestNaiveRunDeadlocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New(0)
		ctx, cancel := context.WithTimeout(t.Context(), time.Hour)
		defer cancel()
		done := make(chan struct{})
		var res Result
		var err error
		go func() {
			defer close(done)
			res, err = NaiveRun(ctx, Config{Items: 3}, rec)
		}()
		time.Sleep(2 * time.Second)
		synctest.Wait()
		dl, stuck := timeline.Stuck(rec.Snapshot(0), time.Second)
		if !stuck {
			t.Fatalf("after 2s the run is not stuck: %+v", rec.Snapshot(0).Goroutines)
		}
		if got, want := dl.Error(), "deadlock: consumer-0 waits on get(queue) with no producer"; got != want {
			t.Errorf("deadlock = %q, want %q", got, want)
		}
		select {
		case <-done:
			t.Fatal("NaiveRun returned while its context was live")
		default:
		}
		cancel()
		<-done
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if res.Produced != 0 || res.Consumed != 0 {
			t.Errorf("produced %d, consumed %d; want nothing handed over", res.Produced, res.Consumed)
		}
	})
}

func TestNaiveRunNoItems(t *testing.T) {
	// With nothing to get, the consumer returns at once and the order does
	// not matter: the bug needs a get that waits.
	res, err := NaiveRun(t.Context(), Config{}, nil)
	if err != nil || res != (Result{}) {
		t.Errorf("NaiveRun = %+v, %v; want nothing and no error", res, err)
	}
}

func TestRunCancel(t *testing.T) {
	for name, rec := range recorders() {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			_, err := Run(ctx, Config{Items: 1000}, rec())
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
		})
	}
}
