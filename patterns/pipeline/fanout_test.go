package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

// workerNames are the goroutines a run with these workers per stage starts.
func workerNames(cfg Config) []string {
	// The collector, main, which puts every item, and the workers.
	names := []string{"collector", "main"}
	for _, s := range []struct {
		name string
		n    int
	}{{"download", cfg.Downloaders}, {"resize", cfg.Resizers}, {"upload", cfg.Uploaders}} {
		for w := range max(s.n, 1) {
			names = append(names, fmt.Sprintf("%s-%d", s.name, w))
		}
	}
	return names
}

func TestRun(t *testing.T) {
	ms := time.Millisecond
	type test struct {
		name string
		cfg  Config
	}
	tests := []test{
		{"zero config", Config{}},
		{"one item", Config{Items: 1}},
		{"one worker each, no work", Config{Items: 100, Buffer: 1}},
	}
	for _, workers := range [][3]int{{1, 1, 1}, {3, 4, 5}, {2, 1, 3}, {16, 1, 16}} {
		for _, buffer := range []int{0, 1, 10} {
			tests = append(tests, test{fmt.Sprintf("workers %v/buffer %d", workers, buffer), Config{
				Items: 37, Downloaders: workers[0], Resizers: workers[1], Uploaders: workers[2],
				Buffer: buffer, Download: ms, Resize: ms, Upload: ms / 2,
			}})
		}
	}
	for _, tt := range tests {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/recorder=%v", tt.name, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(1 << 20)
				}
				res, err := Run(context.Background(), tt.cfg, rec)
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				checkDone(t, res.Done, tt.cfg.Items)
				for _, s := range res.Stages {
					checkStage(t, s.Name, s.Items, s.Sum, tt.cfg.Items)
				}
				names := workerNames(tt.cfg)
				if want := len(names) - 2; res.Workers != want || res.Exited != want {
					t.Errorf("%d workers started and %d exited, want %d and %d", res.Workers, res.Exited, want, want)
				}
				if withRec {
					checkQueues(t, rec, tt.cfg.Items, names)
				}
			})
		}
	}
}

// TestFanOutThroughput checks the lesson on a fake clock: the slowest stage
// sets the pipeline's throughput, and k workers in it multiply that by k,
// as long as it stays the slowest.
func TestFanOutThroughput(t *testing.T) {
	const resize = 40 * time.Millisecond // 25 items/s per worker
	for _, resizers := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("resizers=%d", resizers), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cfg := Config{Items: 200, Downloaders: 1, Resizers: resizers, Uploaders: 1, Buffer: 10,
					Download: 5 * time.Millisecond, Resize: resize, Upload: 5 * time.Millisecond} // 200 items/s each
				res, err := Run(context.Background(), cfg, timeline.New(0))
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				checkDone(t, res.Done, cfg.Items)
				want := float64(resizers) / resize.Seconds()
				got := res.Throughput()
				t.Logf("%d resizers: %.1f items/s in %v, want ≈ %.0f", resizers, got, res.Elapsed, want)
				// Filling and draining the pipeline cost a little.
				if math.Abs(got-want) > 0.05*want {
					t.Errorf("throughput %.1f items/s, want %.0f ± 5%%", got, want)
				}
			})
		})
	}
}

// TestBalancedStages checks the catalog's default on a fake clock: the
// course's 3, 4 and 5 workers with 30, 40 and 50ms of work give every
// stage 100 items/s, and so the pipeline too.
func TestBalancedStages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{Items: 100, Downloaders: 3, Resizers: 4, Uploaders: 5, Buffer: 10,
			Download: 30 * time.Millisecond, Resize: 40 * time.Millisecond, Upload: 50 * time.Millisecond}
		res, err := Run(context.Background(), cfg, nil)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		checkDone(t, res.Done, cfg.Items)
		// 100 items at 100/s, plus the 120ms one item takes through all three.
		if got, want := res.Elapsed, 1120*time.Millisecond; got < want-50*time.Millisecond || got > want+50*time.Millisecond {
			t.Errorf("Elapsed = %v, want about %v", got, want)
		}
	})
}

func TestRunCancel(t *testing.T) {
	for _, buffer := range []int{0, 10} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("buffer=%d/recorder=%v", buffer, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				cfg := Config{Items: 10000, Downloaders: 3, Resizers: 4, Uploaders: 5, Buffer: buffer,
					Download: time.Millisecond, Resize: 2 * time.Millisecond, Upload: 3 * time.Millisecond}
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(30*time.Millisecond, cancel)
				start := time.Now()
				res, err := Run(ctx, cfg, rec)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				if took := time.Since(start); took > 30*time.Millisecond+100*time.Millisecond {
					t.Errorf("Run took %v after a cancel at 30ms", took)
				}
				if n := len(res.Done); n == 0 || n >= cfg.Items {
					t.Errorf("%d items done before a cancel at 30ms, want some, not all %d", n, cfg.Items)
				}
				checkNoDuplicates(t, res.Done, cfg.Items)
				if res.Workers != 12 || res.Exited != 12 {
					t.Errorf("%d workers started and %d exited, want 12 and 12", res.Workers, res.Exited)
				}
			})
		}
	}
}

// TestRunCancelSynctest cancels mid-run on a fake clock, where a leaked or
// stuck goroutine fails the test.
func TestRunCancelSynctest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 505*time.Millisecond)
		defer cancel()
		cfg := Config{Items: 100, Downloaders: 3, Resizers: 4, Uploaders: 5, Buffer: 10,
			Download: 30 * time.Millisecond, Resize: 40 * time.Millisecond, Upload: 50 * time.Millisecond}
		res, err := Run(ctx, cfg, timeline.New(0))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		if res.Elapsed != 505*time.Millisecond {
			t.Errorf("Elapsed = %v, want the 505ms of the deadline", res.Elapsed)
		}
		// About 100 items/s after the first 120ms.
		if n := len(res.Done); n < 30 || n > 45 {
			t.Errorf("%d items done by 505ms, want about 38", n)
		}
		checkNoDuplicates(t, res.Done, cfg.Items)
		if res.Exited != 12 {
			t.Errorf("%d workers exited, want 12", res.Exited)
		}
	})
}
