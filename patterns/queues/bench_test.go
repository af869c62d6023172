package queues

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures how fast main can hand 1000 items to one worker
// through a buffer of 10 with no delays, with and without a recorder.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Buffer: 10, Items: 1000, Consumers: 1}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var items int
			var elapsed time.Duration
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				items += res.Processed
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(items)/elapsed.Seconds(), "items/s")
		})
	}
}
