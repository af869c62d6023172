package backlog

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures how many items per second the unbounded buffer
// goroutine hands from producer to consumer with no delays, with and
// without a recorder. Each iteration is one 50ms run.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Duration: 50 * time.Millisecond, Size: 64}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var consumed int
			var elapsed time.Duration
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				consumed += res.Consumed
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(consumed)/elapsed.Seconds(), "items/s")
		})
	}
}
