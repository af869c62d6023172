package prodcons

import (
	"context"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures throughput with no delays: how many items one
// producer can hand one consumer through a buffer of 10 in 100ms, with and
// without a recorder. Each iteration is one 100ms run plus the drain.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Buffer: 10, Producers: 1, Consumers: 1, Duration: 100 * time.Millisecond}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total Result
			for b.Loop() {
				// The timeout only bounds an iteration that went wrong.
				ctx, cancel := context.WithTimeout(b.Context(), 10*time.Second)
				res, err := Run(ctx, cfg, bc.rec())
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				total.Consumed += res.Consumed
				total.Elapsed += res.Elapsed
			}
			b.ReportMetric(float64(total.Consumed)/total.Elapsed.Seconds(), "items/s")
		})
	}
}
