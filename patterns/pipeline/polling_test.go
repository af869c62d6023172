package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

func TestRunPolling(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		cfg  PollingConfig
	}{
		{"zero config", PollingConfig{}},
		{"one item", PollingConfig{Items: 1, PollInterval: ms}},
		{"no work", PollingConfig{Items: 30, PollInterval: ms}},
		{"even stages", PollingConfig{Items: 20, Download: ms, Resize: ms, Upload: ms, PollInterval: ms}},
		{"slow download", PollingConfig{Items: 20, Download: 3 * ms, Resize: ms, PollInterval: 2 * ms}},
		{"slow upload", PollingConfig{Items: 20, Upload: 2 * ms, PollInterval: ms}},
	}
	for _, tt := range tests {
		for _, blocking := range []bool{false, true} {
			for _, withRec := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s/blocking=%v/recorder=%v", tt.name, blocking, withRec), func(t *testing.T) {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(1 << 20)
					}
					cfg := tt.cfg
					cfg.Blocking = blocking
					res, err := RunPolling(context.Background(), cfg, rec)
					if err != nil {
						t.Fatalf("RunPolling: %v", err)
					}
					checkDone(t, res.Done, cfg.Items)
					for _, s := range res.Stages {
						checkStage(t, s.Name, s.Items, s.Sum, cfg.Items)
						if s.Wakeups != s.Items+s.Polls {
							t.Errorf("%s: %d wake-ups, want items %d + polls %d", s.Name, s.Wakeups, s.Items, s.Polls)
						}
						if blocking && s.Polls != 0 {
							t.Errorf("%s polled %d times on a blocking queue, want 0", s.Name, s.Polls)
						}
					}
					if blocking && res.RunPolls != 0 {
						t.Errorf("the blocking run polled the done queue %d times, want 0", res.RunPolls)
					}
					if !withRec {
						return
					}
					if blocking {
						checkQueues(t, rec, cfg.Items, []string{"main", "download", "resize", "upload"})
						return
					}
					s := rec.Snapshot(0)
					for _, g := range s.Goroutines {
						if g.State != timeline.Done {
							t.Errorf("%s is %v after the run returned, want done", g.Name, g.State)
						}
					}
					if len(s.Gauges) != 4 || s.Gauges[0].Max != int64(cfg.Items) {
						t.Errorf("gauges %+v, want 4 with the download queue's peak at %d", s.Gauges, cfg.Items)
					}
				})
			}
		}
	}
}

// lessonConfig is the catalog's default: a download slower than the stages
// after it, so that they run out of work after each item.
var lessonConfig = PollingConfig{
	Items:        50,
	Download:     20 * time.Millisecond,
	Resize:       10 * time.Millisecond,
	Upload:       10 * time.Millisecond,
	PollInterval: 10 * time.Millisecond,
}

// runSynctest runs RunPolling on a fake clock.
func runSynctest(t *testing.T, cfg PollingConfig) PollingResult {
	t.Helper()
	var res PollingResult
	synctest.Test(t, func(t *testing.T) {
		var err error
		res, err = RunPolling(context.Background(), cfg, timeline.New(0))
		if err != nil {
			t.Fatalf("RunPolling: %v", err)
		}
		checkDone(t, res.Done, cfg.Items)
	})
	return res
}

// TestPollingWastesWakeups is why naivePipeline is naive: its workers wake
// up more often to find nothing than to find an item, where blocking
// workers wake up exactly once per item.
func TestPollingWastesWakeups(t *testing.T) {
	cfg := lessonConfig
	polling := runSynctest(t, cfg)
	cfg.Blocking = true
	blocking := runSynctest(t, cfg)
	t.Logf("polling: %d polls, %d wake-ups, %v; blocking: %d polls, %d wake-ups, %v",
		polling.Polls(), polling.Wakeups(), polling.Elapsed, blocking.Polls(), blocking.Wakeups(), blocking.Elapsed)

	if got := polling.Polls(); got <= cfg.Items {
		t.Errorf("polling: %d empty polls for %d items, want more polls than items", got, cfg.Items)
	}
	if polling.RunPolls == 0 {
		t.Errorf("polling: the run never polled the done queue")
	}
	if got := blocking.Polls(); got != 0 {
		t.Errorf("blocking: %d polls, want 0", got)
	}
	for _, s := range blocking.Stages {
		if s.Wakeups != cfg.Items {
			t.Errorf("blocking: %s woke up %d times, want once per item (%d)", s.Name, s.Wakeups, cfg.Items)
		}
	}
}

// TestPollsGrowAsIntervalShrinks shows the poller's dilemma on a fake
// clock: a shorter interval wastes more wake-ups, and a longer one leaves
// items waiting in the queue, so that the run takes longer than with
// blocking queues at every interval.
func TestPollsGrowAsIntervalShrinks(t *testing.T) {
	cfg := lessonConfig
	cfg.Items = 20
	cfg.Blocking = true
	blocking := runSynctest(t, cfg)
	cfg.Blocking = false

	// On js/wasm the pacer's 1ms pauses for the host (timeline's
	// pace_js.go) land on the fake clock too and can shift either run by a
	// few milliseconds.
	var slack time.Duration
	if runtime.GOARCH == "wasm" {
		slack = 5 * time.Millisecond
	}
	prev := -1
	for _, interval := range []time.Duration{50 * time.Millisecond, 20 * time.Millisecond, 10 * time.Millisecond, 5 * time.Millisecond, time.Millisecond} {
		cfg.PollInterval = interval
		res := runSynctest(t, cfg)
		t.Logf("interval %v: %d polls, elapsed %v (blocking %v)", interval, res.Polls(), res.Elapsed, blocking.Elapsed)
		if res.Polls() <= prev {
			t.Errorf("interval %v: %d polls, want more than the %d of a longer interval", interval, res.Polls(), prev)
		}
		prev = res.Polls()
		if res.Elapsed+slack < blocking.Elapsed {
			t.Errorf("interval %v: polling took %v, less than blocking's %v", interval, res.Elapsed, blocking.Elapsed)
		}
	}
}

func TestRunPollingCancel(t *testing.T) {
	for _, blocking := range []bool{false, true} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("blocking=%v/recorder=%v", blocking, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				cfg := PollingConfig{Items: 1000, Download: 5 * time.Millisecond, Resize: 2 * time.Millisecond,
					Upload: 2 * time.Millisecond, PollInterval: time.Millisecond, Blocking: blocking}
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(30*time.Millisecond, cancel)
				start := time.Now()
				res, err := RunPolling(ctx, cfg, rec)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				if took := time.Since(start); took > 30*time.Millisecond+100*time.Millisecond {
					t.Errorf("RunPolling took %v after a cancel at 30ms", took)
				}
				if len(res.Done) >= cfg.Items {
					t.Errorf("%d items done before a cancel at 30ms, want fewer than %d", len(res.Done), cfg.Items)
				}
				checkNoDuplicates(t, res.Done, cfg.Items)
			})
		}
	}
}

// TestRunPollingCancelSynctest cancels on a fake clock, where a leaked or
// stuck goroutine fails the test.
func TestRunPollingCancelSynctest(t *testing.T) {
	for _, blocking := range []bool{false, true} {
		t.Run(fmt.Sprintf("blocking=%v", blocking), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 105*time.Millisecond)
				defer cancel()
				cfg := lessonConfig
				cfg.Blocking = blocking
				res, err := RunPolling(ctx, cfg, nil)
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want context.DeadlineExceeded", err)
				}
				if res.Elapsed != 105*time.Millisecond {
					t.Errorf("Elapsed = %v, want the 105ms of the deadline", res.Elapsed)
				}
				// Items leave download every 20ms and take 20ms more when
				// nothing waits for a poll: 4 are done at 40, 60, 80, 100ms.
				if n := len(res.Done); n > 4 || n < 1 || blocking && n != 4 {
					t.Errorf("%d items done by 105ms, want 4 (1 to 4 when polling)", n)
				}
				checkNoDuplicates(t, res.Done, cfg.Items)
			})
		})
	}
}
