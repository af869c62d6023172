package events

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures how fast one set wakes many waiters and how many
// timed waits and ticks a run gets through: 16 forever waiters and 16 timed
// waiters with a 1ms timeout, an event set after 20ms and a 1ms interval
// stopped after 20ms. It reports wake-ups (by the set or by a timeout) and
// ticks per second of run time.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Waiters: 16, TimedWaiters: 16, WaitTimeout: time.Millisecond, SetDelay: 20 * time.Millisecond,
		TimerDelay: 10 * time.Millisecond, Interval: time.Millisecond, Duration: 20 * time.Millisecond}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var wakes, ticks int
			var elapsed time.Duration
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				for _, w := range res.Waiters {
					wakes += 1 + w.Timeouts
				}
				ticks += res.Ticks
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(wakes)/elapsed.Seconds(), "wakeups/s")
			b.ReportMetric(float64(ticks)/elapsed.Seconds(), "ticks/s")
		})
	}
}
