package procs

import (
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// BenchmarkRun measures counting throughput: 4 workers counting to 5M each
// and reporting over the queue, with and without a recorder. An iteration
// takes tens of milliseconds natively, a little more in the browser.
func BenchmarkRun(b *testing.B) {
	cfg := Config{Workers: 4, N: 5_000_000}
	for _, bc := range []struct {
		name string
		rec  func() *timeline.Recorder
	}{
		{"recorder=nil", func() *timeline.Recorder { return nil }},
		{"recorder=on", func() *timeline.Recorder { return timeline.New(0) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var counted int
			var elapsed time.Duration
			for b.Loop() {
				res, err := Run(b.Context(), cfg, bc.rec())
				if err != nil {
					b.Fatal(err)
				}
				counted += res.Total
				elapsed += res.Elapsed
			}
			b.ReportMetric(float64(counted)/elapsed.Seconds(), "counts/s")
		})
	}
}
