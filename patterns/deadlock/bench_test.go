package deadlock

import (
	"testing"
	"time"
)

// BenchmarkRun measures the fixed version's hand-over rate through its
// unbuffered queue.
func BenchmarkRun(b *testing.B) {
	for name, rec := range recorders() {
		b.Run(name, func(b *testing.B) {
			var items int
			var took time.Duration
			for b.Loop() {
				start := time.Now()
				res, err := Run(b.Context(), Config{Items: 1000}, rec())
				if err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				items += res.Consumed
			}
			b.ReportMetric(float64(items)/took.Seconds(), "items/s")
		})
	}
}
