package pipeline

import (
	"context"
	"fmt"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

var recorders = []struct {
	name string
	rec  func() *timeline.Recorder
}{
	{"recorder=nil", func() *timeline.Recorder { return nil }},
	{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
}

// BenchmarkRunPolling pushes 50 items through the three stages with 1ms of
// work each, polling every 1ms or blocking. It reports items and empty
// polls per second of run; each iteration takes about 60ms.
func BenchmarkRunPolling(b *testing.B) {
	for _, blocking := range []bool{false, true} {
		for _, r := range recorders {
			b.Run(fmt.Sprintf("blocking=%v/%s", blocking, r.name), func(b *testing.B) {
				cfg := PollingConfig{Items: 50, Download: time.Millisecond, Resize: time.Millisecond,
					Upload: time.Millisecond, PollInterval: time.Millisecond, Blocking: blocking}
				var items, polls int
				var elapsed time.Duration
				for b.Loop() {
					// The timeout only bounds an iteration that went wrong.
					ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
					res, err := RunPolling(ctx, cfg, r.rec())
					cancel()
					if err != nil {
						b.Fatal(err)
					}
					items += len(res.Done)
					polls += res.Polls()
					elapsed += res.Elapsed
				}
				b.ReportMetric(float64(items)/elapsed.Seconds(), "items/s")
				b.ReportMetric(float64(polls)/elapsed.Seconds(), "polls/s")
			})
		}
	}
}

// BenchmarkRun pushes 100 items through the course's 3, 4 and 5 workers
// per stage with no work, buffers of 10: the cost of the queues and the
// goroutines themselves. Each iteration takes well under a millisecond.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Items: 100, Downloaders: 3, Resizers: 4, Uploaders: 5, Buffer: 10}
	for _, r := range recorders {
		b.Run(r.name, func(b *testing.B) {
			var items int
			var elapsed time.Duration
			for b.Loop() {
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, r.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				items += len(res.Done)
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(items)/elapsed.Seconds(), "items/s")
		})
	}
}
